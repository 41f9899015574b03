// What changed between two versions of a pipeline graph: nodes, wires and config, in words.
// Pure: the versions panel lists it and the canvas highlights it.
import type { Graph, GraphNode } from "@/nodes/graph";

export type NodeChange = { id: string; type: string; fields: string[] };

export type GraphDiff = {
  addedNodes: GraphNode[];
  removedNodes: GraphNode[];
  changedNodes: NodeChange[];
  addedEdges: string[];
  removedEdges: string[];
};

function edgeKey(e: Graph["edges"][number]): string {
  return `${e.source}.${e.sourceHandle} → ${e.target}.${e.targetHandle}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields of a node that differ; moving a card is not a change of the pipeline. */
function changedFields(before: GraphNode, after: GraphNode): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push("type");
  if ((before.label ?? "") !== (after.label ?? "")) fields.push("label");
  const keys = new Set([...Object.keys(before.config), ...Object.keys(after.config)]);
  for (const key of [...keys].sort()) if (!same(before.config[key], after.config[key])) fields.push(`config.${key}`);
  return fields;
}

/** The changes that turn `before` into `after`. */
export function diffGraphs(before: Graph, after: Graph): GraphDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  return {
    addedNodes: after.nodes.filter((n) => !old.has(n.id)),
    removedNodes: before.nodes.filter((n) => !now.has(n.id)),
    changedNodes: after.nodes.flatMap((n) => {
      const prior = old.get(n.id);
      const fields = prior ? changedFields(prior, n) : [];
      return fields.length > 0 ? [{ id: n.id, type: n.type, fields }] : [];
    }),
    addedEdges: [...newEdges].filter((k) => !oldEdges.has(k)),
    removedEdges: [...oldEdges].filter((k) => !newEdges.has(k)),
  };
}

export function diffIsEmpty(diff: GraphDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0);
}
