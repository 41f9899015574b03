import { describe, expect, it } from "vitest";
import { validateGraph } from "@/nodes/validate";
import { problemsByNode } from "./node-problems";

describe("problemsByNode", () => {
  it("groups the validator's problems by node, without repeating the node's name", () => {
    const check = validateGraph({
      nodes: [
        { id: "ret", type: "retrieve.bm25", position: { x: 0, y: 0 }, config: {} },
        { id: "odd", type: "no.such.type", position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [],
    });
    expect(check.ok).toBe(false);
    const byNode = problemsByNode(check.ok ? [] : check.problems);
    expect(Object.keys(byNode).sort()).toEqual(["odd", "ret"]);
    expect(byNode.ret.some((m) => m.startsWith("config.knowledgeBaseId:"))).toBe(true);
    expect(byNode.ret.some((m) => m === 'input "query" is not connected')).toBe(true);
    expect(byNode.odd).toEqual(['Node "odd" has an unknown type "no.such.type"']);
  });
});
