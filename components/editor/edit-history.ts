// Undo/redo over whole-canvas snapshots. Pure: the draft hook keeps one of these in a ref.
import type { Edge } from "@xyflow/react";
import type { CanvasNode } from "./flow-graph";

export type Snapshot = { nodes: CanvasNode[]; edges: Edge[] };

export type EditHistory = {
  past: Snapshot[];
  future: Snapshot[];
  /** The last recorded edit's kind and time: typing into one field is one undo step, not one per key. */
  lastKey: string | null;
  lastAt: number;
};

export const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000;

export const emptyHistory: EditHistory = { past: [], future: [], lastKey: null, lastAt: 0 };

/** What an undo step restores: selection and drag state are the person's, not the graph's. */
export function snapshotOf(state: Snapshot): Snapshot {
  return {
    nodes: state.nodes.map((n) => (n.selected || n.dragging ? { ...n, selected: false, dragging: false } : n)),
    edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  };
}

/** Remembers `before` as the state to return to; an edit of the same kind within a second joins the previous step. */
export function recordEdit(history: EditHistory, before: Snapshot, key: string | null, now: number): EditHistory {
  if (key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS) {
    return { ...history, lastAt: now };
  }
  return { past: [...history.past, snapshotOf(before)].slice(-HISTORY_LIMIT), future: [], lastKey: key, lastAt: now };
}

export function undoEdit(history: EditHistory, current: Snapshot): { history: EditHistory; restore: Snapshot } | null {
  const restore = history.past.at(-1);
  if (!restore) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [...history.future, snapshotOf(current)], lastKey: null, lastAt: 0 },
    restore,
  };
}

export function redoEdit(history: EditHistory, current: Snapshot): { history: EditHistory; restore: Snapshot } | null {
  const restore = history.future.at(-1);
  if (!restore) return null;
  return {
    history: { past: [...history.past, snapshotOf(current)], future: history.future.slice(0, -1), lastKey: null, lastAt: 0 },
    restore,
  };
}
