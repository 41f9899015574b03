// npx tsx scripts/profile-endpoint.ts [--data DIR] [--chunks N] [--requests N] [--concurrency C]
// (add `node --cpu-prof --import tsx` to get a CPU profile of the same calls; --log-queries lists the SQL of one call)
//
// Where one published-endpoint call spends its time, without Next.js around it: the strict pipeline
// over the endpoint benchmark's knowledge base (kept between runs in the workspace "profile-endpoint"
// of DATABASE_URL, ingested on first use), called through the same handler as the route. Prints the
// wall time and the process's CPU time per call, the time outside the graph (key, endpoint, run
// bookkeeping, response), and each node's mean span duration.
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { handlePublishedRun } from "@/server/api/published-run";
import { testCaller } from "@/server/api/testing/test-caller";
import { createApiKey } from "@/server/auth/api-keys";
import { createDb } from "@/server/db/client";
import { traceWriterFor } from "@/server/runtime/trace-writer";
import { strictGraph } from "@/server/templates/strict";
import { benchQuestions, ingestCorpus } from "./profile-corpus";

const { values: args } = parseArgs({
  options: {
    data: { type: "string", default: path.resolve(process.cwd(), "..", "shared", "data", "scifact") },
    chunks: { type: "string", default: "10000" },
    requests: { type: "string", default: "100" },
    concurrency: { type: "string", default: "1" },
    "log-queries": { type: "boolean", default: false },
  },
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/** Every statement sent to PostgreSQL while `work` runs, in order (the trace writer's included). */
async function logQueries(work: () => Promise<unknown>): Promise<void> {
  const original = pg.Client.prototype.query;
  const sent: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
    const config = params[0] as string | { text?: string };
    sent.push((typeof config === "string" ? config : (config?.text ?? "?")).replace(/\s+/g, " ").slice(0, 160));
    return (original as (...p: unknown[]) => unknown).apply(this, params);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  console.log(`${sent.length} statements in one call:`);
  for (const text of sent) console.log(`  ${text}`);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new Error("profile-endpoint needs DATABASE_URL (the knowledge base is kept there between runs)");
  const requests = Number(args.requests);
  const concurrency = Number(args.concurrency);
  const handle = await createDb({ url });
  const { db } = handle;
  try {
    const slug = "profile-endpoint";
    const workspace = (await db.workspace.findUnique({ where: { slug } })) ?? (await db.workspace.create({ data: { name: "Endpoint profile", slug } }));
    const base = (await db.knowledgeBase.findFirst({ where: { workspaceId: workspace.id } })) ?? (await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: path.basename(args.data!) } }));
    let chunks = await db.chunk.count({ where: { knowledgeBaseId: base.id } });
    if (chunks < Number(args.chunks) * 0.95) chunks = await ingestCorpus(db, workspace.id, base.id, args.data!, Number(args.chunks));
    const questions = await benchQuestions(args.data!);

    const caller = testCaller(db, workspace.id);
    const pipeline = await caller.pipeline.create({ name: `profile ${Date.now().toString(36)}` });
    await caller.pipeline.saveDraft({ id: pipeline.id, graph: strictGraph(base.id), revision: 1 });
    const published = await caller.pipeline.publish({ id: pipeline.id, slug: `profile-${Date.now().toString(36)}` });
    const key = await createApiKey(db, { workspaceId: workspace.id, name: "profile" });

    const call = async (question: string) => {
      const started = performance.now();
      const response = await handlePublishedRun(
        new Request(`http://localhost/api/v1/pipelines/${published.slug}/run`, {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ question }),
        }),
        db,
        published.slug,
      );
      const body = (await response.json()) as { runId?: string; error?: string };
      if (!response.ok || !body.runId) throw new Error(`The call answered ${response.status}: ${body.error}`);
      return { runId: body.runId, ms: performance.now() - started };
    };

    const first = await call(questions[0]);
    console.log(`${chunks} chunks; first call ${first.ms.toFixed(0)} ms`);
    // The guard's calibration fit runs in the background after the first call: profile after it.
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline && (await db.knowledgeBase.findUniqueOrThrow({ where: { id: base.id } })).guardThreshold === null) await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 20; i++) await call(questions[i % questions.length]);
    if (args["log-queries"]) await logQueries(() => call(questions[1]).then(() => traceWriterFor(db).flush()));

    const calls: { runId: string; ms: number }[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) calls.push(await call(questions[next++ % questions.length]));
      }),
    );
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await traceWriterFor(db).flush();

    const runIds = calls.map((c) => c.runId);
    const runs = await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, durationMs: true, outcome: true } });
    const graphMs = new Map(runs.map((r) => [r.id, r.durationMs ?? 0]));
    const spans = await db.$queryRaw<{ nodeId: string; mean: number; p99: number }[]>`
      SELECT "nodeId", avg("durationMs")::float AS mean, percentile_cont(0.99) WITHIN GROUP (ORDER BY "durationMs")::float AS p99
      FROM "Span" WHERE "runId" = ANY(${runIds}) GROUP BY "nodeId" ORDER BY min("ordinal")`;
    const outcomes = new Map<string, number>();
    for (const r of runs) outcomes.set(r.outcome ?? "none", (outcomes.get(r.outcome ?? "none") ?? 0) + 1);

    const ms = calls.map((c) => c.ms);
    console.log(`${requests} calls at concurrency ${concurrency}: ${((requests / wall) * 1000).toFixed(1)} calls/s`);
    console.log(`wall per call: mean ${mean(ms).toFixed(1)} ms, p50 ${quantile(ms, 0.5).toFixed(1)}, p99 ${quantile(ms, 0.99).toFixed(1)}`);
    console.log(`CPU of this process per call: ${((used.user + used.system) / 1000 / requests).toFixed(1)} ms`);
    console.log(`outside the graph (key, endpoint, run rows, response): mean ${mean(calls.map((c) => c.ms - (graphMs.get(c.runId) ?? 0))).toFixed(1)} ms`);
    console.log(`graph: mean ${mean([...graphMs.values()]).toFixed(1)} ms; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
    for (const s of spans) console.log(`  ${s.nodeId.padEnd(10)} mean ${s.mean.toFixed(1).padStart(7)} ms   p99 ${s.p99.toFixed(0).padStart(5)} ms`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
