import { describe, expect, it } from "vitest";
import { chunkerSettings, type ChunkerSettings } from "@/nodes/chunker-settings";
import { parseMarkdown, parsePlainText } from "../parse/parse-markdown";
import type { ParsedDocument } from "../parse/parsed-document";
import { chunkDocument } from "./chunk-document";
import { splitSentenceSpans } from "./sentence-spans";

const handbook = `# Tenancy handbook

## Deposits

A deposit may not exceed five weeks' rent. The landlord must protect it within 30 days. A tenant can ask the tribunal for up to three times the deposit if it was not protected.

## Repairs

### Urgent repairs

Urgent repairs (no heating, no water) must start within 24 hours. The tenant may arrange them and deduct the cost when the landlord does not respond.

### Other repairs

Other repairs must be done within a reasonable time, usually 28 days.
`;

const chinese = "租客应当在租期届满前三十日书面通知房东。房东不得无故扣留押金！押金是否必须退还？应当在十日内退还；逾期的，应当支付利息……";

function everyChunkIsASlice(doc: ParsedDocument, chunks: Awaited<ReturnType<typeof chunkDocument>>) {
  for (const chunk of chunks) expect(chunk.text).toBe(doc.text.slice(chunk.start, chunk.end));
}

function coverage(doc: ParsedDocument, chunks: Awaited<ReturnType<typeof chunkDocument>>): string {
  const covered = new Array<boolean>(doc.text.length).fill(false);
  for (const c of chunks) covered.fill(true, c.start, c.end);
  return Array.from(doc.text).filter((ch, i) => !covered[i] && /\S/.test(ch)).join("");
}

const settings = (value: Partial<ChunkerSettings> & { kind: ChunkerSettings["kind"] }) => chunkerSettings.parse(value);

describe("chunkers", () => {
  it("recursive character: exact slices within the size, every word covered, heading paths kept", async () => {
    const doc = parseMarkdown(handbook);
    const chunks = await chunkDocument(doc, settings({ kind: "recursive", chunkSize: 120, chunkOverlap: 20 }));
    everyChunkIsASlice(doc, chunks);
    expect(coverage(doc, chunks)).toBe("");
    expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(121);
    const urgent = chunks.find((c) => c.text.includes("deduct the cost"));
    expect(urgent?.text).not.toContain("#");
    expect(urgent?.heading).toEqual(["Tenancy handbook", "Repairs", "Urgent repairs"]);
  });

  it("sentence/paragraph: whole sentences, Chinese punctuation understood, overlap of one sentence", async () => {
    const doc = parsePlainText(chinese);
    expect(splitSentenceSpans(chinese).map((s) => chinese.slice(s.start, s.end))).toEqual([
      "租客应当在租期届满前三十日书面通知房东。",
      "房东不得无故扣留押金！",
      "押金是否必须退还？",
      "应当在十日内退还；",
      "逾期的，应当支付利息……",
    ]);
    const chunks = await chunkDocument(doc, settings({ kind: "sentence", chunkSize: 50, overlapSentences: 1 }));
    everyChunkIsASlice(doc, chunks);
    expect(coverage(doc, chunks)).toBe("");
    for (const chunk of chunks) expect(chunk.text).toMatch(/[。！？；…]$/);
    // The last sentence of a chunk opens the next one.
    const lastSentence = chunks[0].text.match(/[^。！？；]+[。！？；]$/)![0];
    expect(chunks[1].text.startsWith(lastSentence)).toBe(true);
  });

  it("sentence/paragraph: English sentences are not split at abbreviations inside words, and paragraphs end chunks", async () => {
    const text = "Rent is due monthly. It is paid by transfer.\n\nPets need consent. Consent may not be refused unreasonably.";
    const doc = parsePlainText(text);
    const chunks = await chunkDocument(doc, settings({ kind: "sentence", chunkSize: 80, overlapSentences: 0 }));
    expect(chunks.map((c) => c.text)).toEqual(["Rent is due monthly. It is paid by transfer.", "Pets need consent. Consent may not be refused unreasonably."]);
  });

  it("markdown headers: one chunk per section with its full heading path", async () => {
    const doc = parseMarkdown(handbook);
    const chunks = await chunkDocument(doc, settings({ kind: "markdown", chunkSize: 1000, chunkOverlap: 0 }));
    everyChunkIsASlice(doc, chunks);
    expect(chunks.map((c) => c.heading)).toEqual([
      ["Tenancy handbook"],
      ["Tenancy handbook", "Deposits"],
      ["Tenancy handbook", "Repairs"],
      ["Tenancy handbook", "Repairs", "Urgent repairs"],
      ["Tenancy handbook", "Repairs", "Other repairs"],
    ]);
    expect(chunks[3].text.startsWith("### Urgent repairs")).toBe(true);
    expect(chunks[3].text).not.toContain("Other repairs");
  });

  it("token window: fixed windows of words (or Chinese characters) overlapping by the given count", async () => {
    const text = Array.from({ length: 25 }, (_, i) => `w${i}`).join(" ") + ". " + chinese;
    const doc = parsePlainText(text);
    const chunks = await chunkDocument(doc, settings({ kind: "token", windowTokens: 10, overlapTokens: 3 }));
    everyChunkIsASlice(doc, chunks);
    expect(coverage(doc, chunks)).toBe("");
    expect(chunks[0].text).toBe("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");
    expect(chunks[1].text.startsWith("w7 w8 w9 w10")).toBe(true);
    // A Chinese window counts characters: ten of them, punctuation riding along.
    const cjkWindows = chunks.filter((c) => !/[a-z]/.test(c.text));
    expect(cjkWindows.length).toBeGreaterThan(2);
    expect(cjkWindows[0].text.match(/\p{Script=Han}/gu)).toHaveLength(10);
  });

  it("keeps page anchors from the parsed document", async () => {
    const one = "The first page says deposits are capped.";
    const two = "The second page says repairs are urgent.";
    const doc: ParsedDocument = { text: `${one}\n\n${two}`, headings: [], pages: [{ page: 1, offset: 0 }, { page: 2, offset: one.length + 2 }], markdown: false };
    const chunks = await chunkDocument(doc, settings({ kind: "sentence", chunkSize: 60, overlapSentences: 0 }));
    expect(chunks.map((c) => [c.text, c.page])).toEqual([[one, 1], [two, 2]]);
  });

  it("settings refuse an overlap as large as the chunk", () => {
    expect(chunkerSettings.safeParse({ kind: "recursive", chunkSize: 100, chunkOverlap: 100 }).success).toBe(false);
    expect(chunkerSettings.parse({ kind: "token" })).toEqual({ kind: "token", windowTokens: 200, overlapTokens: 40 });
  });
});
