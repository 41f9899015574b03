// npm run bench:verify [-- --data DIR ...] [--json] [--threshold T] [--fit]
//
// The citation check as inference: for each premise/hypothesis pair of an `nli.jsonl` (the
// Inference layout of ../shared/data/README.md), does the verifier say the premise supports the
// hypothesis? Scored as entailment vs not-entailment (accuracy, macro-F1) beside the majority-class
// baseline of the same file. The offline lexical heuristic always runs; an LLM judge too when
// GROUNDWORK_BENCH_PROVIDER_BASE_URL, _MODEL (and _API_KEY) name an OpenAI-compatible provider.
// Several --data folders may be given; the default is the shared scifact-nli and ocnli sets.
// The table also shows the offline labels against the gold ones and how the figures move with the
// threshold. --fit refits the offline calibration on each folder (printing weights for
// nodes/verify-citations/calibration.ts) and reports two-fold cross-validated figures, so the
// fitted weights are judged on pairs they were not fitted on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Calibration } from "@/nodes/verify-citations/calibration";
import { fitCalibration } from "@/nodes/verify-citations/fit-calibration";
import { judgeSupport, type SupportJudgement } from "@/nodes/verify-citations/lexical-support";
import { featureVector, supportFeatures } from "@/nodes/verify-citations/support-features";
import { judgePromptDefault } from "@/nodes/verify-citations/prompt";
import { DEFAULT_SUPPORT_THRESHOLD } from "@/nodes/verify-citations/spec";
import { judgeWithModel } from "@/nodes/verify-citations/model-judge";
import { describeDatabase } from "@/server/db/client";
import { NodeModelProviders } from "@/server/providers/node-providers";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    threshold: { type: "string", default: String(DEFAULT_SUPPORT_THRESHOLD) },
    limit: { type: "string", default: "200" },
    fit: { type: "boolean", default: false },
  },
});

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
const projectRoot = path.resolve(import.meta.dirname, "..");
const folders = args.data ?? ["scifact-nli", "ocnli"].map((name) => path.join(projectRoot, "..", "shared", "data", name));
const threshold = Number(args.threshold);
/** The content floor of the strict template's verification (server/templates/strict.ts). */
const STRICT_MIN_COVERAGE = 0.3;
if (!(threshold > 0 && threshold <= 1)) throw new Error(`--threshold must be a number in (0, 1], got "${args.threshold}"`);
const providerLimit = Number(args.limit);

const pair = z.object({ premise: z.string(), hypothesis: z.string(), label: z.enum(["entailment", "neutral", "contradiction"]) });
type Pair = z.output<typeof pair>;

function readPairs(folder: string): Pair[] {
  const file = path.join(folder, "nli.jsonl");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const parsed = pair.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${index + 1}: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

interface Score {
  accuracy: number;
  macro_f1: number;
}

function score(gold: boolean[], predicted: boolean[]): Score {
  let correct = 0;
  const f1s = [true, false].map((cls) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (predicted[i] === cls && g === cls) tp++;
      else if (predicted[i] === cls) fp++;
      else if (g === cls) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  gold.forEach((g, i) => (correct += g === predicted[i] ? 1 : 0));
  return { accuracy: correct / gold.length, macro_f1: (f1s[0] + f1s[1]) / 2 };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const labels = ["entailment", "neutral", "contradiction"] as const;

function confusion(pairs: Pair[], judged: SupportJudgement[]): string[] {
  const lines = [`  ${"gold \\ offline".padEnd(16)}${labels.map((l) => l.padStart(15)).join("")}`];
  for (const gold of labels) {
    const row = labels.map((label) => pairs.filter((p, i) => p.label === gold && judged[i].label === label).length);
    if (row.some((n) => n > 0)) lines.push(`  ${gold.padEnd(16)}${row.map((n) => String(n).padStart(15)).join("")}`);
  }
  return lines;
}

// Fits the calibration on one half of the pairs and scores the judge with it on the other, both ways round.
function crossValidate(pairs: Pair[]): { fitted: Calibration; cv: Score } {
  const examples = pairs.map((p) => {
    const f = supportFeatures(p.hypothesis, p.premise);
    return f ? { x: featureVector(f), entailed: p.label === "entailment" } : undefined;
  });
  const usable = (indexes: number[]) => indexes.flatMap((i) => examples[i] ?? []);
  // A fixed shuffle (multiplying by a prime modulo another), so halves do not follow the file's order and reruns agree.
  const order = pairs.map((_, i) => i).sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009) || a - b);
  const halves = [order.filter((_, k) => k % 2 === 0), order.filter((_, k) => k % 2 === 1)];
  const gold: boolean[] = [];
  const predicted: boolean[] = [];
  for (const [train, test] of [halves, [halves[1], halves[0]]]) {
    const calibration = fitCalibration(usable(train));
    for (const i of test) {
      gold.push(pairs[i].label === "entailment");
      predicted.push(judgeSupport(pairs[i].hypothesis, pairs[i].premise, { threshold, calibration }).label === "entailment");
    }
  }
  return { fitted: fitCalibration(usable(order)), cv: score(gold, predicted) };
}

function providerFromEnv(): NodeModelProviders | null {
  const baseUrl = process.env.GROUNDWORK_BENCH_PROVIDER_BASE_URL;
  const model = process.env.GROUNDWORK_BENCH_PROVIDER_MODEL;
  if (!baseUrl || !model) return null;
  const credential = { id: "bench", name: "bench", provider: "openai" as const, baseUrl, apiKey: process.env.GROUNDWORK_BENCH_PROVIDER_API_KEY ?? "", models: [model] };
  return new NodeModelProviders({ resolve: async () => credential }, { signal: new AbortController().signal, addTokens: () => {}, emitToken: () => {}, log: () => {} });
}

async function main(): Promise<void> {
  // This benchmark reads files only; it names the database for symmetry with the others.
  log(`Database: none used (the verifier reads no knowledge base); the app would use ${describeDatabase()}`);
  const provider = providerFromEnv();
  const model = process.env.GROUNDWORK_BENCH_PROVIDER_MODEL ?? "";
  const reports = [];
  for (const folder of folders) {
    const pairs = readPairs(folder);
    const gold = pairs.map((p) => p.label === "entailment");
    const majority = gold.filter(Boolean).length * 2 >= gold.length;
    const baseline = score(gold, gold.map(() => majority));
    const results: Array<{ mode: string } & Score> = [];
    const started = performance.now();
    const judged = pairs.map((p) => judgeSupport(p.hypothesis, p.premise, { threshold }));
    results.push({ mode: "offline", ...score(gold, judged.map((j) => j.label === "entailment")) });
    const offlineMs = performance.now() - started;
    // The strict template raises the content floor, so an on-topic invention fails: what that costs here.
    results.push({
      mode: `offline, content floor ${STRICT_MIN_COVERAGE} (strict)`,
      ...score(gold, pairs.map((p) => judgeSupport(p.hypothesis, p.premise, { threshold, minCoverage: STRICT_MIN_COVERAGE }).label === "entailment")),
    });
    // How much the figures depend on the exact threshold: the same scores cut elsewhere.
    const sensitivity = [-0.1, -0.05, 0.05, 0.1].map((delta) => ({
      at: round(threshold + delta),
      ...score(gold, pairs.map((p) => judgeSupport(p.hypothesis, p.premise, { threshold: threshold + delta }).label === "entailment")),
    }));
    if (provider) {
      const sample = pairs.slice(0, providerLimit);
      const labels = [];
      for (const p of sample) {
        const judged = await judgeWithModel(provider, { credentialId: "bench", model, temperature: 0 }, judgePromptDefault, [{ sentence: p.hypothesis, passages: [p.premise] }]);
        labels.push(judged[0].label === "entailment");
      }
      results.push({ mode: `provider (${model}, first ${sample.length})`, ...score(gold.slice(0, sample.length), labels) });
    }
    log("");
    log(`${path.basename(folder)}: ${pairs.length} pairs, ${gold.filter(Boolean).length} entailment; offline judged in ${Math.round(offlineMs)} ms`);
    log(`  ${"mode".padEnd(40)} accuracy  macro-F1`);
    log(`  ${"majority class (baseline)".padEnd(40)} ${baseline.accuracy.toFixed(3).padStart(8)}  ${baseline.macro_f1.toFixed(3).padStart(8)}`);
    for (const r of results) log(`  ${r.mode.padEnd(40)} ${r.accuracy.toFixed(3).padStart(8)}  ${r.macro_f1.toFixed(3).padStart(8)}`);
    for (const s of sensitivity) log(`  ${`offline, threshold ${s.at}`.padEnd(40)} ${s.accuracy.toFixed(3).padStart(8)}  ${s.macro_f1.toFixed(3).padStart(8)}`);
    log("");
    for (const line of confusion(pairs, judged)) log(line);
    if (args.fit) {
      const { fitted, cv } = crossValidate(pairs);
      log(`  ${"offline, refitted, two-fold cross-val.".padEnd(40)} ${cv.accuracy.toFixed(3).padStart(8)}  ${cv.macro_f1.toFixed(3).padStart(8)}`);
      log(`  calibration fitted on all ${pairs.length} pairs: ${JSON.stringify(fitted)}`);
    }
    reports.push({
      dataset: path.basename(folder),
      results: results.map((r) => ({ mode: r.mode, accuracy: round(r.accuracy), macro_f1: round(r.macro_f1) })),
      baseline: { accuracy: round(baseline.accuracy), macro_f1: round(baseline.macro_f1) },
    });
  }
  if (!provider) log("\n(provider mode not run: set GROUNDWORK_BENCH_PROVIDER_BASE_URL and GROUNDWORK_BENCH_PROVIDER_MODEL)");
  if (args.json) process.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : { datasets: reports })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
