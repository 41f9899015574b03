"use client";

import { useSyncExternalStore } from "react";

const noChange = () => () => {};

/** This console's origin (scheme, host, port), for absolute URLs; empty while rendering on the server. */
export function useOrigin(): string {
  return useSyncExternalStore(
    noChange,
    () => window.location.origin,
    () => "",
  );
}
