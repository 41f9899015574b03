"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { THEME_COOKIE, type ThemeSetting } from "./theme-setting";

const ThemeContext = createContext<{ setting: ThemeSetting; setSetting: (next: ThemeSetting) => void }>({
  setting: "system",
  setSetting: () => {},
});

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Holds the theme the server rendered with. A change swaps the class on <html> (the CSS does the
 * rest, including "system", which follows prefers-color-scheme) and is kept in the cookie for the
 * next page load.
 */
export function ThemeProvider({ initial, children }: { initial: ThemeSetting; children: ReactNode }) {
  const [setting, setState] = useState(initial);
  const setSetting = useCallback((next: ThemeSetting) => {
    const root = document.documentElement;
    root.classList.remove("system", "light", "dark");
    root.classList.add(next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    setState(next);
  }, []);
  const value = useMemo(() => ({ setting, setSetting }), [setting, setSetting]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme() {
  return useContext(ThemeContext);
}
