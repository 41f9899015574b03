import { describe, expect, it } from "vitest";
import { copySelection, pasteFragment, readFragment } from "./clipboard";
import type { CanvasNode, StepNode } from "./flow-graph";

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
    expect(pasted.nodes[1]).toMatchObject({ data: { config: { topK: 4 } } });
    expect(pasted.edges).toEqual([
      expect.objectContaining({ source: "input_chat_2", target: "retrieve_bm25_1", sourceHandle: "query", targetHandle: "query" }),
    ]);
  });

  it("copies a selected group with its members and pastes them inside a renamed group", () => {
    const withGroup: CanvasNode[] = [
      { id: "g", type: "group", position: { x: 100, y: 100 }, width: 400, height: 300, selected: true, data: { label: "Retrieval" } },
      { id: "tip", type: "note", position: { x: 20, y: 40 }, width: 200, height: 100, parentId: "g", data: { text: "why" } },
      { ...node("ret", "retrieve.bm25", false), parentId: "g" },
      node("out", "output.answer", false),
    ];
    const fragment = copySelection(withGroup, edges)!;
    expect(fragment.annotations.map((a) => a.id)).toEqual(["g", "tip"]);
    expect(fragment.nodes.map((n) => n.id)).toEqual(["ret"]);
    const pasted = pasteFragment(fragment, withGroup.map((n) => n.id), { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => [n.id, n.parentId, n.position])).toEqual([
      ["group_1", undefined, { x: 140, y: 140 }],
      ["note_1", "group_1", { x: 20, y: 40 }],
      ["retrieve_bm25_1", "group_1", { x: 10, y: 20 }],
    ]);
  });

  it("copies a member without its group at its place on the canvas", () => {
    const grouped: CanvasNode[] = [
      { id: "g", type: "group", position: { x: 100, y: 100 }, width: 400, height: 300, data: { label: "" } },
      { ...node("ret", "retrieve.bm25", true), parentId: "g" },
    ];
    const fragment = copySelection(grouped, [])!;
    expect(fragment.annotations).toEqual([]);
    expect(fragment.nodes[0]).toMatchObject({ id: "ret", position: { x: 110, y: 120 } });
    expect(fragment.nodes[0].parentId).toBeUndefined();
  });

  it("reads back only well-formed fragments", () => {
    const fragment = copySelection(nodes, edges)!;
    expect(readFragment(JSON.stringify(fragment))).toEqual(fragment);
    expect(readFragment("not json")).toBeNull();
    expect(readFragment(JSON.stringify({ format: "other", nodes: [], edges: [] }))).toBeNull();
    expect(readFragment(JSON.stringify({ format: "groundwork.fragment", nodes: [], edges: [] }))).toBeNull();
    expect(readFragment(null)).toBeNull();
  });
});
