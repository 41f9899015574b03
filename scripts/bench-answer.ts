// npm run bench:answer [-- --data DIR] [--json] [--questions N] [--database-url URL]
//
// The offline strict pipeline end to end (the "strict" template: context rewriting → domain guard →
// BM25 → rerank → top 4 → cited answer → verification, refusing on failure) on a question-answering
// folder (corpus.jsonl + qa.jsonl; default ../shared/data/cmrc2018), beside the example pipeline
// (BM25 → extractive answer, no guard or verification) as the baseline, run by the real runtime:
// - citation precision: the share of cited passages that are gold (over answered questions);
// - citation recall: the share of each question's gold passages cited (refusals cite none);
// - answer hit: the answer contains a reference answer;
// - refusal with support: questions refused while their gold passages are in the base (want low);
// - refusal without support: questions refused when their gold passages are not in the base (want
//   high). The corpus is split in two halves by document; a second base holds only the first half,
//   and the questions whose gold passages all lie in the second half are asked of it.
// Database: DATABASE_URL (or --database-url), else an in-memory PGlite.
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Graph } from "@/nodes/graph";
import type { Answer } from "@/nodes/ports";
import { createDb, describeDatabase, type Db } from "@/server/db/client";
import { exampleGraph } from "@/server/db/seed";
import { readBeir } from "@/server/knowledge/retrieval/beir";
import { bulkLoadCorpus } from "@/server/knowledge/retrieval/bulk-load";
import { createKnowledgeStore } from "@/server/knowledge/search";
import { workspaceCredentials } from "@/server/providers/workspace-credentials";
import { executeGraph } from "@/server/runtime/execute";
import { strictGraph } from "@/server/templates/strict";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", default: path.join(process.cwd(), "..", "shared", "data", "cmrc2018") },
    json: { type: "boolean", default: false },
    questions: { type: "string" },
    "database-url": { type: "string" },
  },
});
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

const qaLine = z.object({ _id: z.coerce.string(), question: z.string(), answers: z.array(z.string().nullable()).transform((answers) => answers.filter((a): a is string => a !== null && a.trim() !== "")), gold_ids: z.array(z.coerce.string()).min(1) });
type Qa = z.output<typeof qaLine>;

async function readQa(dir: string): Promise<Qa[]> {
  const file = path.join(dir, "qa.jsonl");
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new Error(`Cannot read ${file}: a question-answering folder holds qa.jsonl beside the corpus`, { cause: error });
  });
  return text
    .split("\n")
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, i }) => {
      const parsed = qaLine.safeParse(JSON.parse(line.replace(/:\s*NaN\b/g, ": null")));
      if (!parsed.success) throw new Error(`${file}, line ${i + 1}: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** Which half of the corpus a document falls in: by a hash of its id, so any corpus splits the same way. */
function inFirstHalf(id: string): boolean {
  return createHash("sha256").update(id).digest()[0] < 128;
}

interface Outcome {
  refused: boolean;
  reason: string;
  cited: string[];
  text: string;
}

async function ask(db: Db, workspaceId: string, graph: Graph, question: string): Promise<Answer> {
  // The workspace's own data, as a console run has it: the guard calibrates its threshold on the base.
  const result = await executeGraph(graph, {
    runId: randomUUID(),
    workspaceId,
    input: { question, history: [] },
    knowledge: createKnowledgeStore(db, workspaceId),
    credentials: workspaceCredentials(db, workspaceId),
  });
  if (result.status === "failed" || result.status === "cancelled") throw new Error(`The pipeline ${result.status} on "${question}": ${result.error}`);
  return result.output?.answer as Answer;
}

interface Row {
  mode: string;
  citation_precision: number;
  citation_recall: number;
  answer_hit: number;
  refusal_without_support: number;
  refusal_with_support: number;
}

async function main(): Promise<void> {
  const url = args["database-url"] ?? process.env.DATABASE_URL?.trim();
  const dbOptions = url ? { url } : {};
  const handle = await createDb(dbOptions);
  const { db } = handle;
  log(`Database: ${describeDatabase(dbOptions)}`);
  const [set, allQa] = await Promise.all([readBeir(args.data), readQa(args.data)]);
  const qa = args.questions ? allQa.slice(0, Number(args.questions)) : allQa;
  const workspace = await db.workspace.create({ data: { name: "Answer benchmark", slug: `bench-${randomUUID()}` } });
  try {
    const load = async (name: string, docs: typeof set.corpus) => {
      const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name } });
      const toRecord = await bulkLoadCorpus(db, { workspaceId: workspace.id, knowledgeBaseId: base.id }, docs.map((d) => ({ id: d._id, title: d.title, text: d.text })));
      return { id: base.id, toRecord };
    };
    const full = await load(`${set.name} (all)`, set.corpus);
    const half = await load(`${set.name} (first half)`, set.corpus.filter((d) => inFirstHalf(d._id)));
    const unsupported = qa.filter((q) => q.gold_ids.every((id) => !inFirstHalf(id)));
    log(`${set.name}: ${set.corpus.length} documents; ${qa.length} questions with support, ${unsupported.length} asked again without it`);

    const pipelines: Array<[string, (kb: string) => Graph]> = [
      ["strict offline", strictGraph],
      ["example offline: BM25 → extractive (baseline)", (kb) => exampleGraph(kb)],
    ];
    const rows: Row[] = [];
    for (const [mode, graphOver] of pipelines) {
      const started = performance.now();
      const fullGraph = graphOver(full.id);
      const outcome = async (question: string, graph: Graph, toRecord: Map<string, string>): Promise<Outcome> => {
        const answer = await ask(db, workspace.id, graph, question);
        return { refused: answer.refused, reason: (answer.refusalReason ?? "").split(":")[0], cited: [...new Set(answer.citations.map((c) => toRecord.get(c.passageId) ?? c.passageId))], text: answer.text };
      };
      const sums = { precision: 0, answered: 0, recall: 0, hit: 0, refusedWith: 0, refusedWithout: 0 };
      // Which stage refused, by the first words of the reason: guard, generation or verification.
      const reasons = new Map<string, number>();
      for (const q of qa) {
        const o = await outcome(q.question, fullGraph, full.toRecord);
        const gold = new Set(q.gold_ids);
        if (o.refused) {
          sums.refusedWith++;
          reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1);
        }
        else {
          sums.answered++;
          sums.precision += o.cited.length === 0 ? 0 : o.cited.filter((id) => gold.has(id)).length / o.cited.length;
          sums.hit += q.answers.some((a) => o.text.includes(a.trim())) ? 1 : 0;
        }
        sums.recall += o.refused ? 0 : q.gold_ids.filter((id) => o.cited.includes(id)).length / gold.size;
      }
      const halfGraph = graphOver(half.id);
      for (const q of unsupported) if ((await outcome(q.question, halfGraph, half.toRecord)).refused) sums.refusedWithout++;
      log(`  ${mode}: ${qa.length + unsupported.length} runs in ${Math.round(performance.now() - started)} ms`);
      for (const [reason, n] of reasons) log(`    refused with support, ${n}×: ${reason || "(no reason given)"}`);
      const fitted = await db.knowledgeBase.findMany({ where: { id: { in: [full.id, half.id] }, guardThreshold: { not: null } }, select: { name: true, guardThreshold: true } });
      for (const base of fitted) log(`    guard threshold calibrated on ${base.name}: ${base.guardThreshold?.toFixed(3)}`);
      rows.push({
        mode,
        citation_precision: sums.precision / Math.max(sums.answered, 1),
        citation_recall: sums.recall / Math.max(qa.length, 1),
        answer_hit: sums.hit / Math.max(qa.length, 1),
        refusal_without_support: sums.refusedWithout / Math.max(unsupported.length, 1),
        refusal_with_support: sums.refusedWith / Math.max(qa.length, 1),
      });
    }

    log("");
    log(`  ${"mode".padEnd(48)} cit.prec  cit.rec  ans.hit  refused w/o support  refused with support`);
    for (const r of rows) {
      log(
        `  ${r.mode.padEnd(48)} ${r.citation_precision.toFixed(3).padStart(8)}  ${r.citation_recall.toFixed(3).padStart(7)}  ${r.answer_hit.toFixed(3).padStart(7)}  ${r.refusal_without_support.toFixed(3).padStart(19)}  ${r.refusal_with_support.toFixed(3).padStart(20)}`,
      );
    }
    log("(citation precision over answered questions; the other rates over all questions of their condition)");
    if (args.json) {
      const round = (x: number) => Math.round(x * 1000) / 1000;
      const results = rows.map((r) => ({
        mode: r.mode,
        citation_precision: round(r.citation_precision),
        citation_recall: round(r.citation_recall),
        answer_hit: round(r.answer_hit),
        refusal_without_support: round(r.refusal_without_support),
        refusal_with_support: round(r.refusal_with_support),
      }));
      process.stdout.write(`${JSON.stringify({ dataset: set.name, database: describeDatabase(dbOptions), results })}\n`);
    }
  } finally {
    await db.workspace.delete({ where: { id: workspace.id } });
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
