// Re-embedding a whole base after its embedder changed, as a job on the ingestion queue (kind
// "reembed-base", one per base, no document). Enqueueing drops the base's vectors and LSA fit and
// queues the job in one transaction, so dense search never mixes two embedders' vectors. The job then
// embeds the base's chunks in id order, a page at a time; each page's vectors and the job's `cursor`
// (the last chunk id done) and `progress` commit together while the worker still holds the job, so a
// crashed run is leased again after its lease expires and resumes after the cursor — and a run whose
// job was replaced (the embedder changed again) writes nothing more. LSA is fitted once at the start
// and saved, so a resumed run embeds with the same fit. Text embedders read the embedding cache, so
// texts embedded before (by an earlier run, or before a switch back) are not computed again.
import type { Db } from "@/server/db/client";
import { embedderSettingsOf } from "../retrieval/embedders";
import { chunkPages, embedRows, fitLsaOnBase, withIndex, type LsaModel } from "../retrieval/embed-chunks";
import { loadLsa } from "../retrieval/lsa-store";
import { deleteVectors, writeVectors } from "../retrieval/vectors";
import { backoffMs, deleteJobs, holdJobs, type LeasedJob, type Tx } from "./job-queue";
import type { JobOutcome } from "./process-document";

export const REEMBED_BASE = "reembed-base";

// Small enough that a crash loses little work and progress moves visibly; USE lite takes ~1 s a page.
const PAGE = 64;

// A run that failed `maxAttempts` times waits for a person: it stays as the record of why, until the
// embedder is saved again (which replaces it). Far in the future rather than 'infinity': Prisma reads dates.
export const PARKED = new Date("9999-12-31T00:00:00Z");

/** Drops the base's vectors and LSA fit and queues a fresh re-embed (replacing any running one), in the caller's transaction. */
export async function enqueueReembed(tx: Tx, base: { workspaceId: string; knowledgeBaseId: string }): Promise<void> {
  const { workspaceId, knowledgeBaseId } = base;
  await tx.job.deleteMany({ where: { knowledgeBaseId, kind: REEMBED_BASE } });
  await deleteVectors(tx, knowledgeBaseId);
  await tx.lsaModel.deleteMany({ where: { knowledgeBaseId } });
  const total = await tx.chunk.count({ where: { knowledgeBaseId, disabled: false } });
  await tx.job.create({ data: { kind: REEMBED_BASE, workspaceId, knowledgeBaseId, total } });
}

export interface ReembedState {
  running: boolean;
  /** Chunks embedded so far, of `total` (the base's enabled chunks when the run was queued). */
  progress: number;
  total: number;
  /** Why the last attempt failed: while `running`, it is being retried; otherwise it gave up. */
  error: string | null;
}

export async function reembedState(db: Db, knowledgeBaseId: string): Promise<ReembedState> {
  const job = await db.job.findFirst({ where: { knowledgeBaseId, kind: REEMBED_BASE }, orderBy: { createdAt: "desc" } });
  if (!job) return { running: false, progress: 0, total: 0, error: null };
  const parked = job.runAt.getTime() >= PARKED.getTime();
  return { running: !parked, progress: job.progress, total: Math.max(job.total, job.progress), error: job.lastError };
}

async function lsaFor(db: Db, knowledgeBaseId: string, dimensions: number): Promise<LsaModel> {
  const saved = await loadLsa(db, knowledgeBaseId);
  return saved && saved.dimensions === dimensions ? withIndex(saved) : fitLsaOnBase(db, knowledgeBaseId, dimensions);
}

/** Commits inside a transaction only while the worker still holds the job; false when it lost it. */
async function whileHeld(db: Db, job: LeasedJob, write: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      if (!(await holdJobs(tx, [job])).has(job.id)) return false;
      await write(tx);
      return true;
    },
    { timeout: 60_000 },
  );
}

async function failed(db: Db, job: LeasedJob, error: unknown): Promise<JobOutcome> {
  const reason = error instanceof Error ? error.message : String(error);
  const giveUp = job.attempts >= job.maxAttempts;
  const runAt = giveUp ? PARKED : new Date(Date.now() + backoffMs(job.attempts));
  const released = await db.job.updateMany({ where: { id: job.id, leaseToken: job.leaseToken }, data: { leaseToken: null, leaseUntil: null, lastError: reason, runAt } });
  if (released.count === 0) return "lost";
  return giveUp ? "failed" : "retry";
}

export async function processReembedJob(db: Db, job: LeasedJob): Promise<JobOutcome> {
  try {
    const row = await db.job.findUnique({ where: { id: job.id }, select: { cursor: true, progress: true } });
    if (!row) return "lost";
    const base = { workspaceId: job.workspaceId, knowledgeBaseId: job.knowledgeBaseId };
    const settings = await embedderSettingsOf(db, base.workspaceId, base.knowledgeBaseId);
    const lsa = settings.kind === "lsa" ? await lsaFor(db, base.knowledgeBaseId, settings.dimensions) : null;
    let progress = row.progress;
    if (settings.kind !== "none") {
      for await (const page of chunkPages(db, base.knowledgeBaseId, { after: row.cursor, pageSize: PAGE })) {
        const { vectors } = await embedRows(db, base, settings, page, lsa);
        progress += page.length;
        const cursor = page[page.length - 1].id;
        const kept = await whileHeld(db, job, async (tx) => {
          await writeVectors(tx, base.knowledgeBaseId, vectors);
          await tx.job.update({ where: { id: job.id }, data: { cursor, progress, lastError: null } });
        });
        if (!kept) return "lost";
      }
    }
    return (await whileHeld(db, job, (tx) => deleteJobs(tx, [job.id]))) ? "ready" : "lost";
  } catch (error) {
    return failed(db, job, error);
  }
}
