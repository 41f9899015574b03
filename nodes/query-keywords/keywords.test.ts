import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { lastPrompt, mockCredentials, mockRef } from "@/server/templates/testing/mock-provider";
import { createTestBases, type TestBases } from "@/server/templates/testing/knowledge-bases";
import { impl } from "./run";
import { spec } from "./spec";

let mock: MockProviderServer;
beforeAll(async () => {
  mock = await startMockProviderServer();
});
afterAll(() => mock.close());

describeEachDatabase("query.keywords", (getDb) => {
  let bases: TestBases;
  beforeAll(async () => {
    bases = await createTestBases(getDb());
  });

  const run = async (question: string, config: Record<string, unknown>) => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), bases.workspaceId), credentials: mockCredentials(mock) });
    const out = await impl.run({ inputs: { query: { question, history: [] } }, config: spec.config.parse(config), ctx });
    return { ...out, ctx };
  };

  it("offline: keeps the Chinese question's words the base uses, rarest first, and drops the rest", async () => {
    const { keywords, ctx } = await run("我借给朋友的钱，他是职业放贷人，合同还有效吗？", { knowledgeBaseId: bases.chineseId, expansion: 0 });
    expect(keywords).toContain("职业");
    expect(keywords).toContain("放贷人");
    expect(keywords).not.toContain("朋友");
    expect(ctx.logs[0].message).toMatch(/^offline: \d+ keyword\(s\) by TF-IDF/);
  });

  it("offline: adds terms shared by the passages a first search finds", async () => {
    const plain = await run("Can my landlord keep my deposit?", { knowledgeBaseId: bases.tenancyId, expansion: 0 });
    const expanded = await run("Can my landlord keep my deposit?", { knowledgeBaseId: bases.tenancyId, expansion: 2 });
    expect(plain.keywords).toContain("deposit");
    expect(expanded.keywords.slice(0, plain.keywords.length)).toEqual(plain.keywords);
    expect(expanded.keywords.length).toBeGreaterThan(plain.keywords.length);
    const weighted = expanded.ctx.logs[0].data as Array<{ from: string }>;
    expect(weighted.filter((k) => k.from === "feedback").length).toBe(expanded.keywords.length - plain.keywords.length);
  });

  it("provider: asks the model and keeps at most the configured number of distinct keywords", async () => {
    mock.script({ content: '{"keywords": ["职业放贷", "无效", "无效", "利息", "本金"]}' });
    const { keywords } = await run("借钱给职业放贷人要还利息吗？", { knowledgeBaseId: bases.chineseId, mode: "provider", provider: mockRef, maxKeywords: 3 });
    expect(keywords).toEqual(["职业放贷", "无效", "利息"]);
    expect(lastPrompt(mock)).toContain("Question: 借钱给职业放贷人要还利息吗？");
  });
});
