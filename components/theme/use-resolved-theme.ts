"use client";

import { useSyncExternalStore } from "react";
import { useTheme } from "./theme-provider";

const query = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(query);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Light or dark as shown now: "system" resolved through prefers-color-scheme, following its changes. */
export function useResolvedTheme(): "light" | "dark" {
  const { setting } = useTheme();
  const systemDark = useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
  return setting === "system" ? (systemDark ? "dark" : "light") : setting;
}
