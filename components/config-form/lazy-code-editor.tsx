"use client";

import dynamic from "next/dynamic";
import type { CodeEditorProps } from "./code-editor";

/**
 * The code editor, fetched the first time a prompt or JSON field is shown; a placeholder box holds
 * its place for the moment that takes.
 */
export const LazyCodeEditor = dynamic<CodeEditorProps>(() => import("./code-editor"), {
  ssr: false,
  loading: () => <div aria-busy="true" className="min-h-20 rounded-md border border-input bg-muted/40 px-3 py-2 font-mono text-xs text-muted-foreground">Loading the editor…</div>,
});
