// The console's colour theme: the person's choice, kept in a cookie so the server renders <html> with
// the right class and the first paint is already in that theme (no script, nothing for the CSP to allow).
export const THEME_COOKIE = "gw_theme";
export const THEME_SETTINGS = ["system", "light", "dark"] as const;
export type ThemeSetting = (typeof THEME_SETTINGS)[number];

/** A cookie value as a setting; anything unknown means "follow the system". */
export function themeSetting(value: string | undefined): ThemeSetting {
  return (THEME_SETTINGS as readonly string[]).includes(value ?? "") ? (value as ThemeSetting) : "system";
}

/** The next setting of the toggle: system → light → dark → system. */
export function nextTheme(setting: ThemeSetting): ThemeSetting {
  return THEME_SETTINGS[(THEME_SETTINGS.indexOf(setting) + 1) % THEME_SETTINGS.length];
}
