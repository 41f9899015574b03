import { describe, expect, it } from "vitest";
import { layoutPositions } from "./auto-layout";
import type { CanvasNode } from "./flow-graph";

const card = (id: string, parentId?: string): CanvasNode => ({
  id,
  type: "step",
  position: { x: 0, y: 0 },
  measured: { width: 224, height: 120 },
  data: { nodeType: "input.chat", config: {} },
  ...(parentId ? { parentId } : {}),
});

describe("layoutPositions", () => {
  it("lays a group out around its members, which keep positions relative to it", async () => {
    const nodes: CanvasNode[] = [
      { id: "g", type: "group", position: { x: 500, y: 500 }, width: 300, height: 200, data: { label: "" } },
      card("a"),
      card("b", "g"),
      card("c", "g"),
    ];
    const edges = [
      { id: "ab", source: "a", target: "b" },
      { id: "bc", source: "b", target: "c" },
    ];
    const placed = await layoutPositions(nodes, edges);
    const group = placed.get("g")!;
    expect(group.position).toEqual({ x: 500, y: 500 });
    const [b, c] = [placed.get("b")!, placed.get("c")!];
    // Inside the frame, below its label, and left to right along the wire.
    for (const member of [b, c]) {
      expect(member.position.x).toBeGreaterThanOrEqual(32);
      expect(member.position.y).toBeGreaterThanOrEqual(56);
      expect(member.position.x + 224).toBeLessThanOrEqual(group.size!.width);
      expect(member.position.y + 120).toBeLessThanOrEqual(group.size!.height);
    }
    expect(c.position.x).toBeGreaterThan(b.position.x);
    // The card outside comes before the group.
    expect(placed.get("a")!.position.x).toBeLessThan(group.position.x);
  });
});
