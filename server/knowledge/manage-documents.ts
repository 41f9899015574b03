// What a person does to documents after upload: re-index one or a whole base (queued for the
// background worker, parsed again from the stored bytes), delete one or the whole base (chunks,
// bytes and jobs go with them, in one statement each). Every call is scoped to the caller's workspace.
import type { Db } from "@/server/db/client";
import { enqueueDocumentJob, enqueueKnowledgeBaseJobs } from "./jobs/job-queue";

function notFound(what: string, id: string): Error {
  return new Error(`${what} "${id}" does not exist in this workspace`);
}

/** Queues the document to be parsed, chunked and indexed again (its chunks stay until the new ones commit). */
export async function reindexDocument(db: Db, input: { workspaceId: string; documentId: string }): Promise<void> {
  const document = await db.document.findFirst({ where: { id: input.documentId, workspaceId: input.workspaceId }, include: { source: { select: { documentId: true } } } });
  if (!document) throw notFound("Document", input.documentId);
  if (!document.source) throw new Error(`"${document.fileName}" has no stored file to re-index (it failed before upload finished: ${document.error ?? "no reason recorded"}); upload it again`);
  await db.$transaction(async (tx) => {
    await tx.document.update({ where: { id: document.id }, data: { status: "queued", error: null } });
    await enqueueDocumentJob(tx, { workspaceId: document.workspaceId, knowledgeBaseId: document.knowledgeBaseId, documentId: document.id });
  });
}

/** Queues every document of the base that has stored bytes; returns how many. */
export async function reindexKnowledgeBase(db: Db, input: { workspaceId: string; knowledgeBaseId: string }): Promise<number> {
  const base = await db.knowledgeBase.findFirst({ where: { id: input.knowledgeBaseId, workspaceId: input.workspaceId }, select: { id: true } });
  if (!base) throw notFound("Knowledge base", input.knowledgeBaseId);
  return db.$transaction(async (tx) => {
    const queued = await enqueueKnowledgeBaseJobs(tx, base.id);
    await tx.$executeRaw`
      UPDATE "Document" d SET "status" = 'queued', "error" = NULL
      WHERE d."knowledgeBaseId" = ${base.id} AND EXISTS (SELECT 1 FROM "DocumentSource" s WHERE s."documentId" = d."id")`;
    return queued;
  });
}

export async function deleteDocument(db: Db, input: { workspaceId: string; documentId: string }): Promise<void> {
  const deleted = await db.document.deleteMany({ where: { id: input.documentId, workspaceId: input.workspaceId } });
  if (deleted.count === 0) throw notFound("Document", input.documentId);
}

export async function deleteKnowledgeBase(db: Db, input: { workspaceId: string; knowledgeBaseId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const deleted = await tx.knowledgeBase.deleteMany({ where: { id: input.knowledgeBaseId, workspaceId: input.workspaceId } });
    if (deleted.count === 0) throw notFound("Knowledge base", input.knowledgeBaseId);
    await tx.job.deleteMany({ where: { knowledgeBaseId: input.knowledgeBaseId } });
  });
}
