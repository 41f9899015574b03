import { describe, expect, it } from "vitest";
import type { CanvasNode, StepNode } from "./flow-graph";
import { groupSelection, regroupAfterDrag, ungroup } from "./grouping";

const card = (id: string, x: number, y: number, extra: Partial<StepNode> = {}): StepNode => ({
  id,
  type: "step",
  position: { x, y },
  measured: { width: 200, height: 100 },
  data: { nodeType: "input.chat", config: {} },
  ...extra,
});

describe("groupSelection", () => {
  it("frames the selected cards with room for the label and moves them into the group", () => {
    const nodes: CanvasNode[] = [card("a", 100, 100, { selected: true }), card("b", 400, 300, { selected: true }), card("c", 900, 900)];
    const next = groupSelection(nodes, "group_1", "Retrieval")!;
    expect(next[0]).toMatchObject({ id: "group_1", type: "group", position: { x: 68, y: 40 }, width: 564, height: 392, selected: true });
    expect(next.find((n) => n.id === "a")).toMatchObject({ parentId: "group_1", position: { x: 32, y: 60 }, selected: false });
    expect(next.find((n) => n.id === "c")?.parentId).toBeUndefined();
    expect(groupSelection([card("a", 0, 0)], "g", "")).toBeNull();
  });

  it("ungroups back to the same places on the canvas", () => {
    const nodes: CanvasNode[] = [card("a", 100, 100, { selected: true }), card("b", 400, 300, { selected: true })];
    const grouped = groupSelection(nodes, "g", "")!;
    const back = ungroup(grouped, "g");
    expect(back.map((n) => [n.id, n.parentId, n.position])).toEqual([
      ["a", undefined, { x: 100, y: 100 }],
      ["b", undefined, { x: 400, y: 300 }],
    ]);
  });
});

describe("regroupAfterDrag", () => {
  const group: CanvasNode = { id: "g", type: "group", position: { x: 0, y: 0 }, width: 500, height: 400, data: { label: "" } };

  it("puts a card dropped inside a group into it, relative to the group's corner", () => {
    const moved = regroupAfterDrag([group, card("a", 100, 50)], ["a"]);
    expect(moved[1]).toMatchObject({ parentId: "g", position: { x: 100, y: 50 } });
  });

  it("takes a card dragged out of its group out, at its place on the canvas", () => {
    const moved = regroupAfterDrag([{ ...group, position: { x: 10, y: 10 } }, card("a", 600, 50, { parentId: "g" })], ["a"]);
    expect(moved[1].parentId).toBeUndefined();
    expect(moved[1].position).toEqual({ x: 610, y: 60 });
  });

  it("returns the same list when no membership changed", () => {
    const nodes = [group, card("a", 100, 50, { parentId: "g" }), card("b", 900, 900)];
    expect(regroupAfterDrag(nodes, ["a", "b", "g"])).toBe(nodes);
  });
});
