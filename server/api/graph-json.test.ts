import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/graph";
import { graphToJson, parseStoredGraph } from "./graph-json";

const annotated: Graph = {
  schemaVersion: 1,
  nodes: [{ id: "question", type: "input.chat", position: { x: 20, y: 60 }, config: {}, parentId: "g" }],
  edges: [],
  annotations: [
    { kind: "group", id: "g", position: { x: 0, y: 0 }, size: { width: 300, height: 200 }, label: "Input" },
    { kind: "note", id: "n", position: { x: 0, y: 300 }, size: { width: 200, height: 100 }, text: "Say *why*" },
  ],
};

describe("stored graph JSON", () => {
  it("keeps groups and notes through a store and a read", () => {
    expect(parseStoredGraph(graphToJson(annotated), "the draft")).toEqual(annotated);
  });

  it("reads graphs stored before annotations existed without adding any", () => {
    const old = { schemaVersion: 1, nodes: [{ id: "q", type: "input.chat", position: { x: 0, y: 0 }, config: {} }], edges: [] };
    expect(parseStoredGraph(old, "v1")).toEqual(old);
  });

  it("names the row and the place of a member whose group is gone", () => {
    expect(() => parseStoredGraph({ ...annotated, annotations: [] }, "version 3")).toThrow(/version 3.*nodes\.0\.parentId|version 3.*parentId/);
  });
});
