import { describe, expect, it } from "vitest";
import { copySelection, pasteFragment, readFragment } from "./clipboard";
import type { StepNode } from "./flow-graph";

const node = (id: string, nodeType: string, selected: boolean): StepNode => ({
  id,
  type: "step",
  position: { x: 10, y: 20 },
  selected,
  data: { nodeType, config: { topK: 4 } },
});

const nodes = [node("in", "input.chat", true), node("ret", "retrieve.bm25", true), node("out", "output.answer", false)];
const edges = [
  { id: "e1", source: "in", sourceHandle: "query", target: "ret", targetHandle: "query" },
  { id: "e2", source: "ret", sourceHandle: "passages", target: "out", targetHandle: "answer" },
];

describe("clipboard", () => {
  it("copies the selected nodes with only the wires between them", () => {
    const fragment = copySelection(nodes, edges)!;
    expect(fragment.nodes.map((n) => n.id)).toEqual(["in", "ret"]);
    expect(fragment.edges.map((e) => e.id)).toEqual(["e1"]);
    expect(copySelection(nodes.map((n) => ({ ...n, selected: false })), edges)).toBeNull();
  });

  it("pastes with fresh ids, shifted, wires remapped, and selected", () => {
    const fragment = copySelection(nodes, edges)!;
    const pasted = pasteFragment(fragment, ["in", "ret", "out", "input_chat_1"], { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(["input_chat_2", "retrieve_bm25_1"]);
    expect(pasted.nodes.every((n) => n.selected && n.position.x === 50 && n.position.y === 60)).toBe(true);
    expect(pasted.nodes[1].data.config).toEqual({ topK: 4 });
    expect(pasted.edges).toEqual([
      expect.objectContaining({ source: "input_chat_2", target: "retrieve_bm25_1", sourceHandle: "query", targetHandle: "query" }),
    ]);
  });

  it("reads back only well-formed fragments", () => {
    const fragment = copySelection(nodes, edges)!;
    expect(readFragment(JSON.stringify(fragment))).toEqual(fragment);
    expect(readFragment("not json")).toBeNull();
    expect(readFragment(JSON.stringify({ format: "other", nodes: [], edges: [] }))).toBeNull();
    expect(readFragment(null)).toBeNull();
  });
});
