// Copy, paste and duplicate of canvas selections. The clipboard lives in localStorage, so a selection
// copied in one pipeline pastes into another. Pure apart from the storage helpers at the bottom.
import type { Edge } from "@xyflow/react";
import { z } from "zod";
import { graphAnnotation, graphEdge, graphNode } from "@/nodes/graph";
import { flowToGraph, graphToFlow, nextNodeId, type CanvasNode } from "./flow-graph";
import { absolutePosition } from "./grouping";

export const CLIPBOARD_KEY = "groundwork:clipboard";

const fragmentSchema = z
  .object({
    format: z.literal("groundwork.fragment"),
    nodes: z.array(graphNode),
    edges: z.array(graphEdge),
    annotations: z.array(graphAnnotation).default([]),
  })
  .refine((f) => f.nodes.length + f.annotations.length > 0, "An empty fragment");

export type Fragment = z.output<typeof fragmentSchema>;

/**
 * The selected nodes, notes and groups (a group with all its members) and the wires between them;
 * null when nothing is selected. A member copied without its group keeps its place on the canvas.
 */
export function copySelection(nodes: CanvasNode[], edges: Edge[]): Fragment | null {
  const groups = new Set(nodes.filter((n) => n.selected && n.type === "group").map((n) => n.id));
  const picked = nodes.filter((n) => n.selected || (n.parentId !== undefined && groups.has(n.parentId)));
  if (picked.length === 0) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const loose = picked.map((n) =>
    n.parentId && !groups.has(n.parentId) ? ({ ...n, parentId: undefined, position: absolutePosition(n, byId) } as CanvasNode) : n,
  );
  const ids = new Set(picked.map((n) => n.id));
  const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const graph = flowToGraph(loose, inner);
  return { format: "groundwork.fragment", nodes: graph.nodes, edges: graph.edges, annotations: graph.annotations ?? [] };
}

/** Where a pasted fragment is anchored: its first top-level item. */
export function fragmentOrigin(fragment: Fragment): { x: number; y: number } {
  const first = [...fragment.annotations, ...fragment.nodes].find((item) => !("parentId" in item) || item.parentId === undefined);
  return first?.position ?? { x: 0, y: 0 };
}

/** The fragment as new, selected canvas elements: fresh ids, shifted by `offset`, wires and groups remapped. */
export function pasteFragment(
  fragment: Fragment,
  existingIds: Iterable<string>,
  offset: { x: number; y: number },
): { nodes: CanvasNode[]; edges: Edge[] } {
  const taken = new Set(existingIds);
  const renamed = new Map<string, string>();
  for (const item of [...fragment.annotations, ...fragment.nodes]) {
    const id = nextNodeId("type" in item ? item.type : item.kind, taken);
    taken.add(id);
    renamed.set(item.id, id);
  }
  // Members move with their group, so only top-level items are shifted.
  const place = (item: { position: { x: number; y: number }; parentId?: string }) => {
    const parentId = item.parentId === undefined ? undefined : renamed.get(item.parentId);
    return parentId
      ? { parentId, position: item.position }
      : { parentId: undefined, position: { x: item.position.x + offset.x, y: item.position.y + offset.y } };
  };
  const flow = graphToFlow({
    schemaVersion: 1,
    nodes: fragment.nodes.map((n) => ({ ...n, id: renamed.get(n.id)!, ...place(n) })),
    edges: fragment.edges.flatMap((e) => {
      const source = renamed.get(e.source);
      const target = renamed.get(e.target);
      if (!source || !target) return [];
      return [{ ...e, id: `${source}.${e.sourceHandle}->${target}.${e.targetHandle}`, source, target }];
    }),
    annotations: fragment.annotations.map((a) => (a.kind === "group" ? { ...a, id: renamed.get(a.id)!, ...place({ position: a.position }) } : { ...a, id: renamed.get(a.id)!, ...place(a) })),
  });
  return { nodes: flow.nodes.map((n) => ({ ...n, selected: true })), edges: flow.edges };
}

/** Reads clipboard text; anything that is not a Groundwork fragment is ignored. */
export function readFragment(text: string | null): Fragment | null {
  if (!text) return null;
  try {
    const parsed = fragmentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function storeFragment(fragment: Fragment): void {
  window.localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(fragment));
}

export function loadFragment(): Fragment | null {
  return readFragment(window.localStorage.getItem(CLIPBOARD_KEY));
}
