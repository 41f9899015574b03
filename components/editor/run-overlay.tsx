"use client";

import { createContext, useContext } from "react";

/** A node's state in the latest run, as the canvas shows it. */
export type NodeRunState = {
  status: "running" | "done" | "failed" | "cancelled";
  durationMs?: number;
  error?: string;
};

export type CanvasOverlay = {
  runStates: Record<string, NodeRunState>;
  /** Validation problems per node id, in words. */
  problems: Record<string, string[]>;
  /** Nodes added or changed relative to the version being compared, highlighted on their cards. */
  diff: Record<string, "added" | "changed">;
};

const empty: CanvasOverlay = { runStates: {}, problems: {}, diff: {} };

// Run states, problems and diff marks change without changing the graph, so they reach node cards by context
// instead of node data (which is what gets saved).
export const CanvasOverlayContext = createContext<CanvasOverlay>(empty);

export function useCanvasOverlay(): CanvasOverlay {
  return useContext(CanvasOverlayContext);
}
