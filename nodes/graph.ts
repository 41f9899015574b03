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
  /** The group drawn around this node; `position` is then relative to the group's corner. */
  parentId: z.string().min(1).max(100).optional(),
});

export const graphEdge = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1),
});

const position = z.object({ x: z.number().finite(), y: z.number().finite() });
const size = z.object({ width: z.number().finite().min(40).max(50_000), height: z.number().finite().min(40).max(50_000) });

/**
 * What a person draws on the canvas to explain it, never executed: the runtime and the validator
 * read only `nodes` and `edges`. A group is a labelled frame; nodes and notes whose `parentId` names
 * it move with it. A note is free text, shown as written.
 */
export const graphAnnotation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("group"), id: z.string().min(1).max(100), position, size, label: z.string().max(200).default("") }),
  z.object({
    kind: z.literal("note"),
    id: z.string().min(1).max(100),
    position,
    size,
    text: z.string().max(20_000).default(""),
    parentId: z.string().min(1).max(100).optional(),
  }),
]);

export const graph = z
  .object({
    schemaVersion: z.literal(GRAPH_SCHEMA_VERSION).default(GRAPH_SCHEMA_VERSION),
    nodes: z.array(graphNode).max(5000),
    edges: z.array(graphEdge).max(10000),
    annotations: z.array(graphAnnotation).max(2000).optional(),
  })
  .superRefine((value, ctx) => {
    // The canvas draws nodes and annotations in one layer: their ids must not collide, and a
    // parent must be a group that exists (a dangling parent would leave the member nowhere).
    const annotations = value.annotations ?? [];
    const nodeIds = new Set(value.nodes.map((n) => n.id));
    const groups = new Set(annotations.flatMap((a) => (a.kind === "group" ? [a.id] : [])));
    annotations.forEach((a, index) => {
      if (nodeIds.has(a.id)) ctx.addIssue({ code: "custom", path: ["annotations", index, "id"], message: `"${a.id}" is already a node's id` });
    });
    const check = (parentId: string | undefined, path: (string | number)[]) => {
      if (parentId !== undefined && !groups.has(parentId)) ctx.addIssue({ code: "custom", path, message: `no group "${parentId}" to sit in` });
    };
    value.nodes.forEach((n, index) => check(n.parentId, ["nodes", index, "parentId"]));
    annotations.forEach((a, index) => check(a.kind === "note" ? a.parentId : undefined, ["annotations", index, "parentId"]));
  });

export type Graph = z.output<typeof graph>;
export type GraphNode = z.output<typeof graphNode>;
export type GraphEdge = z.output<typeof graphEdge>;
export type GraphAnnotation = z.output<typeof graphAnnotation>;

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
