"use client";
// The nodes of a compared version that the draft no longer has, drawn where they stood while the
// comparison is open. They are never part of the draft: they cannot be selected, moved, wired or saved.
import type { Node, NodeProps } from "@xyflow/react";
import type { GraphNode } from "@/nodes/graph";
import { getSpec } from "@/nodes/registry";

export type RemovedNode = Node<{ nodeType: string; nodeId: string; label?: string }, "removed">;

/** Their React Flow ids are their own: a node added to the draft may reuse a removed node's id. */
export function removedNodes(nodes: GraphNode[]): RemovedNode[] {
  return nodes.map((n) => ({
    id: `removed:${n.id}`,
    type: "removed",
    position: n.position,
    data: { nodeType: n.type, nodeId: n.id, ...(n.label ? { label: n.label } : {}) },
    selectable: false,
    draggable: false,
    connectable: false,
    deletable: false,
    focusable: false,
  }));
}

export function RemovedCard({ data }: NodeProps<RemovedNode>) {
  const title = data.label || getSpec(data.nodeType)?.title || data.nodeType;
  return (
    <div
      data-testid={`node-${data.nodeType}`}
      data-diff="removed"
      className="pointer-events-none relative w-56 rounded-lg border-2 border-dashed border-red-400 bg-red-50/80 px-3 py-2 outline-3 outline-offset-2 outline-red-500"
    >
      <span className="absolute -top-5 left-0 rounded bg-red-600 px-1.5 text-[10px] font-semibold uppercase text-white">removed</span>
      <p className="truncate text-[13px] leading-5 font-semibold text-red-900 line-through">{title}</p>
      <p className="truncate font-mono text-[10px] text-red-800">{data.nodeId}</p>
    </div>
  );
}
