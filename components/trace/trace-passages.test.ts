import { describe, expect, it } from "vitest";
import { passageLists, passagesById } from "./trace-passages";

const passage = (id: string, score: number, rank: number) => ({ id, text: `text ${id}`, score, rank, source: { documentId: "d1", title: "Lease", page: 3 }, metadata: {} });

describe("trace passages", () => {
  it("finds passage lists by their schema, and ignores other values", () => {
    expect(passageLists({ passages: [passage("a", 2.5, 1)], topK: 3, text: "x" })).toEqual([{ port: "passages", passages: [passage("a", 2.5, 1)] }]);
    expect(passageLists({ passages: [{ id: "a" }] })).toEqual([]);
    expect(passageLists(null)).toEqual([]);
  });

  it("keeps the passage nearest the answer when several spans carry it", () => {
    const byId = passagesById([
      { inputs: {}, outputs: { passages: [passage("a", 2.5, 1), passage("b", 1.5, 2)] } },
      { inputs: { passages: [passage("b", 0.9, 1)] }, outputs: null },
    ]);
    expect(byId.get("a")?.score).toBe(2.5);
    expect(byId.get("b")).toMatchObject({ score: 0.9, rank: 1 });
  });
});
