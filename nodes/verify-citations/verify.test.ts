// verify.citations on real passages of the seeded handbook: the offline heuristic's judgements, each
// failure policy, and the LLM judge and regeneration through ChatOpenAI against the mock provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeText } from "@/nodes/generate-cited/compose";
import { seedPassages } from "@/nodes/generate-cited/seed-passages";
import { extractAnswer } from "@/nodes/generate-extractive/extract";
import type { Answer, Passage } from "@/nodes/ports";
import type { CredentialSource } from "@/server/providers/node-providers";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { judgeSupport } from "./lexical-support";
import { impl } from "./run";
import { spec } from "./spec";

const premise = "A tenant who leaves a fixed-term lease early must pay a break fee: four weeks' rent if less than half of the term has passed.";

describe("judgeSupport (offline)", () => {
  it("entails a sentence the passage states", () => {
    expect(judgeSupport("A tenant leaving a fixed-term lease early must pay a break fee.", premise)).toMatchObject({ label: "entailment" });
  });

  it("does not entail a number the passage does not state", () => {
    const judged = judgeSupport("A tenant who leaves a fixed-term lease early must pay six weeks' rent as a break fee.", premise);
    expect(judged.label).not.toBe("entailment");
    expect(judged.reasons.join(" ")).toMatch(/does not state six|does not state/);
  });

  it("reads a negation on one side only as a contradiction", () => {
    expect(judgeSupport("A tenant who leaves a fixed-term lease early does not pay a break fee.", premise).label).toBe("contradiction");
  });

  it("reads opposite directions as a contradiction", () => {
    expect(judgeSupport("Treatment with folic acid increased homocysteine levels in patients.", "Treatment with folic acid reduced homocysteine levels in patients.").label).toBe("contradiction");
  });

  it("reads an antonym swapped in as a contradiction, and an acronym the passage spells out as mentioned", () => {
    const passage = "Patients with chronic kidney disease had higher blood pressure than controls.";
    expect(judgeSupport("Patients with chronic kidney disease had lower blood pressure than controls.", passage)).toMatchObject({ label: "contradiction" });
    expect(judgeSupport("早上的会议取消了", "晚上的会议取消了").label).toBe("contradiction");
    const acronym = judgeSupport("Patients with CKD had higher blood pressure than controls.", passage);
    expect(acronym.reasons.join("; ")).not.toContain("does not mention");
  });

  it("judges Chinese through the shared analyser", () => {
    const passage = "租客提前解除定期租约的，应当支付违约金。";
    expect(judgeSupport("租客提前解除定期租约应当支付违约金。", passage).label).toBe("entailment");
    expect(judgeSupport("租客提前解除定期租约不需要支付违约金。", passage).label).toBe("contradiction");
    expect(judgeSupport("房东可以随时进入房屋检查。", passage).label).toBe("neutral");
  });
});

let passages: Passage[];
let mock: MockProviderServer;
const credentials = (): CredentialSource => ({
  resolve: async (id) => ({ id, name: "Mock", provider: "openai", baseUrl: mock.baseUrl, apiKey: "k", models: [] }),
});

function answerOf(sentences: Answer["sentences"]): Answer {
  const used = [...new Set(sentences.flatMap((s) => s.markers))];
  return {
    text: composeText(sentences),
    sentences,
    citations: used.map((m) => ({ marker: m, passageId: passages[m - 1].id, source: passages[m - 1].source, quote: passages[m - 1].text.slice(0, 80) })),
    refused: false,
    mode: "provider",
  };
}

beforeAll(async () => {
  mock = await startMockProviderServer();
  // The chapter's notice and break-fee sections: [1] states the break fee, [2] family-violence notice.
  passages = (await seedPassages(["04-ending-a-tenancy.md"])).slice(1, 4);
});
afterAll(() => mock.close());

describe("verify.citations", () => {
  const breakFee = "A tenant who leaves a fixed-term lease early must pay a break fee.";
  // Invented, with a number no passage states: the offline check catches that (an on-topic invention without one reads as supported in English).
  const invented = "The landlord must repaint the whole house every seven years.";

  async function verify(answer: Answer, config: Record<string, unknown>, ctx = recordingContext()) {
    return impl.run({ inputs: { answer, passages, query: { question: "What if I leave early?", history: [] } }, config: spec.config.parse(config), ctx });
  }

  it("offline: labels each sentence, and drops the unsupported one with its citation", async () => {
    const answer = answerOf([{ text: breakFee, markers: [1] }, { text: invented, markers: [2] }]);
    const { answer: checked, verdict } = await verify(answer, {});
    expect(verdict.sentences.map((s) => s.label)).toEqual(["entailment", "neutral"]);
    expect(verdict.supported).toBe(false);
    expect(checked.sentences).toEqual([{ text: breakFee, markers: [1] }]);
    expect(checked.citations.map((c) => c.marker)).toEqual([1]);
    expect(checked.text).toBe(`${breakFee} [1]`);
  });

  it("offline: a raised content floor fails an on-topic invention that the paraphrase-tolerant default lets through", async () => {
    const onTopic = "The landlord may also repaint the house every month.";
    const answer = answerOf([{ text: breakFee, markers: [1] }, { text: onTopic, markers: [1] }]);
    expect((await verify(answer, {})).verdict.sentences.map((s) => s.label)).toEqual(["entailment", "entailment"]);
    const strict = await verify(answer, { minCoverage: 0.5 });
    expect(strict.verdict.sentences.map((s) => s.label)).toEqual(["entailment", "neutral"]);
    expect(strict.answer.sentences).toEqual([{ text: breakFee, markers: [1] }]);
  });

  it("offline: entails every quote of an extractive answer, so a strict pipeline does not refuse its own quotes", async () => {
    const all = await seedPassages(["04-ending-a-tenancy.md", "02-rent-increases.md", "01-security-deposits.md"]);
    for (const question of ["What is the break fee for leaving a fixed-term lease early?", "How often can rent be increased?", "How much can a landlord ask for as a security deposit?"]) {
      const answer = extractAnswer({ question, history: [] }, all, { maxSentences: 3, minOverlap: 0.3 });
      expect(answer.refused).toBe(false);
      const { verdict } = await impl.run({ inputs: { answer, passages: all }, config: spec.config.parse({ policy: "refuse" }), ctx: recordingContext() });
      expect(verdict.sentences.map((s) => s.label)).toEqual(answer.sentences.map(() => "entailment"));
    }
  });

  it("flags (keeps), refuses, and treats an uncited sentence as unsupported", async () => {
    const answer = answerOf([{ text: breakFee, markers: [1] }, { text: invented, markers: [] }]);
    expect((await verify(answer, { policy: "flag" })).answer).toEqual(answer);
    const refused = await verify(answer, { policy: "refuse" });
    expect(refused.answer).toMatchObject({ refused: true, sentences: [], refusalReason: expect.stringMatching(/sentence 2 is neutral/) });
    expect(refused.verdict.sentences[1]).toMatchObject({ label: "neutral", score: 0, markers: [] });
  });

  it("refuses when no sentence survives the drop", async () => {
    const { answer } = await verify(answerOf([{ text: invented, markers: [1] }]), { policy: "drop" });
    expect(answer.refused).toBe(true);
  });

  it("passes a refusal through with an empty verdict", async () => {
    const refusal: Answer = { text: "No", sentences: [], citations: [], refused: true, refusalReason: "No", mode: "offline" };
    expect(await verify(refusal, {})).toEqual({ answer: refusal, verdict: { sentences: [], supported: true } });
  });

  it("rejects the regenerate policy offline, naming the field", () => {
    expect(spec.config.safeParse({ policy: "regenerate" }).error?.issues[0]).toMatchObject({ path: ["policy"] });
  });

  const providerConfig = (policy: string) => ({ mode: "provider", provider: { credentialId: "c1", model: "mock-model" }, policy });

  it("provider: an LLM judge labels each sentence through structured output", async () => {
    const ctx = recordingContext({ credentials: credentials() });
    mock.script({ content: JSON.stringify({ verdicts: [{ index: 1, label: "entailment", score: 0.9 }, { index: 2, label: "contradiction", score: 0.1 }] }) });
    const { answer, verdict } = await verify(answerOf([{ text: breakFee, markers: [1] }, { text: invented, markers: [2] }]), providerConfig("drop"), ctx);
    expect(verdict.sentences.map((s) => [s.label, s.score])).toEqual([["entailment", 0.9], ["contradiction", 0.1]]);
    expect(answer.sentences).toHaveLength(1);
    const judged = mock.requests.at(-1)!.body as { messages: Array<{ content: string }>; response_format: unknown };
    expect(judged.response_format).toEqual({ type: "json_object" });
    expect(judged.messages[0].content).toContain(`Sentence 2: ${invented}`);
    expect(judged.messages[0].content).toContain(`Passage 1.1: ${passages[0].text}`);
  });

  it("provider: asks the judge again when it skips a sentence", async () => {
    const ctx = recordingContext({ credentials: credentials() });
    mock.script(
      { content: JSON.stringify({ verdicts: [{ index: 1, label: "entailment", score: 0.9 }] }) },
      { content: JSON.stringify({ verdicts: [{ index: 1, label: "entailment", score: 0.9 }, { index: 2, label: "neutral", score: 0.2 }] }) },
    );
    const { verdict } = await verify(answerOf([{ text: breakFee, markers: [1] }, { text: invented, markers: [2] }]), providerConfig("flag"), ctx);
    expect(verdict.sentences.map((s) => s.label)).toEqual(["entailment", "neutral"]);
    const repair = (mock.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(repair).toContain("Give one verdict for each sentence, index 1 to 2");
  });

  it("provider: regenerates once with the verdicts as feedback, then judges again", async () => {
    const ctx = recordingContext({ credentials: credentials() });
    mock.script(
      { content: JSON.stringify({ verdicts: [{ index: 1, label: "neutral", score: 0.3 }] }) },
      { content: `${breakFee} [1]` },
      { content: JSON.stringify({ verdicts: [{ index: 1, label: "entailment", score: 0.95 }] }) },
    );
    const { answer, verdict } = await verify(answerOf([{ text: invented, markers: [1] }]), providerConfig("regenerate"), ctx);
    expect(answer).toMatchObject({ refused: false, sentences: [{ text: breakFee, markers: [1] }] });
    expect(verdict.supported).toBe(true);
    const regenerate = (mock.requests.at(-2)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(regenerate).toContain(`1. neutral (0.30): ${invented}`);
    expect(ctx.logs.some((l) => /Regenerating once/.test(l.message))).toBe(true);
  });
});
