// npm run bench:retrieval [-- --data DIR ...] [--json] [--dense auto|use|lsa] [--queries N]
//
// Retrieval quality of every retriever mode on BEIR-layout data sets (default: the shared SciFact and
// LeCoQA): BM25, dense offline, hybrid RRF and hybrid weighted (the node's default fusion), scored by
// nDCG@10, Recall@10, Recall@100 and MRR@10 against the qrels. The corpus goes into a fresh knowledge
// base through the real indexing path (chunks + tokens → the Chunk triggers' inverted index; the
// base's embedder → pgvector); queries run through the same functions the retriever nodes call.
// Dense offline is chosen per data set: the Universal Sentence Encoder for English, LSA fitted on the
// corpus for Chinese (no offline Chinese model exists here); --dense forces one. --sweep prints hybrid
// over a grid of fusion settings.
// Database: DATABASE_URL (or --database-url) when set, else an in-memory PGlite.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, describeDatabase, type DbOptions } from "@/server/db/client";
import { fusionConfig, type FusionConfig } from "@/nodes/retrieve-hybrid/fusion-config";
import type { EmbedderSettings } from "@/nodes/knowledge-settings";
import { readBeir, type BeirSet } from "@/server/knowledge/retrieval/beir";
import { bulkLoadCorpus } from "@/server/knowledge/retrieval/bulk-load";
import { embedChunks } from "@/server/knowledge/retrieval/embed-chunks";
import { embedderLabel, queryEmbedder } from "@/server/knowledge/retrieval/embedders";
import { mrrAt, ndcgAt, recallAt } from "@/server/knowledge/retrieval/metrics";
import { bm25Hits, fuseHits } from "@/server/knowledge/retrieval/retrieve";
import { denseSearch } from "@/server/knowledge/retrieval/vectors";
import type { ScoredChunk } from "@/server/knowledge/retrieval/bm25";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    dense: { type: "string", default: "auto" },
    queries: { type: "string" },
    // Also print nDCG@10 of hybrid over a grid of BM25 weights and RRF k: how the defaults were chosen.
    sweep: { type: "boolean", default: false },
    "database-url": { type: "string" },
  },
});

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const DEPTH = 100;

interface ModeResult {
  dataset: string;
  mode: string;
  "ndcg@10": number;
  "recall@10": number;
  "recall@100": number;
  "mrr@10": number;
}

function isChinese(set: BeirSet): boolean {
  const sample = set.corpus.slice(0, 200).map((d) => d.title + d.text).join("");
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han > sample.length * 0.2;
}

function denseSettings(set: BeirSet): EmbedderSettings {
  const choice = args.dense === "auto" ? (isChinese(set) ? "lsa" : "use") : args.dense;
  if (choice === "use") return { kind: "use" };
  if (choice === "lsa") return { kind: "lsa", dimensions: 256 };
  throw new Error(`--dense must be auto, use or lsa, got "${args.dense}"`);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await work();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function evaluate(db: Awaited<ReturnType<typeof createDb>>["db"], set: BeirSet): Promise<ModeResult[]> {
  const settings = denseSettings(set);
  log(`\n${set.name}: ${set.corpus.length} documents, dense offline = ${embedderLabel(settings)}`);
  const workspace = await db.workspace.create({ data: { name: "Retrieval benchmark", slug: `bench-${randomUUID()}` } });
  const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: set.name, embedder: settings } });
  const scope = { workspaceId: workspace.id, knowledgeBaseId: base.id };
  try {
    const toRecord = await timed("load + BM25 index", () =>
      bulkLoadCorpus(db, scope, set.corpus.map((d) => ({ id: d._id, title: d.title, text: d.text }))),
    );
    await timed("embed", () => embedChunks(db, { knowledgeBaseId: base.id }));

    const judged = set.queries.filter((q) => set.qrels.has(q._id)).slice(0, args.queries ? Number(args.queries) : undefined);
    const embedder = await queryEmbedder(db, scope.workspaceId, scope.knowledgeBaseId);
    if (!embedder) throw new Error("the benchmark base has no embedder");
    const lists = await timed(`${judged.length} queries × (BM25 + dense)`, () =>
      mapLimit(judged, 4, async (q) => {
        const bm25 = await bm25Hits(db, scope, { text: q.text, topK: DEPTH });
        const vector = await embedder.embedQuery(q.text);
        const dense = Array.from(vector).some((x) => x !== 0) ? await denseSearch(db, { ...scope, vector, topK: DEPTH }) : [];
        return { q, bm25, dense };
      }),
    );
    const defaults = fusionConfig.parse({});
    const modes: Array<[string, (l: { bm25: ScoredChunk[]; dense: ScoredChunk[] }) => ScoredChunk[]]> = [
      ["bm25", (l) => l.bm25],
      [`dense offline (${settings.kind})`, (l) => l.dense],
      ["hybrid rrf", (l) => fuseHits(l.bm25, l.dense, { ...defaults, method: "rrf" } satisfies FusionConfig, DEPTH)],
      ["hybrid weighted", (l) => fuseHits(l.bm25, l.dense, { ...defaults, method: "weighted" } satisfies FusionConfig, DEPTH)],
    ];
    if (args.sweep) {
      const ndcg = (fusion: FusionConfig) =>
        lists.reduce((sum, l) => sum + ndcgAt(fuseHits(l.bm25, l.dense, fusion, 10).map((h) => toRecord.get(h.id) ?? h.id), set.qrels.get(l.q._id) ?? new Map(), 10), 0) / Math.max(lists.length, 1);
      for (const bm25Weight of [0.5, 0.6, 0.7, 0.8, 0.9]) {
        const weighted = ndcg({ ...defaults, method: "weighted", bm25Weight, denseWeight: 1 - bm25Weight });
        const rrf = [10, 60].map((rrfK) => ndcg({ ...defaults, method: "rrf", rrfK, bm25Weight, denseWeight: 1 - bm25Weight }).toFixed(4));
        log(`  sweep bm25Weight ${bm25Weight}: weighted ${weighted.toFixed(4)}, rrf k=10 ${rrf[0]}, rrf k=60 ${rrf[1]}`);
      }
    }
    return modes.map(([mode, rank]) => {
      const sums = { ndcg: 0, r10: 0, r100: 0, mrr: 0 };
      for (const l of lists) {
        const relevant = set.qrels.get(l.q._id) ?? new Map<string, number>();
        const ranked = rank(l).map((h) => toRecord.get(h.id) ?? h.id);
        sums.ndcg += ndcgAt(ranked, relevant, 10);
        sums.r10 += recallAt(ranked, relevant, 10);
        sums.r100 += recallAt(ranked, relevant, 100);
        sums.mrr += mrrAt(ranked, relevant, 10);
      }
      const n = Math.max(lists.length, 1);
      const round = (x: number) => Math.round((x / n) * 10_000) / 10_000;
      return { dataset: set.name, mode, "ndcg@10": round(sums.ndcg), "recall@10": round(sums.r10), "recall@100": round(sums.r100), "mrr@10": round(sums.mrr) };
    });
  } finally {
    await db.knowledgeBase.delete({ where: { id: base.id } });
    await db.workspace.delete({ where: { id: workspace.id } });
  }
}

async function main(): Promise<void> {
  const url = args["database-url"] ?? process.env.DATABASE_URL?.trim();
  const dbOptions: DbOptions = url ? { url } : {};
  const shared = path.resolve(process.cwd(), "..", "shared", "data");
  const dirs = args.data ?? [path.join(shared, "scifact"), path.join(shared, "lecoqa")];
  const database = describeDatabase(dbOptions);
  log(`Retrieval benchmark on ${database}`);
  const handle = await createDb(dbOptions);
  const results: ModeResult[] = [];
  try {
    for (const dir of dirs) results.push(...(await evaluate(handle.db, await readBeir(dir))));
  } finally {
    await handle.close();
  }
  log(`\nDatabase: ${database}`);
  log(`${"dataset".padEnd(12)} ${"mode".padEnd(22)} ${"nDCG@10".padStart(8)} ${"R@10".padStart(8)} ${"R@100".padStart(8)} ${"MRR@10".padStart(8)}`);
  for (const r of results) {
    log(
      `${r.dataset.padEnd(12)} ${r.mode.padEnd(22)} ${r["ndcg@10"].toFixed(4).padStart(8)} ${r["recall@10"].toFixed(4).padStart(8)} ${r["recall@100"].toFixed(4).padStart(8)} ${r["mrr@10"].toFixed(4).padStart(8)}`,
    );
  }
  log("Baseline: BM25 on SciFact, published 0.665 nDCG@10 (Elasticsearch) to 0.679 (Anserini).");
  if (args.json) {
    const names = [...new Set(results.map((r) => r.dataset))];
    process.stdout.write(`${JSON.stringify({ dataset: names.join(", "), database, results })}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
