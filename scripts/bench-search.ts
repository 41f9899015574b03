// npm run bench:search [-- --data DIR ...] [--json] [--chunks N] [--queries N]
//
// Top-10 search latency (p50/p95/p99) of BM25 and hybrid retrieval in the database over at least
// 100,000 chunks, beside an in-memory BM25 index (MiniSearch) over the same chunks with the same
// analyser. Latency is the knowledge store's, end to end: analyse (and for hybrid, embed the query
// with the base's LSA model), search, and read the passages back.
// The chunks are synthesised from the corpora of BEIR-layout folders (default: the shared SciFact and
// LeCoQA): copy n of a record keeps its title and has its sentences rotated by n and about one word
// in ten replaced by a word drawn from the corpora's own vocabulary (seeded), so the base has the
// size, vocabulary and term statistics of a large real collection without 20 identical copies.
// Queries are the folders' own queries.jsonl. Database: DATABASE_URL (or --database-url), else an
// in-memory PGlite.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import MiniSearch from "minisearch";
import { createDb, describeDatabase, type DbOptions } from "@/server/db/client";
import { readBeir, type BeirSet } from "@/server/knowledge/retrieval/beir";
import { bm25Search } from "@/server/knowledge/retrieval/bm25";
import { bulkLoadCorpus, type CorpusRecord } from "@/server/knowledge/retrieval/bulk-load";
import { embedChunks } from "@/server/knowledge/retrieval/embed-chunks";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { tokenize } from "@/server/knowledge/tokenize";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    chunks: { type: "string", default: "100000" },
    queries: { type: "string", default: "300" },
    "database-url": { type: "string" },
  },
});

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const TOP_K = 10;
const WARMUP = 20;

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function synthesise(sets: readonly BeirSet[], count: number): CorpusRecord[] {
  const records = sets.flatMap((s) => s.corpus);
  const random = seeded(7);
  const vocabulary = records.flatMap((r) => r.text.split(/\s+/).filter((w) => w.length > 0)).filter((_, i) => i % 7 === 0);
  const out: CorpusRecord[] = [];
  for (let i = 0; i < count; i++) {
    const source = records[i % records.length];
    const copy = Math.floor(i / records.length);
    const sentences = source.text.split(/(?<=[.!?。！？])\s*/u).filter((s) => s.length > 0);
    const rotated = sentences.slice(copy % Math.max(sentences.length, 1)).concat(sentences.slice(0, copy % Math.max(sentences.length, 1)));
    // Chinese has no spaces: a whole sentence is a "word" there, so swap in vocabulary sentences alike.
    const text =
      copy === 0
        ? source.text
        : rotated
            .join(" ")
            .split(" ")
            .map((word) => (random() < 0.1 ? vocabulary[Math.floor(random() * vocabulary.length)] : word))
            .join(" ");
    out.push({ id: `${source._id}#${copy}`, title: source.title, text });
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function latencies(queries: readonly string[], run: (q: string) => Promise<unknown>) {
  for (const q of queries.slice(0, WARMUP)) await run(q);
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), p99_ms: round(percentile(times, 99)) };
}

async function main(): Promise<void> {
  const url = args["database-url"] ?? process.env.DATABASE_URL?.trim();
  const dbOptions: DbOptions = url ? { url } : {};
  const shared = path.resolve(process.cwd(), "..", "shared", "data");
  const dirs = args.data ?? [path.join(shared, "scifact"), path.join(shared, "lecoqa")];
  const count = Number(args.chunks);
  const queryCount = Number(args.queries);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--chunks must be a positive whole number, got "${args.chunks}"`);
  if (!Number.isInteger(queryCount) || queryCount < 1) throw new Error(`--queries must be a positive whole number, got "${args.queries}"`);
  const database = describeDatabase(dbOptions);
  log(`Search latency benchmark on ${database}`);

  const sets = await Promise.all(dirs.map((dir) => readBeir(dir)));
  const records = synthesise(sets, count);
  const allQueries = sets.flatMap((s) => s.queries.map((q) => q.text));
  const queries = Array.from({ length: queryCount }, (_, i) => allQueries[Math.floor((i * allQueries.length) / queryCount)]);
  log(`${records.length} chunks synthesised from ${sets.map((s) => `${s.name} (${s.corpus.length})`).join(", ")}; ${queries.length} queries`);

  const handle = await createDb(dbOptions);
  const { db } = handle;
  const workspace = await db.workspace.create({ data: { name: "Search benchmark", slug: `bench-${randomUUID()}` } });
  const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Synthetic", embedder: { kind: "lsa", dimensions: 128 } } });
  const results: Array<{ engine: string; mode: string; p50_ms: number; p95_ms: number; p99_ms: number }> = [];
  let agreement = Number.NaN;
  try {
    let started = performance.now();
    await bulkLoadCorpus(db, { workspaceId: workspace.id, knowledgeBaseId: base.id }, records, (n) => {
      if (n % 10_000 === 0) log(`  loaded ${n}`);
    });
    log(`  load + BM25 index: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await embedChunks(db, { knowledgeBaseId: base.id });
    log(`  LSA fit + embed + HNSW: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // What autovacuum does to a settled table: statistics for the planner, a visibility map for index-only scans.
    if (url) await db.$executeRawUnsafe("VACUUM ANALYZE");

    const store = createKnowledgeStore(db, workspace.id);
    results.push({ engine: "postgres", mode: "bm25", ...(await latencies(queries, (text) => store.search(base.id, { mode: "bm25", text, topK: TOP_K }))) });
    results.push({ engine: "postgres", mode: "hybrid", ...(await latencies(queries, (text) => store.search(base.id, { mode: "hybrid", text, topK: TOP_K }))) });
    // The pruned BM25 (impact-ordered postings, see server/knowledge/retrieval/bm25.ts) against the
    // exhaustive one: its latency, and how many of the exhaustive top 10 the pruned search also returns.
    const scope = { workspaceId: workspace.id, knowledgeBaseId: base.id, topK: TOP_K };
    const exhaustive = (text: string) => bm25Search(db, { ...scope, terms: tokenize(text), depth: "exhaustive" });
    results.push({ engine: "postgres", mode: "bm25-exhaustive", ...(await latencies(queries, exhaustive)) });
    let shared = 0;
    let expected = 0;
    for (const text of queries) {
      const reference = new Set((await exhaustive(text)).map((h) => h.id));
      const pruned = await bm25Search(db, { ...scope, terms: tokenize(text) });
      shared += pruned.filter((h) => reference.has(h.id)).length;
      expected += reference.size;
    }
    agreement = expected === 0 ? 1 : shared / expected;

    started = performance.now();
    const mini = new MiniSearch<CorpusRecord>({ fields: ["title", "text"], tokenize, processTerm: (term) => term, searchOptions: { boost: { title: 1 } } });
    mini.addAll(records);
    log(`  MiniSearch index: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    results.push({ engine: "minisearch", mode: "bm25", ...(await latencies(queries, async (text) => mini.search(text).slice(0, TOP_K))) });
  } finally {
    await db.knowledgeBase.delete({ where: { id: base.id } });
    await db.workspace.delete({ where: { id: workspace.id } });
    await handle.close();
  }

  log(`\nDatabase: ${database}; ${records.length} chunks; top ${TOP_K}`);
  log(`${"engine".padEnd(12)} ${"mode".padEnd(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
  for (const r of results) log(`${r.engine.padEnd(12)} ${r.mode.padEnd(8)} ${r.p50_ms.toFixed(2).padStart(8)} ${r.p95_ms.toFixed(2).padStart(8)} ${r.p99_ms.toFixed(2).padStart(8)}`);
  log(`Pruned BM25 returns ${(agreement * 100).toFixed(1)}% of the exhaustive BM25's top ${TOP_K} (overlap@${TOP_K}).`);
  log("Target: BM25 p99 ≤ 30 ms on the real server.");
  if (args.json) process.stdout.write(`${JSON.stringify({ chunks: records.length, database, results, bm25_overlap_at_10: Number(agreement.toFixed(4)) })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
