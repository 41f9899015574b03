import type { Dimensions, NodeChange, NodeDimensionChange } from "@xyflow/react";
import type { CanvasNode } from "./flow-graph";

export type Measurement = NodeDimensionChange & { dimensions: Dimensions };

/** React Flow reporting the size it measured a node at: not a resize by the person (that sets attributes). */
export function isMeasurement(change: NodeChange<CanvasNode>): change is Measurement {
  return change.type === "dimensions" && change.dimensions !== undefined && !change.setAttributes && change.resizing === undefined;
}

/**
 * Notes measured sizes on the nodes themselves and returns the same list. React Flow already holds the
 * sizes it measured; handing it 500 new node objects made it rebuild and re-render every node a second
 * time while a large graph opened. The nodes still carry their size, so the copies later edits make
 * (and layout, grouping) keep it and React Flow does not hide and re-measure them.
 */
export function noteMeasuredSizes(list: CanvasNode[], changes: Measurement[]): CanvasNode[] {
  const byId = new Map(changes.map((c) => [c.id, c.dimensions]));
  for (const node of list) {
    const size = byId.get(node.id);
    if (size) node.measured = { width: size.width, height: size.height };
  }
  return list;
}
