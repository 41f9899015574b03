import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { startMockProviderServer, type MockProviderServer } from "@/server/providers/testing/mock-openai-server";
import { recordingContext } from "@/server/runtime/test-context";
import { mockCredentials, mockRef } from "@/server/templates/testing/mock-provider";
import { createTestBases, type TestBases } from "@/server/templates/testing/knowledge-bases";
import { impl } from "./run";
import { splitQuestions } from "./split-questions";
import { spec } from "./spec";

describe("splitQuestions", () => {
  it("splits at question marks and carries the first question's topic into the elliptical ones", () => {
    expect(splitQuestions("自闭症有哪些症状？跟遗传有关吗？能被治愈吗？")).toEqual(["自闭症有哪些症状？", "自闭症跟遗传有关吗？", "自闭症能被治愈吗？"]);
    expect(splitQuestions("I rent a flat. Can my landlord raise the rent? How often can that happen?")).toEqual([
      "Can my landlord raise the rent?",
      "How often can the rent happen?",
    ]);
    expect(splitQuestions("我需要向职业放贷人还钱吗？我需要支付利息吗？")).toEqual(["我需要向职业放贷人还钱吗？", "我需要支付利息吗？"]);
  });
});

let mock: MockProviderServer;
beforeAll(async () => {
  mock = await startMockProviderServer();
});
afterAll(() => mock.close());

describeEachDatabase("query.split", (getDb) => {
  let bases: TestBases;
  beforeAll(async () => {
    bases = await createTestBases(getDb());
  });

  const run = async (question: string, config: Record<string, unknown>) => {
    const ctx = recordingContext({ knowledge: createKnowledgeStore(getDb(), bases.workspaceId), credentials: mockCredentials(mock) });
    return { ...(await impl.run({ inputs: { query: { question, history: [] } }, config: spec.config.parse(config), ctx })), ctx };
  };

  it("answers each question of a Chinese message and merges the citations, renumbered", async () => {
    const { answer } = await run("自闭症有哪些症状？跟遗传有关吗？能被治愈吗？", { knowledgeBaseId: bases.chineseId, sentencesPerQuestion: 1 });
    expect(answer.refused).toBe(false);
    expect(answer.sentences.map((s) => s.text)).toEqual([
      expect.stringContaining("核心症状"),
      expect.stringContaining("与遗传有关"),
      expect.stringContaining("不能被治愈"),
    ]);
    expect(answer.sentences.map((s) => s.markers)).toEqual([[1], [2], [3]]);
    expect(answer.citations.map((c) => c.marker)).toEqual([1, 2, 3]);
    for (const citation of answer.citations) expect(answer.sentences[citation.marker - 1].text).toContain(citation.quote);
    expect(answer.text).toMatch(/\[1\][\s\S]*\[2\][\s\S]*\[3\]/);
  });

  it("names the questions no passage supports, and refuses only when none is", async () => {
    const partly = await run("Can my landlord keep my deposit? Who won the football league?", { knowledgeBaseId: bases.tenancyId });
    expect(partly.answer.refused).toBe(false);
    expect(partly.answer.refusalReason).toMatch(/football/);
    const none = await run("Who won the football league? What is the capital of Peru?", { knowledgeBaseId: bases.tenancyId });
    expect(none.answer).toMatchObject({ refused: true, sentences: [], citations: [] });
  });

  it("provider: lets the model split, then answers each question", async () => {
    mock.script({ content: '{"questions": ["自闭症与遗传有关吗？", "职业放贷人的借贷合同有效吗？"]}' });
    const { answer, ctx } = await run("自闭症遗传吗，还有放贷合同有效吗", { knowledgeBaseId: bases.chineseId, mode: "provider", provider: mockRef });
    expect(ctx.logs.map((line) => line.message)).toContain("provider: split into 2 question(s)");
    expect(answer.citations.map((c) => c.source.title)).toEqual([expect.stringContaining("自闭症"), expect.stringContaining("借贷")]);
  });
});
