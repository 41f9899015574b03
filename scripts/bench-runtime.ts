// npm run bench:runtime [-- --json] [--runs N] [--database-url URL] [--data DIR]
//
// The orchestration overhead of Groundwork's runtime: a 50-node no-op pipeline run N times (1,000 by
// default) by Groundwork, by a LangGraph.js StateGraph and by plain awaited calls (the floor), each
// with trace persistence off and on. "On" means every node call becomes a span written through the
// real trace writer into a database: the embedded PGlite, or PostgreSQL with --database-url or
// DATABASE_URL. The figure is microseconds per node above the floor, on the hot path (until the last
// run returned; spans are written off it, in batches); the table also shows it counting the time the
// database took to store every span.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createDb, describeDatabase, type DbOptions } from "@/server/db/client";
import { groundworkEngine, langGraphEngine, plainEngine, type Engine, type EngineName, type SpanSink } from "@/server/runtime/bench/engines";
import { benchTopology } from "@/server/runtime/bench/noop-pipeline";
import { createTraceWriter, spanWriter, type TraceWriter } from "@/server/runtime/trace-writer";

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    runs: { type: "string", default: "1000" },
    warmup: { type: "string", default: "200" },
    "database-url": { type: "string" },
    // Accepted for symmetry with the other benchmarks; this one reads no input data.
    data: { type: "string" },
  },
});

const runs = Number(args.runs);
const warmup = Number(args.warmup);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got "${args.runs}"`);
if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a whole number, got "${args.warmup}"`);
const NODES = benchTopology().length;
const QUESTION = "How much notice must a landlord give?";

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

interface Measurement {
  engine: EngineName;
  tracing: boolean;
  usPerRun: number;
  /** Microseconds per node until the last run returned, and until its spans were also written. */
  usPerNodeHot: number;
  usPerNodeTotal: number;
}

async function main(): Promise<void> {
  const url = args["database-url"] ?? process.env.DATABASE_URL?.trim();
  const dbOptions: DbOptions = url ? { url } : {};
  if (args.data) log(`(--data ${args.data} is ignored: this benchmark generates its own pipeline)`);
  const handle = await createDb(dbOptions);
  const { db } = handle;
  const workspace = await db.workspace.create({ data: { name: "Runtime benchmark", slug: `bench-${randomUUID()}` } });
  const pipeline = await db.pipeline.create({ data: { workspaceId: workspace.id, name: "50-node no-op" } });

  // Spans belong to runs: the traced configurations get their Run rows up front, outside the timing.
  const runRows = async (count: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await db.run.createMany({
      data: ids.map((id) => ({ id, workspaceId: workspace.id, pipelineId: pipeline.id, source: "editor" as const, status: "answered" as const, input: {} })),
    });
    return ids;
  };

  const measure = async (make: (sink?: SpanSink) => Engine, tracing: boolean): Promise<Measurement> => {
    let writer: TraceWriter | null = null;
    if (tracing) writer = createTraceWriter({ write: spanWriter(db) });
    const sink: SpanSink | undefined = writer ? (runId, span) => writer.enqueue({ ...span, runId, workspaceId: workspace.id }) : undefined;
    const engine = make(sink);
    const warmIds = tracing ? await runRows(warmup) : Array.from({ length: warmup }, (_, i) => `warm-${i}`);
    for (const id of warmIds) await engine.run(id, QUESTION);
    await writer?.flush();
    const ids = tracing ? await runRows(runs) : Array.from({ length: runs }, (_, i) => `run-${i}`);

    const started = performance.now();
    for (const id of ids) {
      const out = await engine.run(id, QUESTION);
      if (out !== QUESTION) throw new Error(`${engine.name} returned "${out}" instead of the question`);
    }
    const hot = performance.now() - started;
    await writer?.flush();
    const total = performance.now() - started;

    const stats = writer?.stats();
    if (stats && (stats.dropped > 0 || stats.written !== (warmup + runs) * NODES)) {
      throw new Error(`${engine.name}: the trace writer wrote ${stats.written} spans and dropped ${stats.dropped} (last error: ${stats.lastError})`);
    }
    return { engine: engine.name, tracing, usPerRun: (total * 1000) / runs, usPerNodeHot: (hot * 1000) / (runs * NODES), usPerNodeTotal: (total * 1000) / (runs * NODES) };
  };

  log(`Runtime orchestration overhead: ${NODES}-node no-op pipeline, ${runs} runs per engine after ${warmup} warm-up runs`);
  log(`Trace database: ${describeDatabase(dbOptions)}`);
  const measurements: Measurement[] = [];
  try {
    for (const tracing of [false, true]) {
      for (const make of [plainEngine, langGraphEngine, groundworkEngine]) {
        const m = await measure(make, tracing);
        measurements.push(m);
        log(`  measured ${m.engine.padEnd(10)} tracing ${tracing ? "on " : "off"}: ${m.usPerRun.toFixed(0)} µs per run`);
      }
    }
  } finally {
    await db.workspace.delete({ where: { id: workspace.id } });
    await handle.close();
  }

  const floor = measurements.find((m) => m.engine === "plain" && !m.tracing)?.usPerNodeHot ?? 0;
  const find = (engine: EngineName, tracing: boolean) => measurements.find((m) => m.engine === engine && m.tracing === tracing);
  const overhead = (engine: EngineName, tracing: boolean) => (find(engine, tracing)?.usPerNodeHot ?? NaN) - floor;
  const overheadWithWrites = (engine: EngineName, tracing: boolean) => (find(engine, tracing)?.usPerNodeTotal ?? NaN) - floor;

  log("");
  log("Microseconds per node above plain awaited calls. \"Hot path\": until the last run returned (traced spans");
  log("only queued). \"With DB writes\": until every span was also written to the database.");
  log("");
  log("engine      tracing   µs/run   overhead µs/node: hot path   with DB writes");
  for (const m of measurements) {
    log(
      `${m.engine.padEnd(11)} ${(m.tracing ? "on" : "off").padEnd(7)} ${m.usPerRun.toFixed(1).padStart(9)} ${overhead(m.engine, m.tracing).toFixed(2).padStart(27)} ${overheadWithWrites(m.engine, m.tracing).toFixed(2).padStart(16)}`,
    );
  }
  const ratio = (tracing: boolean) => overhead("groundwork", tracing) / overhead("langgraph", tracing);
  log("");
  log(`Groundwork overhead / LangGraph.js overhead: ${ratio(false).toFixed(3)} (tracing off), ${ratio(true).toFixed(3)} (tracing on); target ≤ 0.25`);
  log(
    `Tracing multiplies Groundwork's overhead by ${(overhead("groundwork", true) / overhead("groundwork", false)).toFixed(2)} on the hot path (target ≤ 2), ` +
      `by ${(overheadWithWrites("groundwork", true) / overhead("groundwork", false)).toFixed(2)} counting the database's time to store every span`,
  );

  if (args.json) {
    const results = measurements.map((m) => ({
      engine: m.engine,
      tracing: m.tracing,
      us_per_node: Number(overhead(m.engine, m.tracing).toFixed(3)),
      us_per_node_with_db_writes: Number(overheadWithWrites(m.engine, m.tracing).toFixed(3)),
    }));
    process.stdout.write(`${JSON.stringify({ results })}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
