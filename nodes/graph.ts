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

export const PIPELINE_FILE_FORMAT = "groundwork.pipeline";
export const PIPELINE_FILE_VERSION = 1;

/**
 * An exported pipeline (the editor's Export/Import). `formatVersion` changes only when an older
 * reader could not read the file; `graph.schemaVersion` versions the graph inside it. Config values
 * that hold credentials are removed on export, so a file can be shared.
 */
export const pipelineFile = z.object({
  format: z.literal(PIPELINE_FILE_FORMAT),
  formatVersion: z.literal(PIPELINE_FILE_VERSION),
  name: z.string().max(200),
  exportedAt: z.string().optional(),
  graph,
});

export type PipelineFile = z.output<typeof pipelineFile>;
