// npm run bench:keywords [-- --data DIR] [--json] [--queries N] [--provider-limit N] [--database-url URL]
//
// Keyword generation on a retrieval folder whose queries carry reference `keywords` (default
// ../shared/data/lecoqa): how well the generated keywords overlap the reference ones (a generated
// keyword matches a reference keyword when one contains the other), and BM25 Recall@5 of the
// question alone (the baseline) vs the question with the generated keywords, as the BM25 node
// combines them. The reference keywords themselves are scored too, as the ceiling of this route.
// Modes: offline with and without expansion terms; provider when GROUNDWORK_BENCH_PROVIDER_BASE_URL
// and _MODEL (and _API_KEY) are set. Database: DATABASE_URL (or --database-url), else in-memory PGlite.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { impl } from "@/nodes/query-keywords/run";
import { spec } from "@/nodes/query-keywords/spec";
import { createDb, describeDatabase } from "@/server/db/client";
import { readBeir } from "@/server/knowledge/retrieval/beir";
import { bulkLoadCorpus } from "@/server/knowledge/retrieval/bulk-load";
import { recallAt } from "@/server/knowledge/retrieval/metrics";
import { createKnowledgeStore } from "@/server/knowledge/search";
import type { CredentialSource } from "@/server/providers/node-providers";
import { recordingContext } from "@/server/runtime/test-context";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", default: path.join(process.cwd(), "..", "shared", "data", "lecoqa") },
    json: { type: "boolean", default: false },
    queries: { type: "string" },
    "provider-limit": { type: "string", default: "100" },
    "database-url": { type: "string" },
  },
});
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const K = 5;

const keywordQuery = z.object({ _id: z.coerce.string(), text: z.string(), keywords: z.string().nullish() });

async function referenceKeywords(dir: string): Promise<Map<string, string[]>> {
  const file = path.join(dir, "queries.jsonl");
  const out = new Map<string, string[]>();
  (await readFile(file, "utf8")).split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    // Python's json module writes NaN for a missing value.
    const parsed = keywordQuery.safeParse(JSON.parse(line.replace(/:\s*NaN\b/g, ": null")));
    if (!parsed.success) throw new Error(`${file}, line ${i + 1}: ${parsed.error.issues[0]?.message}`);
    const words = (parsed.data.keywords ?? "").split(/[\s;；,，、]+/u).filter(Boolean);
    if (words.length > 0) out.set(parsed.data._id, words);
  });
  if (out.size === 0) throw new Error(`${file}: no query carries "keywords"; this benchmark needs reference keywords`);
  return out;
}

function overlap(generated: string[], reference: string[]): { precision: number; recall: number } {
  const matches = (a: string, b: string) => a.toLowerCase().includes(b.toLowerCase()) || b.toLowerCase().includes(a.toLowerCase());
  const precision = generated.length === 0 ? 0 : generated.filter((g) => reference.some((r) => matches(g, r))).length / generated.length;
  const recall = reference.filter((r) => generated.some((g) => matches(g, r))).length / reference.length;
  return { precision, recall };
}

function providerCredentials(): { credentials: CredentialSource; model: string } | null {
  const baseUrl = process.env.GROUNDWORK_BENCH_PROVIDER_BASE_URL;
  const model = process.env.GROUNDWORK_BENCH_PROVIDER_MODEL;
  if (!baseUrl || !model) return null;
  const credential = { id: "bench", name: "bench", provider: "openai" as const, baseUrl, apiKey: process.env.GROUNDWORK_BENCH_PROVIDER_API_KEY ?? "", models: [model] };
  return { credentials: { resolve: async () => credential }, model };
}

interface Row {
  mode: string;
  queries: number;
  keyword_precision: number | null;
  keyword_recall: number | null;
  "recall@5": number;
}

async function main(): Promise<void> {
  const url = args["database-url"] ?? process.env.DATABASE_URL?.trim();
  const dbOptions = url ? { url } : {};
  const handle = await createDb(dbOptions);
  const { db } = handle;
  log(`Database: ${describeDatabase(dbOptions)}`);
  const [set, references] = await Promise.all([readBeir(args.data), referenceKeywords(args.data)]);
  const workspace = await db.workspace.create({ data: { name: "Keyword benchmark", slug: `bench-${randomUUID()}` } });
  const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: set.name } });
  try {
    let started = performance.now();
    const toRecord = await bulkLoadCorpus(db, { workspaceId: workspace.id, knowledgeBaseId: base.id }, set.corpus.map((d) => ({ id: d._id, title: d.title, text: d.text })));
    log(`${set.name}: ${set.corpus.length} documents loaded in ${Math.round(performance.now() - started)} ms`);
    const knowledge = createKnowledgeStore(db, workspace.id);
    const judged = set.queries.filter((q) => set.qrels.has(q._id) && references.has(q._id)).slice(0, args.queries ? Number(args.queries) : undefined);

    const recall = async (question: string, keywords: string[], relevant: Map<string, number>) => {
      const text = keywords.length > 0 ? `${question} ${keywords.join(" ")}` : question;
      const passages = await knowledge.bm25(base.id, text, { topK: K });
      return recallAt(passages.map((p) => toRecord.get(p.id) ?? p.id), relevant, K);
    };
    const evaluate = async (mode: string, queries: typeof judged, generate: ((question: string) => Promise<string[]>) | "none" | "reference"): Promise<Row> => {
      started = performance.now();
      const sums = { precision: 0, recall: 0, hits: 0 };
      for (const q of queries) {
        const reference = references.get(q._id) ?? [];
        const keywords = generate === "none" ? [] : generate === "reference" ? reference : await generate(q.text);
        const o = overlap(keywords, reference);
        sums.precision += o.precision;
        sums.recall += o.recall;
        sums.hits += await recall(q.text, keywords, set.qrels.get(q._id) ?? new Map());
      }
      const n = Math.max(queries.length, 1);
      log(`  ${mode}: ${queries.length} queries in ${Math.round(performance.now() - started)} ms`);
      const scored = typeof generate === "function";
      return {
        mode,
        queries: queries.length,
        keyword_precision: scored ? sums.precision / n : null,
        keyword_recall: scored ? sums.recall / n : null,
        "recall@5": sums.hits / n,
      };
    };
    const offline = (expansion: number) => async (question: string) => {
      const config = spec.config.parse({ knowledgeBaseId: base.id, expansion });
      return (await impl.run({ inputs: { query: { question, history: [] } }, config, ctx: recordingContext({ knowledge }) })).keywords;
    };

    const rows: Row[] = [];
    const baseline = await evaluate("question alone (baseline)", judged, "none");
    rows.push(await evaluate("offline TF-IDF", judged, offline(0)));
    rows.push(await evaluate("offline TF-IDF + 2 feedback terms", judged, offline(2)));
    const provider = providerCredentials();
    if (provider) {
      const sample = judged.slice(0, Number(args["provider-limit"]));
      const config = spec.config.parse({ knowledgeBaseId: base.id, mode: "provider", provider: { credentialId: "bench", model: provider.model } });
      const generate = async (question: string) =>
        (await impl.run({ inputs: { query: { question, history: [] } }, config, ctx: recordingContext({ knowledge, credentials: provider.credentials }) })).keywords;
      rows.push(await evaluate(`provider (${provider.model}, first ${sample.length})`, sample, generate));
      rows.push(await evaluate(`question alone (first ${sample.length})`, sample, "none"));
    }
    const ceiling = await evaluate("reference keywords (ceiling)", judged, "reference");

    const cell = (x: number | null) => (x === null ? "—" : x.toFixed(3)).padStart(9);
    log("");
    log(`${set.name}: ${judged.length} queries with reference keywords and judgements`);
    log(`  ${"mode".padEnd(42)} kw prec.  kw recall  Recall@5`);
    for (const r of [baseline, ...rows, ceiling]) log(`  ${r.mode.padEnd(42)} ${cell(r.keyword_precision)}  ${cell(r.keyword_recall)}  ${cell(r["recall@5"])}`);
    if (!provider) log("\n(provider mode not run: set GROUNDWORK_BENCH_PROVIDER_BASE_URL and GROUNDWORK_BENCH_PROVIDER_MODEL)");
    if (args.json) {
      const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
      const shape = (r: Row) => ({ mode: r.mode, queries: r.queries, keyword_precision: round(r.keyword_precision), keyword_recall: round(r.keyword_recall), "recall@5": round(r["recall@5"]) });
      process.stdout.write(`${JSON.stringify({ dataset: set.name, database: describeDatabase(dbOptions), results: rows.map(shape), baseline: shape(baseline), reference: shape(ceiling) })}\n`);
    }
  } finally {
    await db.knowledgeBase.delete({ where: { id: base.id } });
    await db.workspace.delete({ where: { id: workspace.id } });
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
