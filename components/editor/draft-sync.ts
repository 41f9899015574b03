// Whether the server's draft already holds the canvas' content. The server keeps a draft as JSONB,
// which hands objects back in its own key order, so graphs are compared by content, not by text. Pure.
import type { Graph } from "@/nodes/graph";
import { flowToGraph, graphToFlow } from "./flow-graph";

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!value || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortedKeys(record[key])]));
}

/** The graph as the canvas would write it back, every object's keys sorted: equal text, equal content. */
function stableJson(graph: Graph): string {
  const flow = graphToFlow(graph);
  return JSON.stringify(sortedKeys(flowToGraph(flow.nodes, flow.edges)));
}

export function sameGraph(a: Graph, b: Graph): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * After a save refused for its revision: the server's revision to carry on from when its draft already
 * holds what was being saved (an earlier save of the same edits landed late, e.g. across a reload),
 * null when the draft really differs (someone else's edit).
 */
export function adoptableRevision(sent: Graph, server: { graph: Graph; revision: number }): number | null {
  return sameGraph(sent, server.graph) ? server.revision : null;
}
