// Leased ingestion jobs, in batches: parse → chunk → analyse each document in memory, then one
// transaction that swaps the documents' chunks, sets them ready (or failed, with the reason) and
// deletes their jobs — or, when the base has an embedder, leaves them "indexing" with their jobs handed
// on to the embedding stage (./embed-document.ts). Re-running a job (after a crash, or a lost lease) yields the same rows, never
// duplicates: that transaction first deletes whatever chunks the document had, and commits only the
// jobs this worker still holds.
import type { Db } from "@/server/db/client";
import { chunkerSettings } from "@/nodes/chunker-settings";
import { chunkDocument } from "../chunkers/chunk-document";
import type { ChunkMetadata } from "../chunk";
import { formatOfMimeType } from "../parse/detect-format";
import { parseDocument } from "../parse/parse-document";
import { IngestError } from "../parse/parsed-document";
import { chunkTokens } from "../tokenize";
import { embedderSettings } from "@/nodes/knowledge-settings";
import { deleteJobs, EMBED_DOCUMENT, holdJobs, requeueAs, retryLater, type LeasedJob } from "./job-queue";

/** "indexing": chunks committed, embedding queued as the next stage. */
export type JobOutcome = "ready" | "indexing" | "failed" | "retry" | "lost";

type Stage = "parsing" | "chunking" | "indexing";

// Stage changes are written only when a batch takes long enough for a person to see them.
const STAGE_WRITE_AFTER_MS = 250;

async function loadDocuments(db: Db, ids: string[]) {
  return db.document.findMany({ where: { id: { in: ids } }, include: { source: true, knowledgeBase: { select: { chunker: true, embedder: true } } } });
}

type Loaded = Awaited<ReturnType<typeof loadDocuments>>[number];

type Result =
  | { document: Loaded; title: string; rows: Array<{ text: string; tokens: string[]; metadata: ChunkMetadata }> }
  | { document: Loaded; failure: string };

async function analyse(document: Loaded, onStage: (stage: Stage) => Promise<void>): Promise<Result> {
  try {
    const format = formatOfMimeType(document.mimeType);
    if (!format) throw new IngestError(`"${document.fileName}" has an unsupported type (${document.mimeType})`);
    if (!document.source) throw new IngestError(`"${document.fileName}" has no stored file: upload it again`);
    const parsed = await parseDocument(format, document.source.content, document.fileName);
    await onStage("chunking");
    const settings = chunkerSettings.safeParse(document.knowledgeBase.chunker);
    if (!settings.success) throw new IngestError(`The knowledge base's chunker settings are invalid: ${settings.error.issues[0]?.message}`);
    const chunks = await chunkDocument(parsed, settings.data);
    if (chunks.length === 0) throw new IngestError(`"${document.fileName}" yielded no text to index`);
    await onStage("indexing");
    const fields = document.metadata && typeof document.metadata === "object" && Object.keys(document.metadata).length > 0 ? (document.metadata as Record<string, unknown>) : undefined;
    const title = parsed.title ?? document.title;
    // BM25 indexes the document's title and the chunk's heading path as weighted fields beside its text.
    const rows = chunks.map((chunk) => ({
      text: chunk.text,
      tokens: chunkTokens(chunk.text, { title, heading: chunk.heading }),
      metadata: { start: chunk.start, end: chunk.end, heading: chunk.heading, ...(chunk.page === undefined ? {} : { page: chunk.page }), ...(fields ? { fields } : {}) },
    }));
    return { document, title, rows };
  } catch (error) {
    if (error instanceof IngestError) return { document, failure: error.message };
    throw error;
  }
}

/** Writes a batch's results and deletes its jobs in one transaction; returns each job's outcome. */
async function commit(db: Db, jobs: LeasedJob[], results: Map<string, Result>): Promise<Map<string, JobOutcome>> {
  return db.$transaction(async (tx) => {
    const held = await holdJobs(tx, jobs);
    const outcomes = new Map<string, JobOutcome>();
    const ready: Array<Extract<Result, { rows: unknown }>> = [];
    const failed: Array<Extract<Result, { failure: string }>> = [];
    for (const job of jobs) {
      const result = job.documentId ? results.get(job.documentId) : undefined;
      if (!held.has(job.id) || !result) outcomes.set(job.id, "lost");
      else if ("failure" in result) (failed.push(result), outcomes.set(job.id, "failed"));
      else (ready.push(result), outcomes.set(job.id, hasEmbedder(result.document) ? "indexing" : "ready"));
    }
    // A base with an embedder: the document stays "indexing" and its job becomes the embedding stage.
    const toEmbed = new Set(ready.filter((r) => hasEmbedder(r.document)).map((r) => r.document.id));
    const heldJobs = jobs.filter((job) => held.has(job.id));
    await requeueAs(tx, heldJobs.filter((job) => toEmbed.has(job.documentId ?? "")).map((job) => job.id), EMBED_DOCUMENT);
    await deleteJobs(tx, heldJobs.filter((job) => !toEmbed.has(job.documentId ?? "")).map((job) => job.id));
    const touched = [...ready, ...failed].map((r) => r.document.id);
    if (touched.length === 0) return outcomes;
    // Only documents that had chunks lose them: on a first ingestion the delete (and its statistics
    // trigger) is skipped. The count was read after this worker leased the jobs, and only a job's
    // holder commits chunks, so it is current for every job still held here.
    const hadChunks = [...ready, ...failed].filter((r) => r.document.chunkCount > 0).map((r) => r.document.id);
    if (hadChunks.length > 0) await tx.chunk.deleteMany({ where: { documentId: { in: hadChunks } } });
    await tx.chunk.createMany({
      data: ready.flatMap(({ document, rows }) =>
        rows.map((row, ordinal) => ({
          workspaceId: document.workspaceId,
          knowledgeBaseId: document.knowledgeBaseId,
          documentId: document.id,
          ordinal,
          text: row.text,
          tokens: row.tokens,
          tokenCount: row.tokens.length,
          metadata: row.metadata as object,
        })),
      ),
    });
    if (ready.length > 0) {
      await tx.$executeRaw`
        UPDATE "Document" AS d SET "status" = v.status::"DocumentStatus", "error" = NULL, "chunkCount" = v.n, "title" = v.title, "updatedAt" = now()
        FROM unnest(
          ${ready.map((r) => r.document.id)}::text[], ${ready.map((r) => r.rows.length)}::int[], ${ready.map((r) => r.title)}::text[],
          ${ready.map((r) => (toEmbed.has(r.document.id) ? "indexing" : "ready"))}::text[]
        ) AS v(id, n, title, status)
        WHERE d."id" = v.id`;
    }
    if (failed.length > 0) {
      await tx.$executeRaw`
        UPDATE "Document" AS d SET "status" = 'failed', "error" = v.reason, "chunkCount" = 0, "updatedAt" = now()
        FROM unnest(${failed.map((r) => r.document.id)}::text[], ${failed.map((r) => r.failure)}::text[]) AS v(id, reason)
        WHERE d."id" = v.id`;
    }
    return outcomes;
  });
}

function hasEmbedder(document: Loaded): boolean {
  const settings = embedderSettings.safeParse(document.knowledgeBase.embedder);
  return settings.success && settings.data.kind !== "none";
}

// Prisma's messages carry a code frame of our source: a person needs only the database's own words.
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const database = /Message: `([^`]*)`/.exec(message)?.[1];
  return database ?? message.trim().split("\n").filter((line) => line.trim() !== "").pop() ?? message;
}

/** A failure of the system (not of the file): retried later, or recorded once the attempts run out. */
export async function retryOrGiveUp(db: Db, job: LeasedJob, error: unknown): Promise<JobOutcome> {
  const reason = reasonOf(error);
  const documentId = job.documentId;
  if (job.attempts >= job.maxAttempts && documentId) {
    const document = await db.document.findUnique({ where: { id: documentId }, include: { source: true, knowledgeBase: { select: { chunker: true, embedder: true } } } });
    if (!document) return "lost";
    const outcomes = await commit(db, [job], new Map([[documentId, { document, failure: `Ingestion gave up after ${job.attempts} attempts: ${reason}` }]]));
    return outcomes.get(job.id)!;
  }
  if (!(await retryLater(db, job, reason))) return "lost";
  if (documentId) await db.document.updateMany({ where: { id: documentId }, data: { status: "queued" } });
  return "retry";
}

/** Processes jobs leased together (one lease token); a system failure falls back to one job at a time. */
export async function processDocumentJobs(db: Db, jobs: LeasedJob[]): Promise<Map<string, JobOutcome>> {
  const ids = jobs.flatMap((job) => (job.documentId ? [job.documentId] : []));
  try {
    await db.document.updateMany({ where: { id: { in: ids } }, data: { status: "parsing" } });
    const documents = await loadDocuments(db, ids);
    let lastStageAt = Date.now();
    const results = new Map<string, Result>();
    for (const document of documents) {
      results.set(
        document.id,
        await analyse(document, async (stage) => {
          if (Date.now() - lastStageAt < STAGE_WRITE_AFTER_MS) return;
          await db.document.updateMany({ where: { id: document.id }, data: { status: stage } });
          lastStageAt = Date.now();
        }),
      );
    }
    return await commit(db, jobs, results);
  } catch (error) {
    const outcomes = new Map<string, JobOutcome>();
    if (jobs.length > 1) {
      for (const job of jobs) outcomes.set(job.id, (await processDocumentJobs(db, [job])).get(job.id)!);
    } else if (jobs.length === 1) {
      outcomes.set(jobs[0].id, await retryOrGiveUp(db, jobs[0], error));
    }
    return outcomes;
  }
}

export async function processDocumentJob(db: Db, job: LeasedJob): Promise<JobOutcome> {
  return (await processDocumentJobs(db, [job])).get(job.id)!;
}
