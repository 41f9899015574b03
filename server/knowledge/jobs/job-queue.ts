// The Postgres-backed job queue behind ingestion. Why not pg-boss or graphile-worker: both need a real
// server (LISTEN/NOTIFY, several connections, their own schemas), and the embedded PGlite must give the
// same guarantees. A `Job` row exists while work is pending; a worker leases rows with
// `FOR UPDATE SKIP LOCKED` (so two workers never take the same row), and the lease expires by itself,
// so a crashed worker's job is leased again. The job row is deleted (or handed on to its next stage) in
// the transaction that commits the work's result, which is what makes processing exactly-once. All
// times come from the database's clock, so workers on several machines agree.
import { randomUUID } from "node:crypto";
import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/client";

/** What a transaction callback receives: the queue's writes join the caller's transaction. */
export type Tx = Prisma.TransactionClient;

export const INGEST_DOCUMENT = "ingest-document";
/** A document whose chunks are committed and whose base has an embedder: embedding is still to do. */
export const EMBED_DOCUMENT = "embed-document";

export interface LeasedJob {
  id: string;
  kind: string;
  workspaceId: string;
  knowledgeBaseId: string;
  documentId: string | null;
  attempts: number;
  maxAttempts: number;
  leaseToken: string;
}

/** Queues (or re-queues, from scratch) the ingestion of one document. */
export async function enqueueDocumentJob(tx: Tx | Db, job: { workspaceId: string; knowledgeBaseId: string; documentId: string }): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "workspaceId", "knowledgeBaseId", "documentId", "runAt", "createdAt")
    VALUES (${randomUUID()}, ${INGEST_DOCUMENT}, ${job.workspaceId}, ${job.knowledgeBaseId}, ${job.documentId}, now(), now())
    ON CONFLICT ("documentId") DO UPDATE
    SET "runAt" = now(), "leaseToken" = NULL, "leaseUntil" = NULL, "attempts" = 0, "lastError" = NULL`;
}

/** Queues (or re-queues) many documents of one base in one statement. */
export async function enqueueDocumentJobs(tx: Tx | Db, jobs: { workspaceId: string; knowledgeBaseId: string; documentIds: string[] }): Promise<void> {
  if (jobs.documentIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "workspaceId", "knowledgeBaseId", "documentId", "runAt", "createdAt")
    SELECT gen_random_uuid()::text, ${INGEST_DOCUMENT}, ${jobs.workspaceId}, ${jobs.knowledgeBaseId}, d, now(), now()
    FROM unnest(${jobs.documentIds}::text[]) AS d
    ON CONFLICT ("documentId") DO UPDATE
    SET "runAt" = now(), "leaseToken" = NULL, "leaseUntil" = NULL, "attempts" = 0, "lastError" = NULL`;
}

/** Queues every document of the base that has stored bytes; returns how many. */
export async function enqueueKnowledgeBaseJobs(tx: Tx, knowledgeBaseId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "workspaceId", "knowledgeBaseId", "documentId", "runAt", "createdAt")
    SELECT gen_random_uuid()::text, ${INGEST_DOCUMENT}, d."workspaceId", d."knowledgeBaseId", d."id", now(), now()
    FROM "Document" d JOIN "DocumentSource" s ON s."documentId" = d."id"
    WHERE d."knowledgeBaseId" = ${knowledgeBaseId}
    ON CONFLICT ("documentId") DO UPDATE
    SET "runAt" = now(), "leaseToken" = NULL, "leaseUntil" = NULL, "attempts" = 0, "lastError" = NULL`;
}

export interface LeaseOptions {
  limit: number;
  leaseMs: number;
  /**
   * Stop adding jobs once their documents' stored bytes pass this many (the first job is always
   * taken): a batch of small records is large — one commit, one statistics update for all of them —
   * while a batch of big files stays within memory.
   */
  maxBytes?: number;
  /** Only this document's job (used to ingest one document inline). */
  documentId?: string;
  /** Only this base's jobs. */
  knowledgeBaseId?: string;
}

/** Takes up to `limit` due jobs (within `maxBytes`) whose lease is free or expired; each attempt counts. */
export async function leaseJobs(db: Db, options: LeaseOptions): Promise<LeasedJob[]> {
  const leaseToken = randomUUID();
  const only = Prisma.sql`${options.documentId === undefined ? Prisma.empty : Prisma.sql`AND j."documentId" = ${options.documentId}`} ${
    options.knowledgeBaseId === undefined ? Prisma.empty : Prisma.sql`AND j."knowledgeBaseId" = ${options.knowledgeBaseId}`
  }`;
  // The candidates stay locked (SKIP LOCKED keeps other workers off them) until the chosen ones are leased.
  const rows = await db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string; size: number }>>`
      SELECT j."id", coalesce(d."sizeBytes", 0)::int AS size
      FROM "Job" j LEFT JOIN "Document" d ON d."id" = j."documentId"
      WHERE j."runAt" <= now() AND (j."leaseUntil" IS NULL OR j."leaseUntil" < now()) ${only}
      ORDER BY j."runAt", j."createdAt"
      LIMIT ${options.limit}
      FOR UPDATE OF j SKIP LOCKED`;
    const chosen: string[] = [];
    let bytes = 0;
    for (const job of due) {
      if (chosen.length > 0 && options.maxBytes !== undefined && bytes + job.size > options.maxBytes) break;
      chosen.push(job.id);
      bytes += job.size;
    }
    if (chosen.length === 0) return [];
    return tx.$queryRaw<Omit<LeasedJob, "leaseToken">[]>`
      UPDATE "Job"
      SET "leaseToken" = ${leaseToken}, "leaseUntil" = now() + ${options.leaseMs} * interval '1 millisecond', "attempts" = "attempts" + 1
      WHERE "id" = ANY(${chosen}::text[])
      RETURNING "id", "kind", "workspaceId", "knowledgeBaseId", "documentId", "attempts", "maxAttempts"`;
  });
  return rows.map((row) => ({ ...row, leaseToken }));
}

/** Keeps the leases of one lease call alive while its jobs run. */
export async function renewLeases(db: Db, leaseToken: string, leaseMs: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "Job" SET "leaseUntil" = now() + ${leaseMs} * interval '1 millisecond' WHERE "leaseToken" = ${leaseToken}`;
}

/**
 * Inside the transaction that commits jobs' results: locks the job rows this worker still holds and
 * returns their ids; the others' results must not be written (another worker owns them now). The
 * caller then deletes the held jobs (`deleteJobs`) or hands them on to a next stage (`requeueAs`).
 */
export async function holdJobs(tx: Tx, jobs: readonly LeasedJob[]): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const held = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Job" WHERE "id" = ANY(${jobs.map((j) => j.id)}::text[]) AND "leaseToken" = ${jobs[0].leaseToken} FOR UPDATE`;
  return new Set(held.map((row) => row.id));
}

export async function deleteJobs(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.$executeRaw`DELETE FROM "Job" WHERE "id" = ANY(${[...ids]}::text[])`;
}

/** The same jobs, due now as another kind of work (a next stage), with fresh attempts. */
export async function requeueAs(tx: Tx, ids: readonly string[], kind: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Job" SET "kind" = ${kind}, "runAt" = now(), "leaseToken" = NULL, "leaseUntil" = NULL, "attempts" = 0, "lastError" = NULL
    WHERE "id" = ANY(${[...ids]}::text[])`;
}

/** Backoff before attempt n+1: 2 s, 4 s, 8 s, … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 5 * 60_000);
}

/** Releases a failed attempt for a later retry; false when the lease was already lost. */
export async function retryLater(db: Db, job: LeasedJob, reason: string): Promise<boolean> {
  const released = await db.$executeRaw`
    UPDATE "Job"
    SET "leaseToken" = NULL, "leaseUntil" = NULL, "lastError" = ${reason},
        "runAt" = now() + ${backoffMs(job.attempts)} * interval '1 millisecond'
    WHERE "id" = ${job.id} AND "leaseToken" = ${job.leaseToken}`;
  return released === 1;
}
