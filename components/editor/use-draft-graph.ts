"use client";

import { useEdgesState, useNodesState, type Connection, type Edge, type XYPosition } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import type { Graph } from "@/nodes/graph";
import { getSpec } from "@/nodes/registry";
import { configFields, defaultConfig } from "@/components/config-form/config-fields";
import { connectReplacing, flowToGraph, graphToFlow, nextNodeId, type StepNode } from "./flow-graph";

/** The canvas' editable copy of a draft graph, and the edits a person can make to it. */
export function useDraftGraph(initial: Graph) {
  const [initialFlow] = useState(() => graphToFlow(initial));
  const [nodes, setNodes, onNodesChange] = useNodesState<StepNode>(initialFlow.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(initialFlow.edges);
  const graph = useMemo(() => flowToGraph(nodes, edges), [nodes, edges]);

  const addNode = useCallback(
    (type: string, position: XYPosition) => {
      const spec = getSpec(type);
      if (!spec) return;
      setNodes((current) => [
        ...current,
        {
          id: nextNodeId(type, current.map((n) => n.id)),
          type: "step",
          position,
          data: { nodeType: type, config: defaultConfig(configFields(spec.config)) },
        },
      ]);
    },
    [setNodes],
  );

  const connect = useCallback((connection: Connection) => setEdges((current) => connectReplacing(current, connection)), [setEdges]);

  const updateNodeData = useCallback(
    (id: string, patch: Partial<StepNode["data"]>) =>
      setNodes((current) => current.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n))),
    [setNodes],
  );

  const removeNode = useCallback(
    (id: string) => {
      setNodes((current) => current.filter((n) => n.id !== id));
      setEdges((current) => current.filter((e) => e.source !== id && e.target !== id));
    },
    [setNodes, setEdges],
  );

  const select = useCallback(
    (id: string | null) => setNodes((current) => current.map((n) => ({ ...n, selected: n.id === id }))),
    [setNodes],
  );

  return { nodes, edges, graph, onNodesChange, onEdgesChange, addNode, connect, updateNodeData, removeNode, select };
}
