import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { lastPrompt, mockCredentials, mockRef } from "@/server/templates/testing/mock-provider";
import { createTestBases, type TestBases } from "@/server/templates/testing/knowledge-bases";
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
