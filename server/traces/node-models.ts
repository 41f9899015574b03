// Which provider model each node of a graph calls, read from its config (`mode: "provider"` with
// `provider.model`): stored on the node's span for cost estimates and OpenTelemetry attributes.
import type { Graph } from "@/nodes/graph";

export function nodeModels(graph: Graph): Map<string, string> {
  const models = new Map<string, string>();
  for (const node of graph.nodes) {
    const config = node.config as { mode?: unknown; provider?: { model?: unknown } };
    if (config.mode === "provider" && typeof config.provider?.model === "string" && config.provider.model) {
      models.set(node.id, config.provider.model);
    }
  }
  return models;
}
