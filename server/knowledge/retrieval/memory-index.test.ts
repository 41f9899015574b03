import { describe, expect, it } from "vitest";
import { defaultBm25 } from "./bm25";
import { MemoryIndex, type IndexedChunk } from "./memory-index";

const chunk = (id: string, tokens: string[]): IndexedChunk => ({ id, documentId: `doc-${id}`, text: tokens.join(" "), metadata: {}, title: "t", tokens });

const chunks = [
  chunk("c01", ["deposit", "return", "landlord", "deposit"]),
  chunk("c02", ["landlord", "notic", "day", "sell", "home"]),
  chunk("c03", ["rent", "increas", "notic", "notic", "day", "year"]),
  chunk("c04", ["repair", "landlord", "urgent"]),
  chunk("c05", ["tribun", "disput", "deposit"]),
];

/** Okapi BM25 written out from its definition, as the database test of bm25.ts checks it. */
function reference(terms: string[], topK: number) {
  const { k1, b } = defaultBm25;
  const avgdl = chunks.reduce((sum, c) => sum + c.tokens.length, 0) / chunks.length;
  return chunks
    .map((c) => {
      let score = 0;
      for (const term of terms) {
        const tf = c.tokens.filter((t) => t === term).length;
        if (tf === 0) continue;
        const df = chunks.filter((other) => other.tokens.includes(term)).length;
        score += (Math.log(1 + (chunks.length - df + 0.5) / (df + 0.5)) * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * c.tokens.length) / avgdl));
      }
      return { id: c.id, score };
    })
    .filter((s) => s.score > 0)
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
    .slice(0, topK);
}

describe("MemoryIndex", () => {
  const index = MemoryIndex.of(7, chunks);

  it("scores exactly Okapi BM25 and orders ties by id", () => {
    for (const terms of [["deposit"], ["landlord", "notic"], ["notic", "day", "deposit", "repair"], ["landlord"]]) {
      for (const topK of [1, 2, 10]) {
        const got = index.search(terms, topK);
        const want = reference(terms, topK);
        expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 12));
      }
    }
  });

  it("counts a repeated query term once per repeat, and ignores unknown terms", () => {
    const once = index.search(["deposit", "tribun"], 5);
    const twice = index.search(["deposit", "deposit", "tribun", "photosynthesi"], 5);
    const byId = new Map(once.map((h) => [h.id, h.score]));
    // c01 holds only "deposit": its score doubles with the repeat.
    expect(twice.find((h) => h.id === "c01")!.score).toBeCloseTo(2 * byId.get("c01")!, 12);
    expect(index.search(["photosynthesi"], 5)).toEqual([]);
    expect(index.search([], 5)).toEqual([]);
  });

  it("keeps rows, document frequencies and corpus counts as the database's statistics do", () => {
    expect(index.revision).toBe(7);
    expect(index.chunks).toBe(5);
    expect(index.tokens).toBe(21);
    expect(index.df("landlord")).toBe(3);
    expect(index.df("nothing")).toBe(0);
    expect(index.row("c03")).toEqual({ id: "c03", documentId: "doc-c03", text: "rent increas notic notic day year", metadata: {}, title: "t" });
    expect(index.row("missing")).toBeUndefined();
  });
});
