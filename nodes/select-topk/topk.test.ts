import { describe, expect, it } from "vitest";
import type { Passage } from "@/nodes/ports";
import { recordingContext } from "@/server/runtime/test-context";
import { cutPassages } from "./cut";
import { impl } from "./run";
import { spec } from "./spec";

function passage(id: string, text: string, rank: number, title: string, start: number): Passage {
  return { id, text, source: { documentId: title, title, start }, metadata: {}, score: 1 / rank, rank };
}

const passages = [
  passage("p1", "自闭症与遗传有关，多个基因的变异会增加患病风险。", 1, "自闭症", 100),
  passage("p2", "自闭症与遗传有关，多个基因的变异会增加患病风险。同卵双胞胎风险更高。", 2, "自闭症", 90),
  passage("p3", "Tenants must be given 24 hours' written notice before the landlord enters.", 3, "Entry", 0),
  passage("p4", "目前自闭症不能被治愈，但早期干预可以明显改善症状。", 4, "自闭症", 300),
  passage("p5", "Smoke alarms must be fitted on every storey.", 5, "Repairs", 0),
  passage("p6", "The deposit is returned within 10 days.", 6, "Deposits", 0),
];

describe("select.topk", () => {
  it("defaults to four passages, the best nearest the question (last)", async () => {
    const config = spec.config.parse({});
    expect(config).toEqual({ topK: 4, duplicateOverlap: 0.8, order: "best-last" });
    const ctx = recordingContext();
    const out = await impl.run({ inputs: { passages }, config, ctx });
    // p2 repeats p1 almost word for word: it goes, and p5 takes its place.
    expect(out.passages.map((p) => p.id)).toEqual(["p5", "p4", "p3", "p1"]);
    expect(out.passages.map((p) => p.rank)).toEqual([4, 3, 2, 1]);
    expect(ctx.logs[0].message).toBe("Kept 4 of 6 passage(s) (1 near-duplicate(s) dropped), ordered best-last");
  });

  it("orders best first or in the sources' reading order", () => {
    const options = { topK: 3, duplicateOverlap: 0.8 };
    expect(cutPassages(passages, { ...options, order: "best-first" }).passages.map((p) => p.id)).toEqual(["p1", "p3", "p4"]);
    expect(cutPassages(passages, { ...options, order: "document" }).passages.map((p) => p.id)).toEqual(["p3", "p1", "p4"]);
  });
});
