import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { beforeAll, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import { ingestDocument } from "./ingest";
import { defaultBm25 } from "./retrieval/bm25";
import { createKnowledgeStore } from "./search";
import { tokenize } from "./tokenize";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");

describeEachDatabase("BM25 search", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Search", slug: "search" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    workspaceId = workspace.id;
    knowledgeBaseId = base.id;
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
  });

  it("ranks the passage that answers the question first, with its source anchor", async () => {
    const store = createKnowledgeStore(getDb(), workspaceId);
    const passages = await store.bm25(knowledgeBaseId, "How many days of notice does a landlord give to sell the home with vacant possession?", { topK: 5 });
    expect(passages).toHaveLength(5);
    expect(passages.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(passages[0].text).toContain("vacant possession: 60 days' notice");
    expect(passages[0].source).toMatchObject({ title: "Ending a tenancy", heading: ["Ending a tenancy", "Notice given by the landlord"] });
    const scores = passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("serves a run's guard (base state, vocabulary, passages) and retriever of one question with one statement", async () => {
    const db = getDb();
    const sent: string[] = [];
    // What reaches the database, whichever client sends it (Prisma's adapters or the hot path's pool).
    const record = (text: unknown) => sent.push(typeof text === "string" ? text : String((text as { text?: string })?.text));
    const spies = [pg.Client.prototype, PGlite.prototype].map((proto) => {
      const original = proto.query as (...args: unknown[]) => unknown;
      return vi.spyOn(proto, "query").mockImplementation(function (this: unknown, ...args: unknown[]) {
        record(args[0]);
        return original.apply(this, args);
      } as never);
    });
    const question = "How many days of notice does a landlord give to sell the home?";
    try {
      const run = createKnowledgeStore(db, workspaceId, { perRun: true });
      const words = ["notice", "landlord"];
      // In the guard's order: its search starts, then it asks for the base's stored threshold.
      const [vocabulary, guard, state] = await Promise.all([
        run.vocabulary(knowledgeBaseId, words, { text: question }),
        run.bm25(knowledgeBaseId, question, { topK: 3 }),
        run.state(knowledgeBaseId),
      ]);
      const hybrid = await run.search(knowledgeBaseId, { mode: "hybrid", text: question, topK: 12 });
      expect(sent.filter((text) => /\bFROM\b/.test(text))).toHaveLength(1);
      expect(sent.filter((text) => text.includes("ChunkTerm"))).toHaveLength(1);
      spies.forEach((spy) => spy.mockRestore());

      const alone = createKnowledgeStore(db, workspaceId);
      expect(hybrid).toEqual(await alone.search(knowledgeBaseId, { mode: "hybrid", text: question, topK: 12 }));
      expect(guard).toEqual(await alone.bm25(knowledgeBaseId, question, { topK: 3 }));
      expect(vocabulary).toEqual(await alone.vocabulary(knowledgeBaseId, words, {}));
      expect(state).toEqual(await alone.state(knowledgeBaseId));
      expect(vocabulary.documentFrequency.every((df) => df > 0)).toBe(true);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it("answers a vocabulary lookup of words outside the searched question with its own statement", async () => {
    const run = createKnowledgeStore(getDb(), workspaceId, { perRun: true });
    const question = "How many days of notice does a landlord give?";
    const words = ["notice", "deposit", "weather"];
    const [shared, alone] = await Promise.all([run.vocabulary(knowledgeBaseId, words, { text: question }), createKnowledgeStore(getDb(), workspaceId).vocabulary(knowledgeBaseId, words, {})]);
    expect(shared).toEqual(alone);
    expect(shared.documentFrequency[2]).toBe(0);
  });

  it("computes exactly Okapi BM25 (idf = ln(1 + (N - df + 0.5) / (df + 0.5)), the default k1 and b)", async () => {
    const { k1, b } = defaultBm25;
    const db = getDb();
    const question = "deposit returned after the tenancy ends";
    const chunks = await db.chunk.findMany({ where: { knowledgeBaseId } });
    const terms = [...new Set(tokenize(question))];
    const avgdl = chunks.reduce((sum, c) => sum + c.tokenCount, 0) / chunks.length;
    const expected = chunks
      .map((chunk) => {
        let score = 0;
        for (const term of terms) {
          const tf = chunk.tokens.filter((t) => t === term).length;
          if (tf === 0) continue;
          const df = chunks.filter((c) => c.tokens.includes(term)).length;
          const idf = Math.log(1 + (chunks.length - df + 0.5) / (df + 0.5));
          score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * chunk.tokenCount) / avgdl));
        }
        return { id: chunk.id, score };
      })
      .filter((s) => s.score > 0)
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 8);
    const passages = await createKnowledgeStore(db, workspaceId).bm25(knowledgeBaseId, question, { topK: 8 });
    expect(passages.map((p) => p.id)).toEqual(expected.map((e) => e.id));
    passages.forEach((p, i) => expect(p.score).toBeCloseTo(expected[i].score, 9));
  });

  it("returns nothing for a question with no term in the base, or only stopwords", async () => {
    const store = createKnowledgeStore(getDb(), workspaceId);
    expect(await store.bm25(knowledgeBaseId, "photosynthesis chlorophyll", { topK: 5 })).toEqual([]);
    expect(await store.bm25(knowledgeBaseId, "what is the", { topK: 5 })).toEqual([]);
  });

  it("searches Chinese text", async () => {
    const db = getDb();
    const base = await db.knowledgeBase.create({ data: { workspaceId, name: "租赁" } });
    const content = "# 押金\n\n房东应当在租期结束后十四日内退还押金。\n\n# 维修\n\n房屋漏水时，房东应当在七日内修复。\n";
    await ingestDocument(db, { workspaceId, knowledgeBaseId: base.id, fileName: "租赁.md", content: Buffer.from(content) });
    const [first] = await createKnowledgeStore(db, workspaceId).bm25(base.id, "押金什么时候退还？", { topK: 1 });
    expect(first.text).toContain("退还押金");
  });

  it("only searches the caller's workspace", async () => {
    const db = getDb();
    const other = await db.workspace.create({ data: { name: "Other", slug: "search-other" } });
    const store = createKnowledgeStore(db, other.id);
    await expect(store.bm25(knowledgeBaseId, "deposit", { topK: 3 })).rejects.toThrow(
      `Knowledge base "${knowledgeBaseId}" does not exist in this workspace`,
    );
  });

  it("stops when the signal is already aborted", async () => {
    const store = createKnowledgeStore(getDb(), workspaceId);
    const controller = new AbortController();
    controller.abort(new Error("run cancelled"));
    await expect(store.bm25(knowledgeBaseId, "deposit", { topK: 3, signal: controller.signal })).rejects.toThrow("run cancelled");
  });
});
