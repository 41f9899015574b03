import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { describeEachDatabase } from "@/server/db/test-databases";
import { createKnowledgeStore } from "../search";
import { bm25Search } from "./bm25";

async function addChunks(db: Db, workspaceId: string, knowledgeBaseId: string, chunks: Array<{ tokens: string[]; metadata?: object }>) {
  const document = await db.document.create({
    data: { workspaceId, knowledgeBaseId, title: "Doc", fileName: "doc.txt", mimeType: "text/plain", sizeBytes: 1, checksum: randomUUID(), status: "ready" },
  });
  const rows = chunks.map((c, ordinal) => ({
    id: randomUUID(),
    workspaceId,
    knowledgeBaseId,
    documentId: document.id,
    ordinal,
    text: c.tokens.join(" "),
    tokens: c.tokens,
    tokenCount: c.tokens.length,
    metadata: c.metadata ?? {},
  }));
  await db.chunk.createMany({ data: rows });
  return { documentId: document.id, ids: rows.map((r): string => r.id) };
}

// What the triggers must have kept: recomputed from the chunks themselves.
async function statsFromChunks(db: Db, knowledgeBaseId: string) {
  const chunks = await db.chunk.findMany({ where: { knowledgeBaseId }, select: { tokens: true } });
  const df = new Map<string, number>();
  for (const c of chunks) for (const t of new Set(c.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const nonEmpty = chunks.filter((c) => c.tokens.length > 0);
  return { df: Object.fromEntries([...df].sort()), chunks: nonEmpty.length, tokens: nonEmpty.reduce((s, c) => s + c.tokens.length, 0) };
}

async function statsKept(db: Db, knowledgeBaseId: string) {
  const terms = await db.termStat.findMany({ where: { knowledgeBaseId }, orderBy: { term: "asc" } });
  const corpus = await db.corpusStat.findUnique({ where: { knowledgeBaseId } });
  const postings = await db.chunkTerm.count({ where: { knowledgeBaseId } });
  return { df: Object.fromEntries(terms.map((t) => [t.term, t.df])), chunks: corpus?.chunks ?? 0, tokens: Number(corpus?.tokens ?? 0), postings };
}

describeEachDatabase("BM25 in Postgres", (getDb) => {
  let workspaceId = "";
  beforeAll(async () => {
    workspaceId = (await getDb().workspace.create({ data: { name: "BM25", slug: `bm25-${randomUUID()}` } })).id;
  });
  const newBase = async () => (await getDb().knowledgeBase.create({ data: { workspaceId, name: "Base" } })).id;

  it("scores a hand-computed example exactly (k1 = 1.2, b = 0.75)", async () => {
    const db = getDb();
    const kb = await newBase();
    const { ids } = await addChunks(db, workspaceId, kb, [
      { tokens: ["cat", "cat", "dog"] },
      { tokens: ["cat", "fish", "bird", "bird"] },
      { tokens: ["dog", "fish"] },
    ]);
    // N = 3, avgdl = 3. idf(cat) = ln(1 + 1.5/2.5) = ln 1.6; idf(bird) = ln(1 + 2.5/1.5) = ln(8/3).
    // chunk 0: tf(cat) = 2, dl = 3 → ln1.6 · 2·2.2 / (2 + 1.2) = ln1.6 · 1.375
    // chunk 1: tf(cat) = 1, dl = 4 → ln1.6 · 2.2 / (1 + 1.2·(0.25 + 0.75·4/3)) = ln1.6 · 2.2/2.5
    //          tf(bird) = 2     → ln(8/3) · 4.4 / (2 + 1.5) = ln(8/3) · 4.4/3.5
    const hits = await bm25Search(db, { workspaceId, knowledgeBaseId: kb, terms: ["cat", "bird"], topK: 10, params: { k1: 1.2, b: 0.75 } });
    expect(hits.map((h) => h.id)).toEqual([ids[1], ids[0]]);
    expect(hits[0].score).toBeCloseTo(Math.log(1.6) * (2.2 / 2.5) + Math.log(8 / 3) * (4.4 / 3.5), 10);
    expect(hits[1].score).toBeCloseTo(Math.log(1.6) * 1.375, 10);
    // A term repeated in the query counts once per repeat.
    const twice = await bm25Search(db, { workspaceId, knowledgeBaseId: kb, terms: ["dog", "dog"], topK: 1, params: { k1: 1.2, b: 0.75 } });
    const once = await bm25Search(db, { workspaceId, knowledgeBaseId: kb, terms: ["dog"], topK: 1, params: { k1: 1.2, b: 0.75 } });
    expect(twice[0].score).toBeCloseTo(2 * once[0].score, 10);
  });

  it("reads only each term's highest-impact postings, yet scores every returned chunk exactly", async () => {
    const db = getDb();
    const kb = await newBase();
    // "common" in 30 chunks with falling tf; "rare" once, in a long chunk where "common" has its lowest impact.
    const chunks = Array.from({ length: 30 }, (_, i) => ({ tokens: [...Array<string>(1 + (i % 4)).fill("common"), ...Array<string>(i).fill("filler")] }));
    chunks.push({ tokens: ["rare", "common", ...Array<string>(60).fill("filler")] });
    const { ids } = await addChunks(db, workspaceId, kb, chunks);
    const query = { workspaceId, knowledgeBaseId: kb, terms: ["common", "rare"], topK: 3 };
    const exhaustive = await bm25Search(db, { ...query, depth: "exhaustive" });
    const pruned = await bm25Search(db, { ...query, depth: 3 });
    // The rare chunk's "common" posting was not read, but its score includes it.
    expect(pruned[0].id).toBe(ids[30]);
    expect(pruned[0].score).toBeCloseTo(exhaustive[0].score, 10);
    expect(pruned.map((h) => h.id)).toEqual(exhaustive.map((h) => h.id));
    const exact = new Map(exhaustive.map((h) => [h.id, h.score]));
    for (const hit of pruned) expect(hit.score).toBeCloseTo(exact.get(hit.id)!, 10);
    // Read deep enough to cover every posting, the pruned query is the exhaustive one.
    expect(await bm25Search(db, { ...query, topK: 31, depth: 100 })).toEqual(await bm25Search(db, { ...query, topK: 31, depth: "exhaustive" }));
  });

  it("keeps document frequencies, N and total length right through inserts, edits and deletes", async () => {
    const db = getDb();
    const kb = await newBase();
    const first = await addChunks(db, workspaceId, kb, [{ tokens: ["a", "b", "a"] }, { tokens: ["b", "c"] }]);
    const second = await addChunks(db, workspaceId, kb, [{ tokens: ["c", "d"] }, { tokens: [] }]);
    expect(await statsKept(db, kb)).toEqual({ ...(await statsFromChunks(db, kb)), postings: 6 });

    await db.chunk.update({ where: { id: first.ids[0] }, data: { tokens: ["e"], tokenCount: 1 } });
    await db.chunk.update({ where: { id: first.ids[1] }, data: { text: "unchanged tokens" } });
    expect(await statsKept(db, kb)).toMatchObject(await statsFromChunks(db, kb));

    await db.document.delete({ where: { id: second.documentId } });
    const kept = await statsKept(db, kb);
    expect(kept).toEqual({ df: { b: 1, c: 1, e: 1 }, chunks: 2, tokens: 3, postings: 3 });
    expect(kept).toMatchObject(await statsFromChunks(db, kb));

    await db.knowledgeBase.delete({ where: { id: kb } });
    expect(await db.chunkTerm.count({ where: { knowledgeBaseId: kb } })).toBe(0);
  });

  it("filters on metadata: equality, lists, numeric and text ranges, tags", async () => {
    const db = getDb();
    const kb = await newBase();
    const { ids } = await addChunks(db, workspaceId, kb, [
      { tokens: ["law"], metadata: { fields: { year: 2019, court: "high" }, tags: ["tax", "eu"], date: "2019-05-01" } },
      { tokens: ["law"], metadata: { fields: { year: "2021", court: "supreme" }, tags: ["tax"], date: "2021-01-10" } },
      { tokens: ["law"], metadata: { fields: { year: 2023, court: "high" }, tags: ["labour"] } },
    ]);
    const search = async (filters: Parameters<typeof bm25Search>[1]["filters"]) =>
      (await bm25Search(db, { workspaceId, knowledgeBaseId: kb, terms: ["law"], topK: 10, filters })).map((h) => ids.indexOf(h.id)).sort();
    expect(await search([{ op: "eq", field: "fields.court", value: "high" }])).toEqual([0, 2]);
    expect(await search([{ op: "eq", field: "fields.year", value: 2021 }])).toEqual([1]);
    expect(await search([{ op: "in", field: "fields.court", values: ["supreme", "appeal"] }])).toEqual([1]);
    expect(await search([{ op: "range", field: "fields.year", gte: 2020 }])).toEqual([1, 2]);
    expect(await search([{ op: "range", field: "fields.year", gt: 2019, lt: 2023 }])).toEqual([1]);
    expect(await search([{ op: "range", field: "date", lt: "2020-01-01" }])).toEqual([0]);
    expect(await search([{ op: "tags", field: "tags", tags: ["eu", "labour"], match: "any" }])).toEqual([0, 2]);
    expect(await search([{ op: "tags", field: "tags", tags: ["tax", "eu"], match: "all" }])).toEqual([0]);
    expect(await search([{ op: "eq", field: "fields.court", value: "high" }, { op: "range", field: "fields.year", lte: 2020 }])).toEqual([0]);
    expect(await search([{ op: "eq", field: "missing.path", value: "x" }])).toEqual([]);
  });

  it("searches only the caller's workspace through the store", async () => {
    const db = getDb();
    const kb = await newBase();
    await addChunks(db, workspaceId, kb, [{ tokens: ["secret"] }]);
    const other = await db.workspace.create({ data: { name: "Other", slug: `other-${randomUUID()}` } });
    await expect(createKnowledgeStore(db, other.id).search(kb, { mode: "bm25", text: "secret", topK: 3 })).rejects.toThrow("does not exist in this workspace");
    expect((await createKnowledgeStore(db, workspaceId).search(kb, { mode: "bm25", text: "secret", topK: 3 })).passages).toHaveLength(1);
  });
});
