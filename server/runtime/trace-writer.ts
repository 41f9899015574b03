// Writes spans to the database off the hot path: a run only appends to a queue; the queue is written
// in batches on a short timer, or at once when a batch is full. A failed write is retried with
// backoff; a batch that still fails is reported loudly and counted, never dropped in silence.
// The queue is bounded by back-pressure, not by refusal: a run about to start waits (`admit`) while
// `maxQueue` spans are waiting, so a slow database slows new runs down instead of losing traces.
// Per run, the writer counts runs ended against runs whose every span was written.
import type { Db } from "@/server/db/client";
import type { SpanRecord } from "./events";
import { toJson } from "./json";

/** `model`: the provider model the node called, when it called one. */
export type TraceSpan = SpanRecord & { runId: string; workspaceId: string; model?: string | null };

/** What the writer queues: a span, or any other row of a run's trace (a rejected call's Run row). */
export interface TraceItem {
  runId: string;
}

export interface TraceWriterOptions<T extends TraceItem = TraceSpan> {
  /** Writes one batch; throws when it did not. */
  write: (spans: T[]) => Promise<void>;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Spans waiting before `admit` makes new runs wait for the queue to drain below it. */
  maxQueue?: number;
  /** Tries per batch before it is given up. */
  maxAttempts?: number;
  /** First retry delay; doubled on each further attempt. */
  retryDelayMs?: number;
  /** Where failures are reported. */
  report?: (message: string) => void;
}

export interface TraceWriterStats {
  enqueued: number;
  written: number;
  pending: number;
  failedAttempts: number;
  dropped: number;
  lastError: string | null;
  /** Times a run had to wait in `admit` because the queue was full. */
  admissionWaits: number;
  /** Runs that told the writer they ended (`endRun`). */
  runsEnded: number;
  /** Ended runs whose every span is written. */
  runsTraced: number;
  /** Ended runs that lost a span to a batch given up after its last attempt. */
  runsLost: number;
}

export interface TraceWriter<T extends TraceItem = TraceSpan> {
  /** Resolves when the queue has room for another run's spans (at once, unless the database lags). */
  admit(): Promise<void>;
  enqueue(span: T): void;
  /** The run enqueued its last span: it counts as traced once they are all written. */
  endRun(runId: string): void;
  /** Resolves once every span enqueued before the call is written (or given up). */
  flush(): Promise<void>;
  stats(): TraceWriterStats;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createTraceWriter<T extends TraceItem = TraceSpan>(options: TraceWriterOptions<T>): TraceWriter<T> {
  const batchSize = options.batchSize ?? 500;
  const flushIntervalMs = options.flushIntervalMs ?? 20;
  const maxQueue = options.maxQueue ?? 100_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const report = options.report ?? ((message: string) => console.error(`[trace] ${message}`));

  let queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let soon: ReturnType<typeof setImmediate> | null = null;
  let draining: Promise<void> | null = null;
  const stats: TraceWriterStats = {
    enqueued: 0,
    written: 0,
    pending: 0,
    failedAttempts: 0,
    dropped: 0,
    lastError: null,
    admissionWaits: 0,
    runsEnded: 0,
    runsTraced: 0,
    runsLost: 0,
  };
  const waiting: (() => void)[] = [];
  // Per run still being traced: spans not yet written, whether the run ended, whether a span was lost.
  const runs = new Map<string, { pending: number; ended: boolean; lost: boolean }>();

  const settleRun = (runId: string) => {
    const run = runs.get(runId);
    if (!run || !run.ended || run.pending > 0) return;
    runs.delete(runId);
    if (run.lost) stats.runsLost++;
    else stats.runsTraced++;
  };

  const batchDone = (batch: T[], lost: boolean) => {
    const touched = new Set<string>();
    for (const span of batch) {
      const run = runs.get(span.runId);
      if (!run) continue;
      run.pending--;
      run.lost ||= lost;
      touched.add(span.runId);
    }
    for (const runId of touched) settleRun(runId);
  };

  const writeWithRetry = async (batch: T[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.write(batch);
        stats.written += batch.length;
        batchDone(batch, false);
        return;
      } catch (error) {
        stats.failedAttempts++;
        stats.lastError = messageOf(error);
        if (attempt >= maxAttempts) {
          stats.dropped += batch.length;
          batchDone(batch, true);
          report(`gave up writing ${batch.length} span(s) after ${attempt} attempts: ${stats.lastError} (${stats.dropped} dropped in total)`);
          return;
        }
        const delay = retryDelayMs * 2 ** (attempt - 1);
        report(`writing ${batch.length} span(s) failed (attempt ${attempt} of ${maxAttempts}), retrying in ${delay} ms: ${stats.lastError}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.length <= batchSize ? queue : queue.slice(0, batchSize);
      queue = queue.length <= batchSize ? [] : queue.slice(batchSize);
      await writeWithRetry(batch);
      stats.pending -= batch.length;
      while (waiting.length > 0 && stats.pending < maxQueue) waiting.shift()?.();
    }
  };

  const startDrain = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (soon) clearImmediate(soon);
    timer = soon = null;
    draining ??= drain().finally(() => {
      draining = null;
      // Spans that arrived during the last write wait for the timer like any others.
      if (queue.length > 0) schedule();
    });
    return draining;
  };

  const schedule = () => {
    if (draining) return;
    // A full batch goes out on the next turn of the event loop, never inside the caller's enqueue.
    if (queue.length >= batchSize) soon ??= setImmediate(startDrain);
    else timer ??= setTimeout(startDrain, flushIntervalMs);
  };

  return {
    admit() {
      if (stats.pending < maxQueue) return Promise.resolve();
      stats.admissionWaits++;
      if (stats.admissionWaits === 1 || stats.admissionWaits % 1000 === 0) {
        report(`trace queue is full (${stats.pending} spans waiting, last error: ${stats.lastError ?? "none"}): new runs wait for it (${stats.admissionWaits} waits so far)`);
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    enqueue(span) {
      // Never refused: a run admitted before the queue filled still writes every span it makes.
      queue.push(span);
      stats.enqueued++;
      stats.pending++;
      const run = runs.get(span.runId);
      if (run) run.pending++;
      else runs.set(span.runId, { pending: 1, ended: false, lost: false });
      schedule();
    },
    endRun(runId) {
      stats.runsEnded++;
      const run = runs.get(runId);
      if (run) run.ended = true;
      else runs.set(runId, { pending: 0, ended: true, lost: false });
      settleRun(runId);
    },
    async flush() {
      while (stats.pending > 0) await startDrain();
    },
    stats: () => ({ ...stats }),
  };
}

// jsonb cannot hold U+0000; an unescaped "\u0000" in the JSON text becomes U+FFFD instead.
const nulEscape = /(?<!\\)((?:\\\\)*)\\u0000/g;

function batchJson(spans: TraceSpan[]): string {
  const rows = spans.map((span) => ({
    workspaceId: span.workspaceId,
    runId: span.runId,
    nodeId: span.nodeId,
    nodeType: span.nodeType,
    ordinal: span.ordinal,
    status: span.status,
    inputs: span.inputs,
    outputs: span.outputs,
    logs: span.logs,
    error: span.error,
    startedAt: span.startedAt.toISOString(),
    durationMs: Math.round(span.durationMs),
    tokens: span.tokens,
    inputTokens: span.inputTokens ?? 0,
    outputTokens: span.outputTokens ?? 0,
    model: span.model ?? null,
  }));
  let text: string;
  try {
    text = JSON.stringify(rows, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    // Some value JSON cannot carry: convert field by field, so only that field becomes a note.
    text = JSON.stringify(rows.map((row) => ({ ...row, inputs: toJson(row.inputs), outputs: row.outputs && toJson(row.outputs), logs: toJson(row.logs) })));
  }
  return text.replace(nulEscape, "$1\\ufffd");
}

/**
 * The database side: one INSERT per batch, its rows sent as a single JSON document. Row by row through
 * `createMany` costs hundreds of microseconds per span on the embedded database; this costs a few.
 */
export function spanWriter(db: Db): (spans: TraceSpan[]) => Promise<void> {
  return async (spans) => {
    await db.$executeRaw`
      INSERT INTO "Span" ("id", "workspaceId", "runId", "nodeId", "nodeType", "ordinal", "status", "inputs", "outputs", "logs", "error", "startedAt", "durationMs", "tokens", "inputTokens", "outputTokens", "model")
      SELECT gen_random_uuid()::text, s."workspaceId", s."runId", s."nodeId", s."nodeType", s.ordinal, s.status::"SpanStatus", s.inputs, s.outputs, s.logs, s.error, s."startedAt", s."durationMs", s.tokens, s."inputTokens", s."outputTokens", s.model
      FROM jsonb_to_recordset(${batchJson(spans)}::jsonb) AS s(
        "workspaceId" text, "runId" text, "nodeId" text, "nodeType" text, ordinal integer, status text, inputs jsonb, outputs jsonb,
        logs jsonb, error text, "startedAt" timestamp(3), "durationMs" integer, tokens integer, "inputTokens" integer, "outputTokens" integer, model text
      )`;
  };
}

const writers = new WeakMap<Db, TraceWriter>();

/** The process's trace writer for a database client. */
export function traceWriterFor(db: Db): TraceWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = createTraceWriter({ write: spanWriter(db) });
    writers.set(db, writer);
  }
  return writer;
}
