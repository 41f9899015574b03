// The per-text memo behind the offline nodes: a derivation runs once per text, the texts kept stay
// within their character budget (least recently used dropped first), and the offline nodes give the
// same results from remembered values as from fresh ones, without one run changing another's.
import { describe, expect, it } from "vitest";
import { extractAnswer } from "@/nodes/generate-extractive/extract";
import type { Passage } from "@/nodes/ports";
import { mmr } from "@/nodes/select-rerank/mmr";
import { cutPassages } from "@/nodes/select-topk/cut";
import { judgeSupport } from "@/nodes/verify-citations/lexical-support";
import { keptTexts, perText } from "./text-memo";

function passage(id: string, text: string, rank: number): Passage {
  return { id, text, source: { documentId: `doc-${id}`, title: `Doc ${id}`, start: 0 }, metadata: {}, score: 1, rank };
}

const tenancy = [
  passage("a", "The landlord must protect the deposit in a scheme within 30 days of receiving it. Tenants can ask which scheme holds it.", 1),
  passage("b", "At the end of the tenancy the deposit is returned within 10 days, less agreed deductions. Disputes go to the scheme.", 2),
  passage("c", "Smoke alarms must be fitted on every storey of the home. The landlord tests them on the first day of the tenancy.", 3),
  passage("d", "The landlord must protect the deposit in a scheme within 30 days of receiving it.", 4),
];
const autism = [
  passage("x", "自闭症与遗传有关，多个基因的变异会增加风险。同卵双胞胎同时患病的比例更高。", 1),
  passage("y", "自闭症的核心症状包括社交沟通障碍和刻板行为。早期干预可以明显改善症状。", 2),
  passage("z", "借贷合同无效后，借款人仍应当返还借款本金。", 3),
];

function offlineRun(question: string, passages: Passage[]) {
  const reranked = mmr(question, passages, { topK: 3, lambda: 0.7 });
  const top = cutPassages(reranked, { topK: 2, duplicateOverlap: 0.8, order: "best-first" });
  const answer = extractAnswer({ question, history: [] }, top.passages, { maxSentences: 2, minOverlap: 0.1 });
  const support = answer.sentences.map((s) => judgeSupport(s.text, top.passages[0].text, { threshold: 0.5 }));
  return { reranked, top, answer, support };
}

describe("perText", () => {
  it("derives once per text and returns the same value after", () => {
    let calls = 0;
    const length = perText((text) => {
      calls++;
      return { length: text.length };
    });
    const first = length("a passage of text");
    expect(length("a passage of text")).toBe(first);
    expect(length("another passage")).toEqual({ length: 15 });
    expect(calls).toBe(2);
  });

  it("keeps texts within its character budget, giving a text used since it was kept a second chance", () => {
    let calls = 0;
    const derive = perText(() => ++calls);
    const [a, b, c] = ["a", "b", "c"].map((letter) => letter.repeat(700_000));
    expect([derive(a), derive(b), derive(a)]).toEqual([1, 2, 1]);
    // A third 700,000-character text exceeds the budget of 2,000,000: a was read again, so b goes.
    expect(derive(c)).toBe(3);
    expect(keptTexts().characters).toBeLessThanOrEqual(2_000_000);
    expect(derive(a)).toBe(1);
    expect(derive(b)).toBe(4);
    // a had its second chance when b came back (c went then); now it is the oldest unread text.
    expect(derive(c)).toBe(5);
    expect(derive(b)).toBe(4);
  });
});

describe("the offline nodes over remembered text", () => {
  it("give the same results as on first sight, and one run leaves another's results as they were", () => {
    const english = offlineRun("When is my deposit protected and returned?", tenancy);
    const chinese = offlineRun("自闭症和遗传有关吗", autism);
    const snapshot = structuredClone({ english, chinese });
    expect(english.answer.refused).toBe(false);
    expect(chinese.answer.refused).toBe(false);
    expect(offlineRun("Who tests the smoke alarms?", tenancy).answer.refused).toBe(false);
    expect(offlineRun("When is my deposit protected and returned?", tenancy)).toEqual(snapshot.english);
    expect(offlineRun("自闭症和遗传有关吗", autism)).toEqual(snapshot.chinese);
    expect({ english, chinese }).toEqual(snapshot);
  });
});
