// Runs queued jobs in the background with bounded concurrency: each slot leases a batch of due jobs,
// keeps the batch's lease alive while it runs, and the worker polls for new work when idle.
import type { Db } from "@/server/db/client";
import { baseStatesCaughtUp } from "../base-state-cache";
import { processEmbedJob } from "./embed-document";
import { EMBED_DOCUMENT, leaseJobs, renewLeases, retryLater, INGEST_DOCUMENT, type LeasedJob } from "./job-queue";
import { processDocumentJobs, type JobOutcome } from "./process-document";
import { processReembedJob, REEMBED_BASE } from "./reembed-base";

export interface WorkerOptions {
  /** Batches processed at once (default 2). */
  concurrency?: number;
  /** Most jobs leased and committed together (default 256): one transaction per batch. */
  batchSize?: number;
  /** A batch stops growing once its documents' stored bytes pass this (default 4 MiB; one job always fits). */
  batchBytes?: number;
  /** How often an idle worker looks for due jobs (default 1 s). */
  pollMs?: number;
  /** How long a lease lasts without renewal; a crashed worker's jobs come back after it (default 60 s). */
  leaseMs?: number;
  onOutcome?: (job: LeasedJob, outcome: JobOutcome) => void;
}

export interface Worker {
  /** Stops leasing and waits for the running batches to finish. */
  stop(): Promise<void>;
}

async function runBatch(db: Db, jobs: LeasedJob[], leaseMs: number): Promise<Map<string, JobOutcome>> {
  const heartbeat = setInterval(() => void renewLeases(db, jobs[0].leaseToken, leaseMs).catch(() => undefined), Math.max(leaseMs / 3, 50));
  heartbeat.unref();
  try {
    const outcomes = await processDocumentJobs(db, jobs.filter((job) => job.kind === INGEST_DOCUMENT));
    for (const job of jobs.filter((j) => j.kind !== INGEST_DOCUMENT)) {
      if (job.kind === EMBED_DOCUMENT) outcomes.set(job.id, await processEmbedJob(db, job));
      else if (job.kind === REEMBED_BASE) outcomes.set(job.id, await processReembedJob(db, job));
      else {
        await retryLater(db, job, `No worker handles jobs of kind "${job.kind}"`);
        outcomes.set(job.id, "retry");
      }
    }
    return outcomes;
  } finally {
    clearInterval(heartbeat);
  }
}

// Many small records (CSV/JSONL rows, abstracts) commit in few transactions, so the BM25 statistics
// of a term are updated once per batch rather than once per handful of documents; big files still
// come a few at a time, bounded by bytes in memory.
const DEFAULT_BATCH = 256;
const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

export function startWorker(db: Db, options: WorkerOptions = {}): Worker {
  const concurrency = options.concurrency ?? 2;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const maxBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const active = new Set<Promise<void>>();
  let stopped = false;
  let wake: (() => void) | undefined;

  const start = (jobs: LeasedJob[]) => {
    const running = runBatch(db, jobs, leaseMs)
      .then((outcomes) => jobs.forEach((job) => options.onOutcome?.(job, outcomes.get(job.id) ?? "lost")))
      .catch((error: unknown) => console.error(`A batch of ${jobs.length} job(s) crashed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        active.delete(running);
        wake?.();
      });
    active.add(running);
  };

  const loop = (async () => {
    while (!stopped) {
      let leased = 0;
      while (active.size < concurrency && !stopped) {
        const jobs = await leaseJobs(db, { limit: batchSize, maxBytes, leaseMs }).catch((error: unknown) => {
          console.error(`The job queue could not be read: ${error instanceof Error ? error.message : String(error)}`);
          return [];
        });
        if (jobs.length === 0) break;
        leased += jobs.length;
        start(jobs);
      }
      // Every slot busy, or nothing due: wait for a slot to free up or for the next poll.
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, leased > 0 && active.size < concurrency ? 0 : pollMs);
        // An idle worker must not keep a process (a test, a script) alive by itself.
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await Promise.all(active);
    },
  };
}

/** Runs due jobs (of one document or one base, when named) until none is left; for tests, scripts and inline ingestion. */
export async function drainJobs(db: Db, options: { documentId?: string; knowledgeBaseId?: string; leaseMs?: number; batchSize?: number } = {}): Promise<JobOutcome[]> {
  const leaseMs = options.leaseMs ?? 60_000;
  const outcomes: JobOutcome[] = [];
  for (;;) {
    const jobs = await leaseJobs(db, {
      limit: options.batchSize ?? DEFAULT_BATCH,
      maxBytes: DEFAULT_BATCH_BYTES,
      leaseMs,
      documentId: options.documentId,
      knowledgeBaseId: options.knowledgeBaseId,
    });
    if (jobs.length === 0) {
      // Drained means searchable from here: this process's kept base states have heard of the jobs' writes.
      if (outcomes.length > 0) await baseStatesCaughtUp(db);
      return outcomes;
    }
    const results = await runBatch(db, jobs, leaseMs);
    outcomes.push(...jobs.map((job) => results.get(job.id) ?? "lost"));
  }
}
