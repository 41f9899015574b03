import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Passage } from "@/nodes/ports";
import { chunkText } from "@/server/knowledge/chunk";
import { recordingContext } from "@/server/runtime/test-context";
import { extractAnswer, NO_SUPPORT } from "./extract";
import { impl } from "./run";
import { spec } from "./spec";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");
const defaults = spec.config.parse({});
const fold = (text: string) => text.replace(/\s+/g, " ");

// Real passages: the chunks of two handbook chapters, as the retriever would pass them on.
async function passagesOf(files: string[]): Promise<{ passages: Passage[]; texts: Map<string, string> }> {
  const passages: Passage[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    const content = await readFile(path.join(seedDir, file), "utf8");
    texts.set(file, content);
    for (const chunk of await chunkText(content, { markdown: true, chunkSize: 500, chunkOverlap: 120 })) {
      passages.push({
        id: `${file}#${passages.length}`,
        text: chunk.text,
        source: { documentId: file, title: file, start: chunk.start, end: chunk.end, heading: chunk.heading },
        metadata: {},
        score: 1,
        rank: passages.length + 1,
      });
    }
  }
  return { passages, texts };
}

describe("generate.extractive", () => {
  let passages: Passage[] = [];
  let texts = new Map<string, string>();
  beforeAll(async () => {
    ({ passages, texts } = await passagesOf(["04-ending-a-tenancy.md", "02-rent-increases.md"]));
  });

  it("quotes the supporting sentence verbatim and cites its passage with an exact anchor", () => {
    const answer = extractAnswer({ question: "What is the break fee for leaving a fixed-term lease early?", history: [] }, passages, defaults);
    expect(answer.refused).toBe(false);
    expect(answer.mode).toBe("offline");
    expect(answer.sentences[0]).toEqual({
      text: "A tenant who leaves a fixed-term lease early must pay a break fee: four weeks' rent if less than half of the term has passed, or two weeks' rent otherwise.",
      markers: [1],
    });
    expect(answer.text.startsWith(`${answer.sentences[0].text} [1]`)).toBe(true);
    for (const citation of answer.citations) {
      const document = texts.get(citation.source.documentId) ?? "";
      expect(fold(document.slice(citation.source.start, citation.source.end))).toContain(citation.quote.split(" … ")[0]);
      expect(passages.find((p) => p.id === citation.passageId)?.source.heading).toEqual(citation.source.heading);
    }
  });

  it("never writes a word that is not in a passage, and numbers citations in order of use", () => {
    const answer = extractAnswer({ question: "How often can rent be increased, and how much notice is needed?", history: [] }, passages, { maxSentences: 4, minOverlap: 0.3 });
    expect(answer.sentences.length).toBeGreaterThan(1);
    const allText = passages.map((p) => fold(p.text)).join("\n");
    for (const sentence of answer.sentences) expect(allText).toContain(sentence.text);
    expect(answer.citations.map((c) => c.marker)).toEqual(answer.citations.map((_, i) => i + 1));
    const used = [...new Set(answer.sentences.flatMap((s) => s.markers))];
    expect(used).toEqual(answer.citations.map((c) => c.marker));
    // Overlapping chunks repeat sentences; the answer quotes each only once.
    expect(new Set(answer.sentences.map((s) => s.text)).size).toBe(answer.sentences.length);
    expect(answer.sentences.length).toBeLessThanOrEqual(4);
  });

  it("refuses when no passage shares enough of the question", () => {
    for (const question of ["What is the boiling point of mercury?", "Is smoking allowed?", "the of and"]) {
      expect(extractAnswer({ question, history: [] }, passages, defaults)).toEqual({
        text: NO_SUPPORT,
        sentences: [],
        citations: [],
        refused: true,
        refusalReason: NO_SUPPORT,
        mode: "offline",
      });
    }
    expect(extractAnswer({ question: "When is rent due?", history: [] }, [], defaults).refused).toBe(true);
  });

  it("answers from Chinese passages, with the marker after the full stop", () => {
    const text = "房东应当在租期结束后十四日内退还押金。押金不得超过四周的租金。房屋漏水时，房东应当在七日内修复。";
    const passage: Passage = { id: "p1", text, source: { documentId: "d1", title: "租赁指南", start: 0, end: text.length }, metadata: {}, score: 2, rank: 1 };
    const answer = extractAnswer({ question: "房东什么时候退还押金？", history: [] }, [passage], defaults);
    expect(answer.text).toBe("房东应当在租期结束后十四日内退还押金。[1]");
    expect(answer.citations[0].source).toMatchObject({ start: 0, end: 19 });
  });

  // A Wikipedia-style passage: the topic is named once, later sentences speak of it without its name.
  const treeText =
    "纽西兰鸡毛松是罗汉松科鸡毛松属的一种，纽西兰的特有种。纽西兰鸡毛松分布于纽西兰的低地森林。树高可达55米，树干直径可达1米。其木材曾用于制作黄油盒。";
  const tree: Passage = { id: "tree", text: treeText, source: { documentId: "d2", title: "纽西兰鸡毛松", start: 0, end: treeText.length }, metadata: {}, score: 3, rank: 1 };

  it("credits a sentence with the topic its passage names", () => {
    // "其木材" meets the question once itself; the passage supplies the tree it speaks of.
    const answer = extractAnswer({ question: "纽西兰鸡毛松的木材有什么用？", history: [] }, [tree], defaults);
    expect(answer.sentences.map((s) => s.text)).toContain("其木材曾用于制作黄油盒。");
    expect(answer.citations).toHaveLength(1);
  });

  it("prefers the sentence holding the kind of answer asked for", () => {
    const text = "埃菲尔铁塔位于巴黎战神广场。埃菲尔铁塔的高度闻名世界。埃菲尔铁塔的高度为300米。";
    const tower: Passage = { id: "tower", text, source: { documentId: "d3", title: "埃菲尔铁塔", start: 0, end: text.length }, metadata: {}, score: 3, rank: 1 };
    const answer = extractAnswer({ question: "埃菲尔铁塔的高度是多少？", history: [] }, [tower], { ...defaults, maxSentences: 1 });
    expect(answer.text).toBe("埃菲尔铁塔的高度为300米。[1]");
  });

  it("never answers on the passage's context alone: a question no sentence meets twice is still refused", () => {
    // Both question terms are in the passage, but no sentence holds both.
    for (const question of ["木材的直径？", "森林里的黄油？"]) expect(extractAnswer({ question, history: [] }, [tree], defaults).refused).toBe(true);
  });

  it("runs as a node: logs what it quoted and streams each sentence", async () => {
    const ctx = recordingContext();
    const { answer } = await impl.run({
      inputs: { query: { question: "How much notice must a landlord give when the home is being sold?", history: [] }, passages },
      config: { ...defaults, maxSentences: 1 },
      ctx,
    });
    expect(answer.text).toBe("the home is being sold with vacant possession: 60 days' notice; [1]");
    expect(ctx.tokens).toEqual(["the home is being sold with vacant possession: 60 days' notice; [1] "]);
    expect(ctx.logs).toEqual([{ message: "Quoted 1 sentence(s) from 1 passage(s)" }]);
  });
});
