// npm run bench:ingest [-- --json] [--data DIR] [--database-url URL] [--concurrency N] [--batch N] [--runs N]
//
// Ingestion end to end: a BEIR corpus (corpus.jsonl: _id, title, text; default SciFact's 5,183
// abstracts) uploaded as one JSONL file — one document per record, title from `title`, `_id` kept as
// metadata — then staged, parsed, chunked, tokenized and indexed by the background worker (no
// embedder). Beside it, in the same run and on the same database, the floor: a bare COPY of the very
// rows ingestion produced (documents, their stored bytes, chunks) into the same tables, with the same
// indexes and triggers. PGlite copies from '/dev/blob'; PostgreSQL via COPY FROM STDIN (pg-copy-streams).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDb, describeDatabase, type Db, type DbHandle, type DbOptions } from "@/server/db/client";
import { enqueueUpload } from "@/server/knowledge/ingest";
import { startWorker } from "@/server/knowledge/jobs/worker";

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    data: { type: "string", default: path.resolve(process.cwd(), "..", "shared", "data", "scifact") },
    "database-url": { type: "string" },
    concurrency: { type: "string", default: "2" },
    // Unset: the worker's defaults, as the app runs it.
    batch: { type: "string" },
    runs: { type: "string", default: "3" },
  },
});

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

function positiveInt(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
  return value;
}

// CSV for COPY: every value quoted, NULL as an unquoted empty field.
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (value instanceof Uint8Array) text = `\\x${Buffer.from(value).toString("hex")}`;
  else if (Array.isArray(value)) text = `{${value.map((item: string) => `"${item.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

interface CopyTable {
  table: string;
  columns: string[];
  rows: unknown[][];
}

function csvOf(table: CopyTable): string {
  return table.rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

async function copyInto(handle: DbHandle, table: CopyTable): Promise<void> {
  const sql = `COPY "${table.table}" (${table.columns.map((c) => `"${c}"`).join(", ")}) FROM ${handle.kind === "pglite" ? "'/dev/blob'" : "STDIN"} WITH (FORMAT csv)`;
  const csv = csvOf(table);
  if (handle.kind === "pglite") {
    await (handle.sql as PGlite).query(sql, [], { blob: new Blob([csv]) });
    return;
  }
  const client = await (handle.sql as pg.Pool).connect();
  try {
    await pipeline(Readable.from([csv]), client.query(copyFrom(sql)));
  } finally {
    client.release();
  }
}

/** The final rows of one base, re-keyed into another base so they can be copied beside the originals. */
async function finalRows(db: Db, knowledgeBaseId: string, intoBaseId: string): Promise<CopyTable[]> {
  const key = (id: string) => `copy-${id}`;
  const documents = await db.document.findMany({ where: { knowledgeBaseId }, include: { source: true } });
  const chunks = await db.chunk.findMany({ where: { knowledgeBaseId } });
  return [
    {
      table: "Document",
      columns: ["id", "workspaceId", "knowledgeBaseId", "title", "fileName", "mimeType", "sizeBytes", "checksum", "status", "error", "chunkCount", "metadata", "createdAt", "updatedAt"],
      rows: documents.map((d) => [key(d.id), d.workspaceId, intoBaseId, d.title, d.fileName, d.mimeType, d.sizeBytes, d.checksum, d.status, d.error, d.chunkCount, d.metadata, d.createdAt, d.updatedAt]),
    },
    {
      table: "DocumentSource",
      columns: ["documentId", "content"],
      rows: documents.flatMap((d) => (d.source ? [[key(d.id), d.source.content]] : [])),
    },
    {
      table: "Chunk",
      columns: ["id", "workspaceId", "knowledgeBaseId", "documentId", "ordinal", "text", "tokens", "tokenCount", "metadata", "disabled"],
      rows: chunks.map((c) => [key(c.id), c.workspaceId, intoBaseId, key(c.documentId), c.ordinal, c.text, c.tokens, c.tokenCount, c.metadata, c.disabled]),
    },
  ];
}

async function untilQueueEmpty(db: Db, knowledgeBaseId: string): Promise<void> {
  while ((await db.job.count({ where: { knowledgeBaseId } })) > 0) await new Promise((resolve) => setTimeout(resolve, 25));
}

interface Run {
  docs: number;
  chunks: number;
  failed: number;
  seconds: number;
  stagedSeconds: number;
  copySeconds: number;
}

/** One ingestion of the corpus into a fresh base, then the bare COPY of its rows into another. */
async function measure(handle: DbHandle, workspaceId: string, content: Uint8Array, worker: { concurrency: number; batchSize?: number }): Promise<Run> {
  const { db } = handle;
  const base = await db.knowledgeBase.create({ data: { workspaceId, name: path.basename(args.data!) } });
  const started = performance.now();
  const staged = await enqueueUpload(db, {
    workspaceId,
    knowledgeBaseId: base.id,
    files: [{ fileName: "corpus.jsonl", content }],
    options: { records: { textField: "text", titleField: "title", metadataFields: ["_id"] } },
  });
  const stagedSeconds = (performance.now() - started) / 1000;
  const running = startWorker(db, { ...worker, pollMs: 20 });
  await untilQueueEmpty(db, base.id);
  await running.stop();
  const seconds = (performance.now() - started) / 1000;

  const docs = await db.document.count({ where: { knowledgeBaseId: base.id, status: "ready" } });
  const chunks = await db.chunk.count({ where: { knowledgeBaseId: base.id } });

  const copyBase = await db.knowledgeBase.create({ data: { workspaceId, name: "bare COPY" } });
  const tables = await finalRows(db, base.id, copyBase.id);
  const copyStarted = performance.now();
  for (const table of tables) await copyInto(handle, table);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const copied = await db.chunk.count({ where: { knowledgeBaseId: copyBase.id } });
  if (copied !== chunks) throw new Error(`The bare COPY wrote ${copied} chunks, not the ${chunks} ingestion wrote`);
  return { docs, chunks, failed: staged.length - docs, seconds, stagedSeconds, copySeconds };
}

async function main(): Promise<void> {
  const concurrency = positiveInt("concurrency", args.concurrency!);
  const batchSize = args.batch === undefined ? undefined : positiveInt("batch", args.batch);
  const runCount = positiveInt("runs", args.runs!);
  const corpusFile = path.join(args.data!, "corpus.jsonl");
  const content = new Uint8Array(
    await readFile(corpusFile).catch((error: unknown) => {
      throw new Error(`Cannot read ${corpusFile}: --data must name a folder in the BEIR layout (corpus.jsonl with _id, title, text)`, { cause: error });
    }),
  );
  const url = args["database-url"] ?? process.env.DATABASE_URL?.trim();
  const dbOptions: DbOptions = url ? { url } : {};
  const database = describeDatabase(dbOptions);
  log(`Ingesting ${corpusFile} (${(content.length / 1024 / 1024).toFixed(1)} MB) on ${database}, ${runCount} run(s)`);

  const handle = await createDb(dbOptions);
  const { db } = handle;
  const workspace = await db.workspace.create({ data: { name: "Ingest benchmark", slug: `bench-ingest-${Date.now().toString(36)}` } });
  const runs: Run[] = [];
  try {
    for (let i = 0; i < runCount; i++) {
      // Each run ingests into fresh bases; the earlier runs' rows are gone so every run starts alike.
      const run = await measure(handle, workspace.id, content, { concurrency, batchSize });
      await db.knowledgeBase.deleteMany({ where: { workspaceId: workspace.id } });
      runs.push(run);
      log(`  run ${i + 1}: ingestion ${run.seconds.toFixed(2)} s, bare COPY ${run.copySeconds.toFixed(2)} s, ${(run.seconds / run.copySeconds).toFixed(2)}×`);
    }
  } finally {
    await db.workspace.delete({ where: { id: workspace.id } });
    await handle.close();
  }

  const byRatio = [...runs].sort((a, b) => a.seconds / a.copySeconds - b.seconds / b.copySeconds);
  const median = byRatio[Math.floor((byRatio.length - 1) / 2)];
  const ratio = median.seconds / median.copySeconds;
  const { docs, chunks, seconds, copySeconds } = median;
  log("");
  log(`database: ${database}; the run with the median ratio of ${runs.length}`);
  log(`${"step".padEnd(50)} ${"docs".padStart(6)} ${"chunks".padStart(7)} ${"seconds".padStart(8)} ${"docs/s".padStart(8)} ${"chunks/s".padStart(9)}`);
  log(`${"ingestion (stage, parse, chunk, tokenize, index)".padEnd(50)} ${String(docs).padStart(6)} ${String(chunks).padStart(7)} ${seconds.toFixed(2).padStart(8)} ${(docs / seconds).toFixed(0).padStart(8)} ${(chunks / seconds).toFixed(0).padStart(9)}`);
  log(`${"  of which staging the upload".padEnd(50)} ${String(docs + median.failed).padStart(6)} ${"".padStart(7)} ${median.stagedSeconds.toFixed(2).padStart(8)}`);
  log(`${"bare COPY of the same rows".padEnd(50)} ${String(docs).padStart(6)} ${String(chunks).padStart(7)} ${copySeconds.toFixed(2).padStart(8)} ${(docs / copySeconds).toFixed(0).padStart(8)} ${(chunks / copySeconds).toFixed(0).padStart(9)}`);
  log(`ingestion / bare COPY: ${ratio.toFixed(2)}× (target ≤ 3×: ${ratio <= 3 ? "met" : "not met"})${median.failed > 0 ? `; ${median.failed} record(s) failed` : ""}`);
  if (runs.length > 1) log(`all runs: ${runs.map((r) => `${(r.seconds / r.copySeconds).toFixed(2)}×`).join(", ")}`);
  if (args.json) {
    const runsJson = runs.map((r) => ({ seconds: Number(r.seconds.toFixed(3)), copy_seconds: Number(r.copySeconds.toFixed(3)), ratio: Number((r.seconds / r.copySeconds).toFixed(2)) }));
    console.log(JSON.stringify({ docs, chunks, seconds: Number(seconds.toFixed(3)), copy_seconds: Number(copySeconds.toFixed(3)), ratio: Number(ratio.toFixed(2)), database, runs: runsJson }));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
