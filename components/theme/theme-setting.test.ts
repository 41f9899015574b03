import { describe, expect, it } from "vitest";
import { nextTheme, themeSetting } from "./theme-setting";

describe("theme setting", () => {
  it("reads a cookie value, treating anything unknown as system", () => {
    expect(themeSetting("dark")).toBe("dark");
    expect(themeSetting("light")).toBe("light");
    expect(themeSetting(undefined)).toBe("system");
    expect(themeSetting("purple")).toBe("system");
  });

  it("cycles system → light → dark → system", () => {
    expect([nextTheme("system"), nextTheme("light"), nextTheme("dark")]).toEqual(["light", "dark", "system"]);
  });
});
