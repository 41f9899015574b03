// Server side of the theme: the layout reads the cookie while rendering <html>.
import { cookies } from "next/headers";
import { THEME_COOKIE, themeSetting, type ThemeSetting } from "./theme-setting";

export async function themeFromCookies(): Promise<ThemeSetting> {
  return themeSetting((await cookies()).get(THEME_COOKIE)?.value);
}
