// npm run bench:endpoint [-- --json] [--data DIR] [--chunks N] [--duration S] [--skip-build]
//
// A published pipeline under load, as production serves it: `next build`, then `npm run serve` on the
// real PostgreSQL named by DATABASE_URL (the benchmark refuses to run without it). It seeds a
// workspace with the offline "strict" template over a knowledge base of about --chunks chunks
// (default 10,000) ingested from a BEIR corpus (--data, default SciFact) through the ingestion code,
// publishes it, creates an API key without limits, and runs autocannon at 16 and 64 connections
// against POST /api/v1/pipelines/<slug>/run, and against GET /api/v1/ping of the same server (fixed
// JSON: the floor of this machine and framework). One more line at 64 connections uses a key with
// (never reached) limits, so the per-call counter UPSERT is on the path: its cost is the difference.
//
// traced_ratio: of the runs answered 2xx (their run ids read from the responses), the share whose
// trace (a finished Run row and its spans) is in the database once the server's writer has flushed.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { testCaller } from "@/server/api/testing/test-caller";
import { createApiKey } from "@/server/auth/api-keys";
import { createDb, describeDatabase, type Db } from "@/server/db/client";
import { strictGraph } from "@/server/templates/strict";
import { benchQuestions, ingestCorpus } from "./profile-corpus";

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    data: { type: "string", default: path.resolve(process.cwd(), "..", "shared", "data", "scifact") },
    chunks: { type: "string", default: "10000" },
    duration: { type: "string", default: "15" },
    "skip-build": { type: "boolean", default: false },
  },
});

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

// autocannon ships no types; this is the part of its programmatic API the benchmark uses.
interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

function positiveInt(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`))));
  });
}

async function waitUntilUp(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer ${url} within 2 minutes`);
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  runIds: string[];
}

async function load(origin: string, connections: number, duration: number, request: Omit<AutocannonRequest, "onResponse"> | null, questions: string[], secret: string, slug: string): Promise<Measured> {
  const runIds: string[] = [];
  const requests: AutocannonRequest[] = request
    ? [request]
    : questions.slice(0, 50).map((question) => ({
        method: "POST",
        path: `/api/v1/pipelines/${slug}/run`,
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ question }),
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300) runIds.push((JSON.parse(body) as { runId: string }).runId);
        },
      }));
  const result = await autocannon({ url: origin, connections, duration, requests });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors + result.timeouts,
    runIds,
  };
}

/** Runs among `runIds` whose trace is complete: finished, with its spans written. Waits for the writer to drain. */
async function tracedCount(db: Db, runIds: string[]): Promise<number> {
  let traced = 0;
  for (let tries = 0; tries < 60; tries++) {
    traced = 0;
    for (let from = 0; from < runIds.length; from += 5000) {
      const ids = runIds.slice(from, from + 5000);
      const rows = await db.$queryRaw<{ traced: number }[]>`
        SELECT count(*)::int AS traced FROM "Run" r
        WHERE r.id = ANY(${ids}) AND r.status <> 'running' AND EXISTS (SELECT 1 FROM "Span" s WHERE s."runId" = r.id)`;
      traced += rows[0].traced;
    }
    if (traced === runIds.length) return traced;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return traced;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join(" ");
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("bench:endpoint measures the production server on a real PostgreSQL: set DATABASE_URL=postgresql://… (a database it may fill; the workspace it creates is deleted afterwards)");
  }
  const targetChunks = positiveInt("chunks", args.chunks!);
  const duration = positiveInt("duration", args.duration!);
  const database = describeDatabase({ url });
  const questions = await benchQuestions(args.data!);

  const handle = await createDb({ url });
  const { db } = handle;
  const workspace = await db.workspace.create({ data: { name: "Endpoint benchmark", slug: `bench-endpoint-${Date.now().toString(36)}` } });
  let server: ChildProcess | null = null;
  try {
    log(`Ingesting about ${targetChunks} chunks from ${args.data} on ${database} …`);
    const base = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: path.basename(args.data!) } });
    const chunks = await ingestCorpus(db, workspace.id, base.id, args.data!, targetChunks);
    log(`${chunks} chunks ingested.`);
    // Statistics for the planner and no dead rows from earlier runs, whatever the server's autovacuum
    // does (it may be off): every run measures the same database state, as pgbench vacuums first.
    await db.$executeRawUnsafe("VACUUM ANALYZE");

    const caller = testCaller(db, workspace.id);
    const pipeline = await caller.pipeline.create({ name: "Endpoint benchmark (strict)" });
    await caller.pipeline.saveDraft({ id: pipeline.id, graph: strictGraph(base.id), revision: 1 });
    const { slug } = await caller.pipeline.publish({ id: pipeline.id, slug: `bench-${Date.now().toString(36)}` });
    const open = await createApiKey(db, { workspaceId: workspace.id, name: "bench, no limits" });
    const counted = await createApiKey(db, { workspaceId: workspace.id, name: "bench, counted", rateLimitPerMinute: 1_000_000, dailyQuota: 1_000_000_000 });

    const env = { ...process.env, DATABASE_URL: url, NODE_ENV: "production" as const, GROUNDWORK_SECRET_KEY: process.env.GROUNDWORK_SECRET_KEY ?? randomBytes(32).toString("base64"), NEXT_TELEMETRY_DISABLED: "1" };
    const next = path.join(process.cwd(), "node_modules", ".bin", "next");
    if (!args["skip-build"]) {
      log("next build …");
      await run(next, ["build"], env);
    }
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // As `npm run serve` starts it (package.json), node flags included, without npm in between.
    const [, ...serve] = (JSON.parse(await readFile("package.json", "utf8")) as { scripts: { serve: string } }).scripts.serve.split(" ");
    server = spawn(process.execPath, [...serve, "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "inherit"] });
    await waitUntilUp(`${origin}/api/v1/ping`, server);

    // Warm-up. One call alone first, to fail early with the server's reason when the pipeline cannot
    // answer. (Publishing started the domain guard's calibration fit on the base; no call waits on it.)
    const first = await fetch(`${origin}/api/v1/pipelines/${slug}/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${open.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ question: questions[0] }),
      signal: AbortSignal.timeout(600_000),
    });
    if (!first.ok) throw new Error(`The first call answered ${first.status}, so there is nothing to load-test: ${await first.text()}`);
    // Then load: routes compile lazily, the key and endpoint caches fill, pool connections open.
    await load(origin, 8, 3, null, questions, open.secret, slug);
    await load(origin, 8, 2, { method: "GET", path: "/api/v1/ping" }, questions, open.secret, slug);

    const results = [];
    const lines: string[] = [];
    const widths = [34, 12, 8, 8, 8, 8, 7];
    lines.push(row(["target", "connections", "rps", "p50 ms", "p99 ms", "2xx", "non-2xx"], widths));
    for (const connections of [16, 64]) {
      const floor = await load(origin, connections, duration, { method: "GET", path: "/api/v1/ping" }, questions, open.secret, slug);
      lines.push(row(["GET /api/v1/ping (floor)", connections, floor.rps.toFixed(0), floor.p50, floor.p99, floor.ok, floor.failed], widths));
      const endpoint = await load(origin, connections, duration, null, questions, open.secret, slug);
      const traced = await tracedCount(db, endpoint.runIds);
      const tracedRatio = endpoint.runIds.length ? traced / endpoint.runIds.length : 0;
      lines.push(row([`POST run (strict, ${chunks} chunks)`, connections, endpoint.rps.toFixed(1), endpoint.p50, endpoint.p99, endpoint.ok, endpoint.failed], widths));
      lines.push(`  traced ${traced} of ${endpoint.runIds.length} answered; ${((endpoint.rps / floor.rps) * 100).toFixed(1)}% of the floor's rps`);
      results.push({
        connections,
        rps: Number(endpoint.rps.toFixed(1)),
        p50_ms: endpoint.p50,
        p99_ms: endpoint.p99,
        traced_ratio: Number(tracedRatio.toFixed(4)),
        rps_floor: Number(floor.rps.toFixed(1)),
        p99_floor_ms: floor.p99,
      });
    }
    const withCounter = await load(origin, 64, duration, null, questions, counted.secret, slug);
    lines.push(row(["POST run, key with counted limits", 64, withCounter.rps.toFixed(1), withCounter.p50, withCounter.p99, withCounter.ok, withCounter.failed], widths));
    await tracedCount(db, withCounter.runIds);

    const at64 = results.find((result) => result.connections === 64)!;
    log("");
    log(`database: ${database}; server: next start (production build); machine: ${(await import("node:os")).cpus().length} cores`);
    for (const line of lines) log(line);
    log(
      `targets at 64 connections: ≥ 30% of the floor's rps: ${at64.rps >= 0.3 * at64.rps_floor ? "met" : "not met"} (${((at64.rps / at64.rps_floor) * 100).toFixed(1)}%); ` +
        `p99 ≤ 250 ms: ${at64.p99_ms <= 250 ? "met" : "not met"} (${at64.p99_ms} ms); 100% traced: ${results.every((result) => result.traced_ratio === 1) ? "met" : "not met"}`,
    );
    if (args.json) console.log(JSON.stringify({ results }));
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    await db.workspace.delete({ where: { id: workspace.id } });
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
