"use client";

import { useQuery } from "@tanstack/react-query";
import { ReactFlow, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { useTRPC } from "../../_trpc/client";

/** Plain React Flow, default nodes, no editor around it: what the canvas costs at the least. */
export function BareCanvas({ pipelineId }: { pipelineId: string }) {
  const trpc = useTRPC();
  const loaded = useQuery(trpc.pipeline.get.queryOptions({ id: pipelineId }));
  const flow = useMemo(() => {
    const graph = loaded.data?.draft.graph;
    if (!graph) return null;
    const nodes: Node[] = graph.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.label ?? n.type } }));
    const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
    return { nodes, edges };
  }, [loaded.data]);
  if (!flow) return <p className="p-6 text-sm">{loaded.error ? loaded.error.message : "Loading…"}</p>;
  return (
    <div data-testid="canvas" className="h-full w-full">
      <ReactFlow defaultNodes={flow.nodes} defaultEdges={flow.edges} fitView fitViewOptions={{ maxZoom: 1, padding: 0.2 }} minZoom={0.05} />
    </div>
  );
}
