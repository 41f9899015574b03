import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "@/server/knowledge/ingest";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { workspaceCredentials } from "@/server/providers/workspace-credentials";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { lastPrompt, mockCredentials, mockRef } from "@/server/templates/testing/mock-provider";
import { createTestBases, type TestBases } from "@/server/templates/testing/knowledge-bases";
import { pseudoQuestions, thresholdAt } from "./calibrate";
import { impl } from "./run";
import { DEFAULT_REFUSAL, spec } from "./spec";

let mock: MockProviderServer;
beforeAll(async () => {
  mock = await startMockProviderServer();
});
afterAll(() => mock.close());

describeEachDatabase("query.guard", (getDb) => {
  let bases: TestBases;
  beforeAll(async () => {
    bases = await createTestBases(getDb());
  });

  const run = async (question: string, config: Record<string, unknown>) => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), bases.workspaceId), credentials: mockCredentials(mock) });
    const query = { question, history: [] };
    return { out: await impl.run({ inputs: { query }, config: spec.config.parse(config), ctx }), ctx, query };
  };

  it("offline: passes questions in the base's domain on, in English and Chinese", async () => {
    for (const [question, knowledgeBaseId] of [
      ["How much notice must my landlord give before entering?", bases.tenancyId],
      ["自闭症能被治愈吗？", bases.chineseId],
    ]) {
      const { out, query } = await run(question, { knowledgeBaseId });
      expect(out).toEqual({ query });
    }
  });

  it("offline: refuses questions outside the domain with the message and a reason naming the unknown words", async () => {
    const english = await run("Which football team won the league in Paris?", { knowledgeBaseId: bases.tenancyId, refusalMessage: "Tenancy questions only." });
    expect(english.out.query).toBeUndefined();
    expect(english.out.refusal).toMatchObject({ text: "Tenancy questions only.", refused: true, mode: "offline", citations: [] });
    expect(english.out.refusal?.refusalReason).toMatch(/^Out of domain: .*never uses: .*football/);
    const chinese = await run("明天北京的天气怎么样？", { knowledgeBaseId: bases.chineseId });
    expect(chinese.out.refusal).toMatchObject({ text: DEFAULT_REFUSAL, refused: true });
    expect(chinese.ctx.logs.at(-1)?.message).toMatch(/skipped/);
  });

  it("offline: calibrates the threshold on the base once, stores it, and fits it again when the base changes", async () => {
    const db = getDb();
    const calibrated = async (question: string, config: Record<string, unknown> = {}) => {
      const ctx = recordingContext({ knowledge: createKnowledgeStore(db, bases.workspaceId), credentials: workspaceCredentials(db, bases.workspaceId) });
      const out = await impl.run({ inputs: { query: { question, history: [] } }, config: spec.config.parse({ knowledgeBaseId: bases.tenancyId, ...config }), ctx });
      return { out, logs: ctx.logs.map((l) => l.message) };
    };
    const first = await calibrated("How much notice must my landlord give before entering?");
    expect(first.out.query).toBeDefined();
    // Never fitted: this answer does not wait; it uses the configured cap while the fit runs.
    expect(first.logs[0]).toBe("offline: the base's threshold is being fitted for the first time, in the background; until it is stored, using the minimum coverage 35%");
    expect(first.logs[1]).toContain("(threshold 35%)");
    await expect.poll(async () => (await db.knowledgeBase.findUniqueOrThrow({ where: { id: bases.tenancyId } })).guardThreshold).not.toBeNull();
    const stored = await db.knowledgeBase.findUniqueOrThrow({ where: { id: bases.tenancyId } });
    expect(stored.guardThreshold).toBeGreaterThan(0);
    const threshold = Math.min(stored.guardThreshold!, 0.35);
    const fitted = await calibrated("How much notice must my landlord give before entering?");
    expect(fitted.logs[0]).toContain(`(threshold ${(threshold * 100).toFixed(0)}%)`);

    const again = await calibrated("Which football team won the league in Paris?");
    expect(again.out.refusal).toMatchObject({ refused: true });
    expect(again.logs.some((l) => l.includes("fitted"))).toBe(false);

    await ingestDocument(db, { workspaceId: bases.workspaceId, knowledgeBaseId: bases.tenancyId, fileName: "pets.md", content: Buffer.from("# Pets\n\nA tenant may keep a cat or a small dog unless the tenancy agreement forbids pets in writing.") });
    // The changed base keeps its stored threshold for this answer while a new fit runs behind it.
    const changed = await calibrated("May I keep a cat in my flat?");
    expect(changed.logs[0]).toContain(`the base changed since its threshold was fitted; using ${(stored.guardThreshold! * 100).toFixed(0)}% while a new fit runs`);
    await expect.poll(async () => (await db.knowledgeBase.findUniqueOrThrow({ where: { id: bases.tenancyId } })).guardFingerprint).not.toBe(stored.guardFingerprint);
    const refitted = await calibrated("May I keep a cat in my flat?");
    expect(refitted.logs.some((l) => l.includes("while a new fit runs"))).toBe(false);

    const fixed = await calibrated("May I keep a cat in my flat?", { threshold: "fixed", minCoverage: 0.2 });
    expect(fixed.logs[0]).toContain("(threshold 20%)");
  });

  it("provider: follows the classifier's verdict, with the domain description in the prompt", async () => {
    mock.script({ content: '{"inDomain": false, "reason": "weather is not tenancy law"}' }, { content: '{"inDomain": true, "reason": "about deposits"}' });
    const config = { knowledgeBaseId: bases.tenancyId, mode: "provider", provider: mockRef, domain: "Residential tenancy law of Eastmere" };
    const out = await run("Will it rain tomorrow?", config);
    expect(out.out.refusal).toMatchObject({ refused: true, mode: "provider", refusalReason: "Out of domain: weather is not tenancy law" });
    expect(lastPrompt(mock)).toContain("The service's domain: Residential tenancy law of Eastmere");
    const inside = await run("Who keeps my deposit?", config);
    expect(inside.out).toEqual({ query: inside.query });
  });
});

describe("guard calibration", () => {
  it("takes the lower quantile of in-domain scores at the target rate", () => {
    const scores = Array.from({ length: 101 }, (_, i) => i / 100);
    expect(thresholdAt(scores, 0.05)).toBeCloseTo(0.05, 10);
    expect(thresholdAt(scores, 0)).toBe(0);
    expect(() => thresholdAt([], 0.05)).toThrow("No in-domain pseudo-question");
  });

  it("makes the same pseudo-questions from the same chunks: in-domain ones from their sentences, out-of-domain ones with unknown words", () => {
    const chunks = ["The landlord must protect the deposit in a scheme within thirty days.", "Smoke alarms must be fitted on every storey of the home."];
    const made = pseudoQuestions(chunks);
    expect(pseudoQuestions(chunks)).toEqual(made);
    expect(made.inDomain).toHaveLength(2);
    expect(made.outOfDomain).toHaveLength(2);
    for (const question of made.inDomain) {
      const words = question.split(" ");
      // Three to five words of one sentence, then three words of any chunk.
      expect(words.length).toBeGreaterThanOrEqual(6);
      expect(chunks.some((chunk) => words.slice(0, -3).every((w) => chunk.toLowerCase().includes(w)))).toBe(true);
    }
    for (const question of made.outOfDomain) expect(question).toMatch(/[q-y]{7}zx [q-y]{7}zx$/);
  });
});
