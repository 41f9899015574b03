import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, weightedScoreFusion } from "./fusion";

const bm25 = [
  { id: "a", score: 12 },
  { id: "b", score: 8 },
  { id: "c", score: 4 },
];
const dense = [
  { id: "c", score: 0.9 },
  { id: "d", score: 0.7 },
  { id: "a", score: 0.5 },
];

describe("fusion", () => {
  it("reciprocal-rank fusion sums weight / (k + rank)", () => {
    const fused = reciprocalRankFusion(
      [
        { hits: bm25, weight: 1 },
        { hits: dense, weight: 0.5 },
      ],
      60,
    );
    const expected = { a: 1 / 61 + 0.5 / 63, b: 1 / 62, c: 1 / 63 + 0.5 / 61, d: 0.5 / 62 };
    expect(fused.map((h) => h.id)).toEqual(["a", "c", "b", "d"]);
    for (const hit of fused) expect(hit.score).toBeCloseTo(expected[hit.id as keyof typeof expected], 12);
  });

  it("weighted fusion min–max normalises each list, and a missing chunk gets nothing from that list", () => {
    const fused = weightedScoreFusion([
      { hits: bm25, weight: 0.7 },
      { hits: dense, weight: 0.3 },
    ]);
    // bm25 normalised: a 1, b 0.5, c 0; dense normalised: c 1, d 0.5, a 0.
    const expected = { a: 0.7, b: 0.35, c: 0.3, d: 0.15 };
    expect(fused.map((h) => h.id)).toEqual(["a", "b", "c", "d"]);
    for (const hit of fused) expect(hit.score).toBeCloseTo(expected[hit.id as keyof typeof expected], 12);
  });

  it("gives a list of one hit (no spread) full weight and ignores empty lists", () => {
    expect(weightedScoreFusion([{ hits: [{ id: "x", score: 3 }], weight: 0.4 }, { hits: [], weight: 0.6 }])).toEqual([{ id: "x", score: 0.4 }]);
  });
});
