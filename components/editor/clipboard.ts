// Copy, paste and duplicate of canvas selections. The clipboard lives in localStorage, so a selection
// copied in one pipeline pastes into another. Pure apart from the storage helpers at the bottom.
import type { Edge } from "@xyflow/react";
import { z } from "zod";
import { graphEdge, graphNode } from "@/nodes/graph";
import { flowToGraph, graphToFlow, nextNodeId, type StepNode } from "./flow-graph";

export const CLIPBOARD_KEY = "groundwork:clipboard";

const fragmentSchema = z.object({
  format: z.literal("groundwork.fragment"),
  nodes: z.array(graphNode).min(1),
  edges: z.array(graphEdge),
});

export type Fragment = z.output<typeof fragmentSchema>;

/** The selected nodes and the wires between them; null when nothing is selected. */
export function copySelection(nodes: StepNode[], edges: Edge[]): Fragment | null {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((n) => n.id));
  const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const graph = flowToGraph(picked, inner);
  return { format: "groundwork.fragment", nodes: graph.nodes, edges: graph.edges };
}

/** The fragment as new, selected canvas elements: fresh ids, shifted by `offset`, wires remapped. */
export function pasteFragment(
  fragment: Fragment,
  existingIds: Iterable<string>,
  offset: { x: number; y: number },
): { nodes: StepNode[]; edges: Edge[] } {
  const taken = new Set(existingIds);
  const renamed = new Map<string, string>();
  for (const node of fragment.nodes) {
    const id = nextNodeId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const flow = graphToFlow({
    schemaVersion: 1,
    nodes: fragment.nodes.map((n) => ({
      ...n,
      id: renamed.get(n.id)!,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    })),
    edges: fragment.edges.flatMap((e) => {
      const source = renamed.get(e.source);
      const target = renamed.get(e.target);
      if (!source || !target) return [];
      return [{ ...e, id: `${source}.${e.sourceHandle}->${target}.${e.targetHandle}`, source, target }];
    }),
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
