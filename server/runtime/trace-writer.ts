// Writes traces to the database off the hot path (a run's Run row and spans: trace-rows.ts): a run
// only appends to a queue; the queue is written in batches on a short timer, or at once when a batch
// is full. A failed write is retried with backoff; a batch that still fails is reported loudly and
// counted, never dropped in silence.
// The queue is bounded by back-pressure, not by refusal: a run about to start waits (`admit`) while
// `maxQueue` spans are waiting, so a slow database slows new runs down instead of losing traces.
// Per run, the writer counts runs ended against runs whose every row was written.
// A run's rows may be held back until it ends (`holdOpenRunsMs`), so that a short run is written in
// one batch: its Run row inserted final, rather than inserted and then updated, which writes a
// second version of the row and of every index entry it has (the question's trigrams included).
import type { Db } from "@/server/db/client";
import { spanWriter, type TraceRow } from "./trace-rows";

export { spanWriter, type RunClosed, type RunOpened, type TraceRow, type TraceSpan } from "./trace-rows";

/** What the writer queues: a row of a run's trace (its Run opened or closed, a span, a rejected call's Run). */
export interface TraceItem {
  runId: string;
}

export interface TraceWriterOptions<T extends TraceItem = TraceRow> {
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
  /** How long the rows of a run that has not ended yet may wait for its end; 0: written as they come. */
  holdOpenRunsMs?: number;
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

export interface TraceWriter<T extends TraceItem = TraceRow> {
  /** Resolves when the queue has room for another run's spans (at once, unless the database lags). */
  admit(): Promise<void>;
  enqueue(span: T): void;
  /** The run enqueued its last span: it counts as traced once they are all written. */
  endRun(runId: string): void;
  /** Resolves once every span enqueued before the call is written (or given up). */
  flush(): Promise<void>;
  /** Resolves once the run's rows queued so far are written (or given up): read-your-writes for one run, held or not. */
  written(runId: string): Promise<void>;
  stats(): TraceWriterStats;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createTraceWriter<T extends TraceItem = TraceRow>(options: TraceWriterOptions<T>): TraceWriter<T> {
  const batchSize = options.batchSize ?? 500;
  const flushIntervalMs = options.flushIntervalMs ?? 20;
  const maxQueue = options.maxQueue ?? 100_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const report = options.report ?? ((message: string) => console.error(`[trace] ${message}`));
  const holdOpenRunsMs = options.holdOpenRunsMs ?? 0;

  let queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let soon: ReturnType<typeof setImmediate> | null = null;
  let draining: Promise<void> | null = null;
  // Rows left in the queue by the last batch taken because their runs were held.
  let held = 0;
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
  // Per run still being traced: spans not yet written, whether the run ended, whether a span was lost,
  // when its first row came (and whether a reader asked for its rows now: `written`).
  const runs = new Map<string, { pending: number; ended: boolean; lost: boolean; since: number; release?: boolean; waiters?: (() => void)[] }>();

  const settleRun = (runId: string) => {
    const run = runs.get(runId);
    if (run && run.pending === 0 && run.waiters) {
      for (const resolve of run.waiters) resolve();
      run.waiters = undefined;
    }
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

  const isHeld = (item: T, now: number) => {
    const run = runs.get(item.runId);
    return run !== undefined && !run.ended && !run.release && now - run.since < holdOpenRunsMs;
  };

  /** The next batch, in queue order; rows of held runs stay queued (all of a run's rows alike, so a Run still precedes its spans). */
  const takeBatch = (force: boolean): T[] => {
    if (force || holdOpenRunsMs <= 0) {
      held = 0;
      const batch = queue.length <= batchSize ? queue : queue.slice(0, batchSize);
      queue = queue.length <= batchSize ? [] : queue.slice(batchSize);
      return batch;
    }
    const now = Date.now();
    const batch: T[] = [];
    const rest: T[] = [];
    for (const item of queue) (batch.length < batchSize && !isHeld(item, now) ? batch : rest).push(item);
    queue = rest;
    held = batch.length < batchSize ? rest.length : 0;
    return batch;
  };

  const drain = async (force: boolean) => {
    for (;;) {
      const batch = takeBatch(force);
      if (batch.length === 0) return;
      await writeWithRetry(batch);
      stats.pending -= batch.length;
      while (waiting.length > 0 && stats.pending < maxQueue) waiting.shift()?.();
    }
  };

  const startDrain = (force = false): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (soon) clearImmediate(soon);
    timer = soon = null;
    draining ??= drain(force).finally(() => {
      draining = null;
      // Spans that arrived during the last write wait for the timer like any others.
      if (queue.length > 0) schedule();
    });
    return draining;
  };

  const schedule = () => {
    if (draining) return;
    // A full batch goes out on the next turn of the event loop, never inside the caller's enqueue
    // (held rows do not count: they would make every enqueue rescan the queue).
    if (queue.length - held >= batchSize) soon ??= setImmediate(() => void startDrain());
    else timer ??= setTimeout(() => void startDrain(), flushIntervalMs);
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
      else runs.set(span.runId, { pending: 1, ended: false, lost: false, since: Date.now() });
      schedule();
    },
    endRun(runId) {
      stats.runsEnded++;
      const run = runs.get(runId);
      if (run) run.ended = true;
      else runs.set(runId, { pending: 0, ended: true, lost: false, since: Date.now() });
      settleRun(runId);
    },
    async flush() {
      while (stats.pending > 0) await startDrain(true);
    },
    written(runId) {
      const run = runs.get(runId);
      if (!run || run.pending === 0) return Promise.resolve();
      run.release = true;
      return new Promise<void>((resolve) => (run.waiters ??= []).push(resolve));
    },
    stats: () => ({ ...stats }),
  };
}

const writers = new WeakMap<Db, TraceWriter>();

/**
 * How long a run's rows wait for its end: an offline run ends well within it and is written whole; a
 * run waiting on a model shows as running on the runs page from then on.
 */
export const HOLD_OPEN_RUNS_MS = 1_000;

/** The process's trace writer for a database client. */
export function traceWriterFor(db: Db): TraceWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = createTraceWriter({ write: spanWriter(db), holdOpenRunsMs: HOLD_OPEN_RUNS_MS });
    writers.set(db, writer);
  }
  return writer;
}
