import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createTestBases, type TestBases } from "@/server/templates/testing/knowledge-bases";
import { createKnowledgeStore } from "./search";
import { tokenize } from "./tokenize";
import { vocabularyStats } from "./vocabulary";
import { contentWords } from "./vocabulary-words";

describeEachDatabase("vocabularyStats", (getDb) => {
  let bases: TestBases;
  beforeAll(async () => {
    bases = await createTestBases(getDb());
  });

  it("counts the chunks holding every index term of each word, in the order asked", async () => {
    const chunks = await getDb().chunk.count({ where: { knowledgeBaseId: bases.chineseId } });
    const stats = await vocabularyStats(getDb(), bases.workspaceId, bases.chineseId, ["自闭症", "放贷人", "足球", "的", "遗传"]);
    expect(stats.chunks).toBe(chunks);
    const [autism, lender, football, particle, heredity] = stats.documentFrequency;
    expect(autism).toBeGreaterThan(0);
    expect(autism).toBeLessThan(chunks);
    expect(lender).toBeGreaterThan(0);
    expect(football).toBe(0);
    // A word with no index terms counts as absent rather than present everywhere.
    expect(particle).toBe(0);
    expect(heredity).toBeGreaterThan(0);
  });

  it("gives a one-term word the frequency of the chunks containing it, from the index statistics", async () => {
    const words = ["landlord", "deposits", "notice", "football"];
    const stats = await vocabularyStats(getDb(), bases.workspaceId, bases.tenancyId, words);
    const counted = await Promise.all(
      words.map((word) => getDb().chunk.count({ where: { knowledgeBaseId: bases.tenancyId, tokens: { hasEvery: tokenize(word) } } })),
    );
    expect(counted.every((n, i) => n === 0 || tokenize(words[i]).length === 1)).toBe(true);
    expect(stats.documentFrequency).toEqual(counted);
    expect(counted[0]).toBeGreaterThan(0);
    expect(stats.chunks).toBe(await getDb().chunk.count({ where: { knowledgeBaseId: bases.tenancyId, NOT: { tokens: { isEmpty: true } } } }));
  });

  it("is scoped to the caller's workspace through the knowledge store", async () => {
    await expect(createKnowledgeStore(getDb(), "another-workspace").vocabulary(bases.chineseId, ["自闭症"], {})).rejects.toThrow(/does not exist in this workspace/);
  });
});

it("contentWords keeps words that name something and drops question words and particles", () => {
  expect(contentWords("自闭症能被治愈吗？")).toEqual(["自闭症", "治愈"]);
  expect(contentWords("Can my landlord keep the deposit?")).toEqual(["landlord", "keep", "deposit"]);
});
