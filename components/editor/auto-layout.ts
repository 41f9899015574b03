// Auto-layout: elkjs' layered algorithm, left to right, from each card's measured size.
import type { Edge, XYPosition } from "@xyflow/react";
import type { StepNode } from "./flow-graph";

const FALLBACK = { width: 224, height: 120 };

/** New top-left positions for every node, keeping the layout's first node where it was. */
export async function layoutPositions(nodes: StepNode[], edges: Edge[]): Promise<Map<string, XYPosition>> {
  // elkjs is large: it loads on the first auto-layout, not with the editor.
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const result = await new ELK().layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? FALLBACK.width,
      height: n.measured?.height ?? FALLBACK.height,
    })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, XYPosition>();
  const first = nodes[0];
  const laidFirst = result.children?.find((c) => c.id === first?.id);
  const dx = first && laidFirst ? first.position.x - (laidFirst.x ?? 0) : 0;
  const dy = first && laidFirst ? first.position.y - (laidFirst.y ?? 0) : 0;
  for (const child of result.children ?? []) positions.set(child.id, { x: Math.round((child.x ?? 0) + dx), y: Math.round((child.y ?? 0) + dy) });
  return positions;
}
