import type { GraphProblem } from "@/nodes/validate";

// On its own card a node need not be named again: 'Node "x" (type): ' is dropped there.
const NODE_PREFIX = /^Node "[^"]*" \([^)]*\): /;

/** Validation problems grouped by the node they are about, worded for that node's card. */
export function problemsByNode(problems: GraphProblem[]): Record<string, string[]> {
  const byNode: Record<string, string[]> = {};
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    (byNode[problem.nodeId] ??= []).push(problem.message.replace(NODE_PREFIX, ""));
  }
  return byNode;
}
