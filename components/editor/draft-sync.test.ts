import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { adoptableRevision, sameGraph } from "./draft-sync";

const canvas: Graph = {
  schemaVersion: 1,
  nodes: [
    { id: "in", type: "input.chat", position: { x: 0, y: 0 }, config: {} },
    { id: "ret", type: "retrieve.bm25", position: { x: 300, y: 0 }, label: "Statutes", config: { topK: 20, knowledgeBaseId: "kb" } },
  ],
  edges: [{ id: "e1", source: "in", sourceHandle: "query", target: "ret", targetHandle: "query" }],
  annotations: [{ kind: "note", id: "note_1", position: { x: 0, y: 200 }, size: { width: 220, height: 140 }, text: "why" }],
};

/** The same graph as JSONB gives it back: every object's keys in another order. */
const fromServer = JSON.parse(
  JSON.stringify({
    edges: [{ targetHandle: "query", target: "ret", sourceHandle: "query", source: "in", id: "e1" }],
    nodes: [
      { config: {}, position: { y: 0, x: 0 }, type: "input.chat", id: "in" },
      { config: { knowledgeBaseId: "kb", topK: 20 }, label: "Statutes", position: { y: 0, x: 300 }, type: "retrieve.bm25", id: "ret" },
    ],
    annotations: [{ text: "why", size: { height: 140, width: 220 }, position: { y: 200, x: 0 }, id: "note_1", kind: "note" }],
    schemaVersion: 1,
  }),
) as Graph;

describe("sameGraph", () => {
  it("is content, not key order", () => {
    expect(JSON.stringify(fromServer)).not.toBe(JSON.stringify(canvas));
    expect(sameGraph(canvas, fromServer)).toBe(true);
  });

  it("sees a moved card, a changed config value, a removed wire and an edited note", () => {
    const [input, retrieve] = canvas.nodes;
    expect(sameGraph(canvas, { ...canvas, nodes: [input, { ...retrieve, position: { x: 301, y: 0 } }] })).toBe(false);
    expect(sameGraph(canvas, { ...canvas, nodes: [input, { ...retrieve, config: { ...retrieve.config, topK: 7 } }] })).toBe(false);
    expect(sameGraph(canvas, { ...canvas, edges: [] })).toBe(false);
    expect(sameGraph(canvas, { ...canvas, annotations: [{ ...canvas.annotations![0], text: "why not" } as never] })).toBe(false);
  });
});

describe("adoptableRevision", () => {
  it("takes the server's revision when its draft holds what was being saved", () => {
    expect(adoptableRevision(canvas, { graph: fromServer, revision: 5 })).toBe(5);
  });

  it("is null when the server's draft is someone else's edit", () => {
    const other = { ...fromServer, nodes: fromServer.nodes.slice(0, 1), edges: [] };
    expect(adoptableRevision(canvas, { graph: other, revision: 5 })).toBeNull();
  });
});
