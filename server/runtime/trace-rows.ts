// The database side of the trace writer: each batch of a run's rows (the Run opened, its spans, the
// Run closed with its outcome) in ONE statement, so a batch is written whole or not at all and a
// retried batch never half-applies. The queue is in order and batches are written one after another,
// so a Run's insert is in the same batch as its first span or an earlier one: a span never refers to
// a missing Run. A Run opened and closed in the same batch is inserted final (the statement's UPDATE
// cannot see a row its own INSERT adds).
import pg from "pg";
import { sqlTargetOf, type Db } from "@/server/db/client";
import { poolQuery } from "@/server/db/hot-rows";
import { withSqlSession, type SqlTarget } from "@/server/db/sql-session";
import type { RunOutcome, RunSource } from "@/server/db/generated/client";
import type { FinalRunStatus, SpanRecord } from "./events";
import { toJson } from "./json";

/** `model`: the provider model the node called, when it called one. */
export type TraceSpan = SpanRecord & { kind?: "span"; runId: string; workspaceId: string; model?: string | null };

/** A run started: its Run row exists from the first write on, even if the run then breaks. */
export interface RunOpened {
  kind: "run";
  runId: string;
  workspaceId: string;
  pipelineId: string;
  versionId: string | null;
  source: RunSource;
  apiKeyId: string | null;
  question: string;
  input: object;
  startedAt: Date;
}

/** A run ended, after its last span: the Run row's final state. */
export interface RunClosed {
  kind: "end";
  runId: string;
  status: FinalRunStatus;
  outcome: RunOutcome;
  output: object | null;
  error: string | null;
  durationMs: number;
  tokens: number;
  inputTokens: number;
  outputTokens: number;
}

export type TraceRow = TraceSpan | RunOpened | RunClosed;

// jsonb cannot hold U+0000; an unescaped "\u0000" in the JSON text becomes U+FFFD instead.
const nulEscape = /(?<!\\)((?:\\\\)*)\\u0000/g;

const bigints = (_key: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/**
 * The rows as one JSON document; a bigint becomes its digits, and a value JSON cannot carry becomes
 * a note in its own field only. Without a replacer first: calling one for every value of a batch
 * costs a quarter of the stringify, and bigints are rare.
 */
function documentOf<R extends object>(rows: R[], safe: (row: R) => unknown): string {
  let text: string;
  try {
    text = JSON.stringify(rows);
  } catch {
    try {
      text = JSON.stringify(rows, bigints);
    } catch {
      text = JSON.stringify(rows.map(safe), bigints);
    }
  }
  return text.includes("\\u0000") ? text.replace(nulEscape, "$1\\ufffd") : text;
}

function spanRow(span: TraceSpan) {
  return {
    workspaceId: span.workspaceId,
    runId: span.runId,
    nodeId: span.nodeId,
    nodeType: span.nodeType,
    ordinal: span.ordinal,
    status: span.status,
    inputs: span.inputs as object,
    outputs: span.outputs as object | null,
    logs: span.logs as object,
    error: span.error,
    startedAt: span.startedAt.toISOString(),
    durationMs: Math.round(span.durationMs),
    tokens: span.tokens,
    inputTokens: span.inputTokens ?? 0,
    outputTokens: span.outputTokens ?? 0,
    model: span.model ?? null,
  };
}

// Rows are built as literals: a spread that adds keys its source lacks takes V8 (Node 20) a slow
// path of microseconds per object.
function closeRow(end: RunClosed) {
  return {
    runId: end.runId,
    status: end.status,
    outcome: end.outcome,
    output: end.output,
    error: end.error,
    durationMs: Math.round(end.durationMs),
    tokens: end.tokens,
    inputTokens: end.inputTokens,
    outputTokens: end.outputTokens,
  };
}

/** The Run's insert; final (with its close) when the run also ended in this batch. */
function runRow(run: RunOpened, end: RunClosed | undefined) {
  return {
    runId: run.runId,
    workspaceId: run.workspaceId,
    pipelineId: run.pipelineId,
    versionId: run.versionId,
    source: run.source,
    apiKeyId: run.apiKeyId,
    question: run.question,
    input: run.input,
    startedAt: run.startedAt.toISOString(),
    status: end?.status,
    outcome: end?.outcome,
    output: end?.output,
    error: end?.error,
    durationMs: end && Math.round(end.durationMs),
    tokens: end?.tokens,
    inputTokens: end?.inputTokens,
    outputTokens: end?.outputTokens,
  };
}

/** Splits a batch into Run inserts (final when the run also closed in it), spans, and closes of earlier Runs. */
export function traceRowsOf(batch: TraceRow[]) {
  const ends = new Map<string, RunClosed>();
  for (const item of batch) if (item.kind === "end") ends.set(item.runId, item);
  const runs: ReturnType<typeof runRow>[] = [];
  const spans: ReturnType<typeof spanRow>[] = [];
  for (const item of batch) {
    if (item.kind === "run") {
      runs.push(runRow(item, ends.get(item.runId)));
      ends.delete(item.runId);
    } else if (item.kind !== "end") spans.push(spanRow(item));
  }
  return { runs, spans, closed: [...ends.values()].map(closeRow) };
}

/**
 * One statement per batch, its rows sent as JSON documents: row by row costs hundreds of microseconds
 * each. Sent on the connection under Prisma: Prisma's handling of a parameter of hundreds of kilobytes
 * costs several times the statement's own client-side work.
 */
export function spanWriter(db: Db): (rows: TraceRow[]) => Promise<void> {
  const send = batchSender(sqlTargetOf(db));
  return async (batch) => {
    const { runs, spans, closed } = traceRowsOf(batch);
    const runsJson = documentOf(runs, (run) => ({ ...run, input: toJson(run.input), ...(run.output ? { output: toJson(run.output) } : {}) }));
    const spansJson = documentOf(spans, (row) => ({ ...row, inputs: toJson(row.inputs), outputs: row.outputs && toJson(row.outputs), logs: toJson(row.logs) }));
    const closedJson = documentOf(closed, (end) => ({ ...end, output: end.output && toJson(end.output) }));
    await send([runsJson, spansJson, closedJson]);
  };
}

/** On PostgreSQL a named statement: parsed and planned once per connection instead of once per batch. */
function batchSender(target: SqlTarget): (values: string[]) => Promise<unknown> {
  if (target instanceof pg.Pool) return (values) => poolQuery(target, BATCH, values);
  return (values) => withSqlSession(target, (session) => session.query(BATCH, values));
}

const BATCH = `
      WITH opened AS (
        INSERT INTO "Run" ("id", "workspaceId", "pipelineId", "versionId", "source", "apiKeyId", "status", "outcome", "question", "input", "output", "error", "startedAt", "durationMs", "tokens", "inputTokens", "outputTokens")
        SELECT r."runId", r."workspaceId", r."pipelineId", r."versionId", r.source::"RunSource", r."apiKeyId", coalesce(r.status, 'running')::"RunStatus", r.outcome::"RunOutcome",
               r.question, r.input, r.output, r.error, r."startedAt", r."durationMs", coalesce(r.tokens, 0), coalesce(r."inputTokens", 0), coalesce(r."outputTokens", 0)
        FROM jsonb_to_recordset($1::jsonb) AS r(
          "runId" text, "workspaceId" text, "pipelineId" text, "versionId" text, source text, "apiKeyId" text, status text, outcome text, question text, input jsonb,
          output jsonb, error text, "startedAt" timestamp(3), "durationMs" integer, tokens integer, "inputTokens" integer, "outputTokens" integer
        )
      ), spans AS (
        INSERT INTO "Span" ("id", "workspaceId", "runId", "nodeId", "nodeType", "ordinal", "status", "inputs", "outputs", "logs", "error", "startedAt", "durationMs", "tokens", "inputTokens", "outputTokens", "model")
        SELECT gen_random_uuid()::text, s."workspaceId", s."runId", s."nodeId", s."nodeType", s.ordinal, s.status::"SpanStatus", s.inputs, s.outputs, s.logs, s.error, s."startedAt", s."durationMs", s.tokens, s."inputTokens", s."outputTokens", s.model
        FROM jsonb_to_recordset($2::jsonb) AS s(
          "workspaceId" text, "runId" text, "nodeId" text, "nodeType" text, ordinal integer, status text, inputs jsonb, outputs jsonb,
          logs jsonb, error text, "startedAt" timestamp(3), "durationMs" integer, tokens integer, "inputTokens" integer, "outputTokens" integer, model text
        )
      )
      UPDATE "Run" SET status = c.status::"RunStatus", outcome = c.outcome::"RunOutcome", output = c.output, error = c.error, "durationMs" = c."durationMs",
             tokens = c.tokens, "inputTokens" = c."inputTokens", "outputTokens" = c."outputTokens"
      FROM jsonb_to_recordset($3::jsonb) AS c(
        "runId" text, status text, outcome text, output jsonb, error text, "durationMs" integer, tokens integer, "inputTokens" integer, "outputTokens" integer
      )
      WHERE "Run".id = c."runId"`;
