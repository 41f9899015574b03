import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/server/db/test-databases";
import type { Db } from "@/server/db/client";
import { readBaseState, readBaseStateNow } from "./base-state";
import { baseStatesCaughtUp } from "./base-state-cache";
import { deleteDocument } from "./manage-documents";
import { ingestDocument } from "./ingest";
import { keepsMemoryIndex, refreshMemoryIndex } from "./retrieval/memory-indexes";
import { createKnowledgeStore } from "./search";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");
const question = "How many days of notice does a landlord give to sell the home?";

/** The statements `work` sends, whichever client sends them (Prisma's adapters or the hot path's pool). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const spies = [pg.Client.prototype, PGlite.prototype].map((proto) => {
    const original = proto.query as (...args: unknown[]) => unknown;
    return vi.spyOn(proto, "query").mockImplementation(function (this: unknown, ...args: unknown[]) {
      sent.push(typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string })?.text));
      return original.apply(this, args);
    } as never);
  });
  try {
    await work();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return sent.filter((text) => /\bFROM\b/.test(text));
}

describeEachDatabase("In-memory BM25 indexes", (getDb) => {
  let workspaceId = "";
  let knowledgeBaseId = "";
  const revision = async () => (await readBaseStateNow(getDb(), workspaceId, knowledgeBaseId)).revision;
  /** Reads the base into memory now, as a run that found it stale would start in the background. */
  const readIntoMemory = async (db: Db) => {
    // A read starts at most every few seconds per base: step past that.
    vi.setSystemTime(Date.now() + 60_000);
    await refreshMemoryIndex(db, knowledgeBaseId, await readBaseState(db, workspaceId, knowledgeBaseId));
  };

  beforeAll(async () => {
    const db = getDb();
    const workspace = await db.workspace.create({ data: { name: "Memory", slug: "memory-search" } });
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Tenancy" } });
    workspaceId = workspace.id;
    knowledgeBaseId = base.id;
    for (const fileName of (await readdir(seedDir)).filter((f) => f.endsWith(".md"))) {
      await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName, content: await readFile(path.join(seedDir, fileName)) });
    }
  });

  beforeEach(() => {
    vi.stubEnv("GROUNDWORK_MEMORY_INDEX_CHUNKS", "200000");
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
  });

  it("moves the base's revision on every change a search can see, and only then", async () => {
    const db = getDb();
    const start = await revision();
    const added = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "pets.md", content: Buffer.from("# Pets\n\nA tenant may keep a cat with the landlord's consent.\n") });
    const afterInsert = await revision();
    expect(afterInsert).toBeGreaterThan(start);

    await db.document.update({ where: { id: added.id }, data: { status: "ready" } });
    await db.chunk.updateMany({ where: { documentId: added.id }, data: { ordinal: { increment: 0 } } });
    expect(await revision()).toBe(afterInsert);

    await db.document.update({ where: { id: added.id }, data: { title: "Pets and animals" } });
    const afterRename = await revision();
    expect(afterRename).toBeGreaterThan(afterInsert);

    await db.chunk.updateMany({ where: { documentId: added.id }, data: { metadata: { fields: { topic: "pets" } } } });
    const afterMetadata = await revision();
    expect(afterMetadata).toBeGreaterThan(afterRename);

    await deleteDocument(db, { workspaceId, documentId: added.id });
    expect(await revision()).toBeGreaterThan(afterMetadata);
  });

  it("serves a run from memory with no statement at all while the base's state is kept, with the database's results", async () => {
    const db = getDb();
    await createKnowledgeStore(db, workspaceId, { perRun: true }).bm25(knowledgeBaseId, question, { topK: 3 });
    await readIntoMemory(db);
    expect(keepsMemoryIndex(db, knowledgeBaseId)).toBe(true);
    // The base's state is kept once this process listens for its changes (base-state-cache.ts).
    const reads = () => statementsOf(() => createKnowledgeStore(db, workspaceId, { perRun: true }).state(knowledgeBaseId));
    for (let tries = 0; (await reads()).length > 0; tries++) {
      expect(tries).toBeLessThan(250);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const words = ["notice", "landlord", "the"];
    let results: unknown[] = [];
    const sent = await statementsOf(async () => {
      const run = createKnowledgeStore(db, workspaceId, { perRun: true });
      results = await Promise.all([
        run.vocabulary(knowledgeBaseId, words, { text: question }),
        run.bm25(knowledgeBaseId, question, { topK: 3 }),
        run.state(knowledgeBaseId),
        run.search(knowledgeBaseId, { mode: "hybrid", text: question, topK: 12 }),
        run.bm25(knowledgeBaseId, question, { topK: 40 }),
      ]);
    });
    expect(sent).toEqual([]);

    const alone = createKnowledgeStore(db, workspaceId);
    const [vocabulary, guard, state, hybrid, wide] = results as [unknown, { id: string; score: number }[], unknown, { passages: { id: string; score: number }[] }, { id: string; score: number }[]];
    expect(vocabulary).toEqual(await alone.vocabulary(knowledgeBaseId, words, {}));
    expect(state).toEqual(await alone.state(knowledgeBaseId));
    const same = (got: { id: string; score: number }[], want: { id: string; score: number }[]) => {
      expect(got.map((p) => p.id)).toEqual(want.map((p) => p.id));
      got.forEach((p, i) => expect(p.score).toBeCloseTo(want[i].score, 9));
    };
    same(guard, await alone.bm25(knowledgeBaseId, question, { topK: 3 }));
    same(wide, await alone.bm25(knowledgeBaseId, question, { topK: 40 }));
    same(hybrid.passages, (await alone.search(knowledgeBaseId, { mode: "hybrid", text: question, topK: 12 })).passages);
    // More than the shared search keeps (24 without an embedder): searched again, in memory.
    expect(wide.length).toBeGreaterThan(3);
  });

  it("searches the database from the moment the base changes until the index is read again", async () => {
    const db = getDb();
    await readIntoMemory(db);
    const added = await ingestDocument(db, { workspaceId, knowledgeBaseId, fileName: "boats.md", content: Buffer.from("# Houseboats\n\nA houseboat mooring is not a tenancy of a home.\n") });
    const find = () => createKnowledgeStore(db, workspaceId, { perRun: true }).bm25(knowledgeBaseId, "houseboat mooring", { topK: 3 });

    let found: Awaited<ReturnType<typeof find>> = [];
    const stale = await statementsOf(async () => (found = await find()));
    expect(found[0]?.source.documentId).toBe(added.id);
    expect(stale.some((text) => text.includes("ChunkTerm"))).toBe(true);

    await readIntoMemory(db);
    // Kept by that read, now that no announcement is on its way.
    await readBaseState(db, workspaceId, knowledgeBaseId);
    const fresh = await statementsOf(async () => (found = await find()));
    expect(found[0]?.source.documentId).toBe(added.id);
    expect(fresh).toEqual([]);

    await deleteDocument(db, { workspaceId, documentId: added.id });
    await baseStatesCaughtUp(db);
    expect(await find()).toEqual([]);
  });

  it("checks the caller's workspace before serving from memory", async () => {
    const db = getDb();
    await readIntoMemory(db);
    const other = await db.workspace.create({ data: { name: "Other", slug: "memory-search-other" } });
    await expect(createKnowledgeStore(db, other.id, { perRun: true }).bm25(knowledgeBaseId, question, { topK: 3 })).rejects.toThrow(
      `Knowledge base "${knowledgeBaseId}" does not exist in this workspace`,
    );
  });

  it("leaves bases over the size limit, or all of them when turned off, in the database", async () => {
    const db = getDb();
    const base = await db.knowledgeBase.create({ data: { workspaceId, name: "Small" } });
    await ingestDocument(db, { workspaceId, knowledgeBaseId: base.id, fileName: "a.md", content: Buffer.from("# A\n\nOne line about rent.\n\nAnother line about repairs.\n") });
    const state = await readBaseState(db, workspaceId, base.id);
    vi.stubEnv("GROUNDWORK_MEMORY_INDEX_CHUNKS", String(state.chunks - 1));
    expect(refreshMemoryIndex(db, base.id, state)).toBeNull();
    vi.stubEnv("GROUNDWORK_MEMORY_INDEX_CHUNKS", "0");
    expect(refreshMemoryIndex(db, base.id, state)).toBeNull();
    expect(keepsMemoryIndex(db, base.id)).toBe(false);

    // Over the memory budget: read once, dropped, and not read again until the base changes.
    vi.stubEnv("GROUNDWORK_MEMORY_INDEX_CHUNKS", "200000");
    vi.stubEnv("GROUNDWORK_MEMORY_INDEX_MB", "0.0001");
    await refreshMemoryIndex(db, base.id, state);
    expect(keepsMemoryIndex(db, base.id)).toBe(false);
    vi.setSystemTime(Date.now() + 60_000);
    expect(refreshMemoryIndex(db, base.id, state)).toBeNull();
  });
});
