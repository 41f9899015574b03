// npm run bench:rewrite [-- --data DIR] [--json] [--limit N] [--provider-limit N]
//
// Context rewriting on a rewriting set (rewrite.tsv: context turn 1, context turn 2, current turn,
// its standalone rewrite; default ../shared/data/rewrite): exact match and character-level F1 of
// the offline rewrite (query.rewrite's own method) beside the copy-the-current-turn baseline, and of
// provider mode when GROUNDWORK_BENCH_PROVIDER_BASE_URL and _MODEL (and _API_KEY) name an
// OpenAI-compatible endpoint (on the first --provider-limit dialogues).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { carryTopic } from "@/nodes/query-rewrite/carry-topic";
import { impl } from "@/nodes/query-rewrite/run";
import { spec } from "@/nodes/query-rewrite/spec";
import type { Query } from "@/nodes/ports";
import { describeDatabase } from "@/server/db/client";
import { recordingContext } from "@/server/runtime/test-context";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", default: path.join(process.cwd(), "..", "shared", "data", "rewrite") },
    json: { type: "boolean", default: false },
    limit: { type: "string" },
    "provider-limit": { type: "string", default: "200" },
  },
});
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

interface Dialogue {
  query: Query;
  gold: string;
}

function readDialogues(dir: string): Dialogue[] {
  const file = path.join(dir, "rewrite.tsv");
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.map((line, i) => {
    const fields = line.split("\t");
    if (fields.length !== 4) throw new Error(`${file}, line ${i + 1}: expected 4 tab-separated fields (turn 1, turn 2, current turn, rewrite), found ${fields.length}`);
    const [first, second, current, gold] = fields;
    return { query: { question: current, history: [{ role: "user", content: first }, { role: "assistant", content: second }] }, gold };
  });
}

function characterF1(predicted: string, gold: string): number {
  const left = new Map<string, number>();
  for (const ch of gold) left.set(ch, (left.get(ch) ?? 0) + 1);
  let shared = 0;
  for (const ch of predicted) {
    const n = left.get(ch) ?? 0;
    if (n > 0) {
      shared++;
      left.set(ch, n - 1);
    }
  }
  if (shared === 0) return 0;
  const precision = shared / [...predicted].length;
  const recall = shared / [...gold].length;
  return (2 * precision * recall) / (precision + recall);
}

function score(predicted: string[], dialogues: Dialogue[]): { em: number; f1: number } {
  let em = 0;
  let f1 = 0;
  predicted.forEach((p, i) => {
    em += p === dialogues[i].gold ? 1 : 0;
    f1 += characterF1(p, dialogues[i].gold);
  });
  return { em: em / dialogues.length, f1: f1 / dialogues.length };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

async function providerRewrites(dialogues: Dialogue[]): Promise<string[] | null> {
  const baseUrl = process.env.GROUNDWORK_BENCH_PROVIDER_BASE_URL;
  const model = process.env.GROUNDWORK_BENCH_PROVIDER_MODEL;
  if (!baseUrl || !model) return null;
  const credential = { id: "bench", name: "bench", provider: "openai" as const, baseUrl, apiKey: process.env.GROUNDWORK_BENCH_PROVIDER_API_KEY ?? "", models: [model] };
  const config = spec.config.parse({ mode: "provider", provider: { credentialId: "bench", model } });
  const out: string[] = [];
  for (const dialogue of dialogues) {
    const ctx = recordingContext({ credentials: { resolve: async () => credential } });
    out.push((await impl.run({ inputs: { query: dialogue.query }, config, ctx })).query.question);
  }
  return out;
}

async function main(): Promise<void> {
  log(`Database: none used (rewriting reads no knowledge base); the app would use ${describeDatabase()}`);
  const all = readDialogues(args.data);
  const dialogues = args.limit ? all.slice(0, Number(args.limit)) : all;
  const started = performance.now();
  const offline = dialogues.map((d) => carryTopic(d.query).question);
  const offlineMs = performance.now() - started;
  const results = [{ mode: "offline", ...score(offline, dialogues) }];
  const sample = dialogues.slice(0, Number(args["provider-limit"]));
  const provider = await providerRewrites(sample);
  const model = process.env.GROUNDWORK_BENCH_PROVIDER_MODEL;
  if (provider) results.push({ mode: `provider (${model}, first ${sample.length})`, ...score(provider, sample) });
  const baseline = score(
    dialogues.map((d) => d.query.question),
    dialogues,
  );

  log("");
  log(`${path.basename(args.data)}: ${dialogues.length} dialogues; offline rewrote them in ${Math.round(offlineMs)} ms`);
  log(`  ${"mode".padEnd(40)}  exact match  char F1`);
  log(`  ${"copy the current turn (baseline)".padEnd(40)}  ${baseline.em.toFixed(3).padStart(11)}  ${baseline.f1.toFixed(3).padStart(7)}`);
  for (const r of results) log(`  ${r.mode.padEnd(40)}  ${r.em.toFixed(3).padStart(11)}  ${r.f1.toFixed(3).padStart(7)}`);
  if (!provider) log("\n(provider mode not run: set GROUNDWORK_BENCH_PROVIDER_BASE_URL and GROUNDWORK_BENCH_PROVIDER_MODEL)");
  if (args.json) {
    const report = {
      dataset: path.basename(args.data),
      results: results.map((r) => ({ mode: r.mode, em: round(r.em), f1: round(r.f1) })),
      baseline: { em: round(baseline.em), f1: round(baseline.f1) },
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
