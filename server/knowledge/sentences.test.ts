import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("splits English prose at sentence ends but not at hard wraps or abbreviations", () => {
    const passage = "A tenant may leave early, e.g. when the lease\nallows it. Notice is 21 days! Is it written? Yes.";
    const sentences = splitSentences(passage);
    expect(sentences.map((s) => s.text)).toEqual([
      "A tenant may leave early, e.g. when the lease allows it.",
      "Notice is 21 days!",
      "Is it written?",
      "Yes.",
    ]);
    for (const s of sentences) expect(passage.slice(s.start, s.end).replace(/\s+/g, " ")).toBe(s.text);
  });

  it("splits Chinese at 。！？ without needing spaces", () => {
    expect(splitSentences("房东应当退还押金。租客有权要求维修！是否需要书面通知？").map((s) => s.text)).toEqual([
      "房东应当退还押金。",
      "租客有权要求维修！",
      "是否需要书面通知？",
    ]);
  });

  it("treats Markdown headings, list items and quotations as their own blocks", () => {
    const passage = [
      "## Notice given by the landlord",
      "",
      "The accepted reasons are:",
      "",
      "- the home is being sold: 60 days' notice;",
      "- major renovation that needs the home empty: 90 days' notice, with a",
      "  builder's written quote;",
      "",
      "> Fictional example content. Eastmere is",
      "> invented.",
    ].join("\n");
    const sentences = splitSentences(passage);
    expect(sentences.map((s) => [s.text, s.heading])).toEqual([
      ["Notice given by the landlord", true],
      ["The accepted reasons are:", false],
      ["the home is being sold: 60 days' notice;", false],
      ["major renovation that needs the home empty: 90 days' notice, with a builder's written quote;", false],
      ["Fictional example content.", false],
      ["Eastmere is invented.", false],
    ]);
    const renovation = sentences[3];
    expect(passage.slice(renovation.start, renovation.end)).toBe(
      "major renovation that needs the home empty: 90 days' notice, with a\n  builder's written quote;",
    );
  });
});
