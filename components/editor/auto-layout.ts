// Auto-layout: elkjs' layered algorithm, left to right, from each card's measured size. A group is laid
// out as a compound node around its members, so it stays a frame around them; notes are placed like
// cards without wires.
import type { Edge, XYPosition } from "@xyflow/react";
import type { ElkNode } from "elkjs/lib/elk.bundled.js";
import type { CanvasNode } from "./flow-graph";

const FALLBACK = { width: 224, height: 120 };
/** Room inside a group: its label sits in the top padding. */
const GROUP_PADDING = "[top=56,left=32,bottom=32,right=32]";

export type Placement = { position: XYPosition; size?: { width: number; height: number } };

function box(n: CanvasNode): ElkNode {
  return { id: n.id, width: n.measured?.width ?? n.width ?? FALLBACK.width, height: n.measured?.height ?? n.height ?? FALLBACK.height };
}

/** New positions (relative to a node's group, as React Flow keeps them) and new group sizes, keeping the first item where it was. */
export async function layoutPositions(nodes: CanvasNode[], edges: Edge[]): Promise<Map<string, Placement>> {
  // elkjs is large: it loads on the first auto-layout, not with the editor.
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const members = new Map<string, CanvasNode[]>();
  for (const n of nodes) if (n.parentId) members.set(n.parentId, [...(members.get(n.parentId) ?? []), n]);
  const top = nodes.filter((n) => !n.parentId);
  const children = top.map((n): ElkNode =>
    n.type === "group"
      ? { id: n.id, layoutOptions: { "elk.padding": GROUP_PADDING }, children: (members.get(n.id) ?? []).map(box) }
      : box(n),
  );
  const result = await new ELK().layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
    },
    children,
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });

  const placements = new Map<string, Placement>();
  const first = top[0];
  const laidFirst = result.children?.find((c) => c.id === first?.id);
  const dx = first && laidFirst ? first.position.x - (laidFirst.x ?? 0) : 0;
  const dy = first && laidFirst ? first.position.y - (laidFirst.y ?? 0) : 0;
  for (const child of result.children ?? []) {
    const isGroup = child.children !== undefined;
    placements.set(child.id, {
      position: { x: Math.round((child.x ?? 0) + dx), y: Math.round((child.y ?? 0) + dy) },
      ...(isGroup ? { size: { width: Math.round(child.width ?? 0), height: Math.round(child.height ?? 0) } } : {}),
    });
    // Members' coordinates come back relative to their group, which is what React Flow expects.
    for (const inner of child.children ?? []) placements.set(inner.id, { position: { x: Math.round(inner.x ?? 0), y: Math.round(inner.y ?? 0) } });
  }
  return placements;
}
