import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { diffGraphs, diffIsEmpty } from "./graph-diff";

const before: Graph = {
  schemaVersion: 1,
  nodes: [
    { id: "in", type: "input.chat", position: { x: 0, y: 0 }, config: {} },
    { id: "ret", type: "retrieve.bm25", position: { x: 300, y: 0 }, config: { topK: 20, knowledgeBaseId: "kb" } },
    { id: "old", type: "output.answer", position: { x: 600, y: 0 }, config: {} },
  ],
  edges: [{ id: "e1", source: "in", sourceHandle: "query", target: "ret", targetHandle: "query" }],
};

describe("diffGraphs", () => {
  it("names added, removed and changed nodes and wires, ignoring moves", () => {
    const after: Graph = {
      ...before,
      nodes: [
        { ...before.nodes[0], position: { x: 50, y: 50 } },
        { ...before.nodes[1], label: "Search", config: { topK: 4, knowledgeBaseId: "kb" } },
        { id: "new", type: "output.answer", position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [{ id: "e2", source: "in", sourceHandle: "query", target: "new", targetHandle: "answer" }],
    };
    const diff = diffGraphs(before, after);
    expect(diff.addedNodes.map((n) => n.id)).toEqual(["new"]);
    expect(diff.removedNodes.map((n) => n.id)).toEqual(["old"]);
    expect(diff.changedNodes).toEqual([{ id: "ret", type: "retrieve.bm25", fields: ["label", "config.topK"] }]);
    expect(diff.addedEdges).toEqual(["in.query → new.answer"]);
    expect(diff.removedEdges).toEqual(["in.query → ret.query"]);
  });

  it("finds nothing between a graph and itself moved around", () => {
    const moved = { ...before, nodes: before.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) };
    expect(diffIsEmpty(diffGraphs(before, moved))).toBe(true);
  });
});
