// The saved shape of a pipeline: what the canvas edits, PipelineVersion.graph stores, import/export
// carries and the runtime validates. Pure; shared by browser and server.
import { z } from "zod";

export const GRAPH_SCHEMA_VERSION = 1;

export const graphNode = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
  label: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});

export const graphEdge = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1),
});

export const graph = z.object({
  schemaVersion: z.literal(GRAPH_SCHEMA_VERSION).default(GRAPH_SCHEMA_VERSION),
  nodes: z.array(graphNode).max(5000),
  edges: z.array(graphEdge).max(10000),
});

export type Graph = z.output<typeof graph>;
export type GraphNode = z.output<typeof graphNode>;
export type GraphEdge = z.output<typeof graphEdge>;

export const emptyGraph: Graph = { schemaVersion: GRAPH_SCHEMA_VERSION, nodes: [], edges: [] };
