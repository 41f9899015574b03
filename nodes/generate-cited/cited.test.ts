// generate.cited on the seeded handbook's passages: offline (extractive) and through ChatOpenAI
// against the local mock provider, including marker repair and streaming.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Passage } from "@/nodes/ports";
import type { CredentialSource } from "@/server/providers/node-providers";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { NOTHING_CITED, NOT_ANSWERED } from "./generate-with-model";
import { parseCitedText } from "./parse-cited";
import { impl } from "./run";
import { seedPassages } from "./seed-passages";
import { spec } from "./spec";

let mock: MockProviderServer;
let passages: Passage[];
const question = { question: "What does a tenant pay for leaving a fixed-term lease early?", history: [] };
const providerConfig = () => spec.config.parse({ mode: "provider", provider: { credentialId: "c1", model: "mock-model" } });
const credentials = (): CredentialSource => ({
  resolve: async (id) => ({ id, name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey: "k", models: [] }),
});

beforeAll(async () => {
  mock = await startMockProviderServer();
  passages = (await seedPassages(["04-ending-a-tenancy.md", "02-rent-increases.md"])).slice(0, 4);
});
afterAll(() => mock.close());

describe("parseCitedText", () => {
  it("reads markers before and after the full stop, in both bracket styles", () => {
    const parsed = parseCitedText("Notice is 21 days [1]. A break fee applies.[2][3] 押金应退还【2】。", 3);
    expect(parsed.sentences).toEqual([
      { text: "Notice is 21 days.", markers: [1] },
      { text: "A break fee applies.", markers: [2, 3] },
      { text: "押金应退还。", markers: [2] },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it("names a sentence without a marker and a marker that points at no passage", () => {
    const parsed = parseCitedText("Rent rises yearly. Notice is 60 days [7].", 4);
    expect(parsed.problems).toEqual([
      'Sentence 1 ("Rent rises yearly.") ends without a [n] marker.',
      "Sentence 2 cites [7], but only passages 1 to 4 exist.",
    ]);
  });
});

describe("generate.cited", () => {
  it("offline: quotes the supporting sentences, each cited, without a model", async () => {
    const ctx = recordingContext();
    const { answer } = await impl.run({ inputs: { query: question, passages }, config: spec.config.parse({}), ctx });
    expect(answer).toMatchObject({ mode: "offline", refused: false });
    expect(answer.sentences[0].text).toMatch(/break fee/);
    for (const s of answer.sentences) expect(s.markers.every((m) => answer.citations.some((c) => c.marker === m))).toBe(true);
    expect(ctx.logs[0].message).toMatch(/^Offline extractive answer/);
  });

  it("provider: sends the numbered passages, streams the answer and keeps the cited sentences", async () => {
    const ctx = recordingContext({ credentials: credentials() });
    mock.script({ content: "Leaving early costs a break fee of four or two weeks' rent [1]. It depends on how much of the term has passed [1]." });
    const { answer } = await impl.run({ inputs: { query: question, passages }, config: providerConfig(), ctx });
    expect(answer).toMatchObject({ mode: "provider", refused: false });
    expect(answer.sentences.map((s) => s.markers)).toEqual([[1], [1]]);
    expect(answer.text).toBe("Leaving early costs a break fee of four or two weeks' rent. [1] It depends on how much of the term has passed. [1]");
    expect(answer.citations).toEqual([{ marker: 1, passageId: passages[0].id, source: passages[0].source, quote: passages[0].text }]);
    const sent = mock.requests.at(-1)!.body as { messages: Array<{ content: string }>; stream: boolean };
    expect(sent.stream).toBe(true);
    expect(sent.messages.at(-1)!.content).toContain(`[2] (${passages[1].source.title}`);
    expect(sent.messages.at(-1)!.content).toContain(question.question);
    expect(ctx.tokens.join("")).toMatch(/^Leaving early costs/);
    expect(ctx.counted).toBeGreaterThan(0);
  });

  it("provider: asks once for a repair of bad markers, then drops what still cites nothing", async () => {
    const ctx = recordingContext({ credentials: credentials() });
    mock.script({ content: "A break fee applies [9]. Notice is 21 days." }, { content: "A break fee applies [1]. Tenants should be careful." });
    const { answer } = await impl.run({ inputs: { query: question, passages }, config: providerConfig(), ctx });
    expect(answer.sentences).toEqual([{ text: "A break fee applies.", markers: [1] }]);
    const repair = (mock.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(repair).toContain("Sentence 1 cites [9], but only passages 1 to 4 exist.");
    expect(repair).toContain('Sentence 2 ("Notice is 21 days.") ends without a [n] marker.');
    expect(ctx.logs.map((l) => l.message).join("\n")).toMatch(/Still wrong after the repair/);
  });

  it("provider: refuses when the model finds no answer or cites nothing", async () => {
    mock.script({ content: "NO_ANSWER" });
    const first = await impl.run({ inputs: { query: question, passages }, config: providerConfig(), ctx: recordingContext({ credentials: credentials() }) });
    expect(first.answer).toMatchObject({ refused: true, refusalReason: NOT_ANSWERED, sentences: [] });
    mock.script({ content: "It costs money." }, { content: "It really costs money." });
    const second = await impl.run({ inputs: { query: question, passages }, config: providerConfig(), ctx: recordingContext({ credentials: credentials() }) });
    expect(second.answer).toMatchObject({ refused: true, refusalReason: NOTHING_CITED });
  });

  it("rejects provider mode without a provider, naming the field", () => {
    const result = spec.config.safeParse({ mode: "provider" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["provider"], message: expect.stringMatching(/Provider mode needs a model provider/) });
  });
});
