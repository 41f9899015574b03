import type { NodeChange } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import type { CanvasNode } from "./flow-graph";
import { isMeasurement, noteMeasuredSizes } from "./measured-sizes";

const step = (id: string): CanvasNode => ({ id, type: "step", position: { x: 0, y: 0 }, data: { nodeType: "input.chat", config: {} } });

describe("measured sizes", () => {
  it("tells React Flow's measurements from a person's resize", () => {
    const changes: NodeChange<CanvasNode>[] = [
      { id: "a", type: "dimensions", dimensions: { width: 224, height: 130 } },
      { id: "g", type: "dimensions", dimensions: { width: 400, height: 300 }, resizing: true, setAttributes: true },
      { id: "g", type: "dimensions", resizing: false },
      { id: "a", type: "position", position: { x: 1, y: 2 } },
    ];
    expect(changes.map(isMeasurement)).toEqual([true, false, false, false]);
  });

  it("notes sizes on the same node objects and returns the same list", () => {
    const a = step("a");
    const b = step("b");
    const list = [a, b];
    const next = noteMeasuredSizes(list, [{ id: "b", type: "dimensions", dimensions: { width: 224, height: 130 } }]);
    expect(next).toBe(list);
    expect(next[1]).toBe(b);
    expect(b.measured).toEqual({ width: 224, height: 130 });
    expect(a.measured).toBeUndefined();
  });
});
