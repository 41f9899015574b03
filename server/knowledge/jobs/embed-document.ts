// The embedding stage of a document whose base has an embedder: its committed chunks are embedded
// (retrieval's embedChunks), then the document becomes ready and the job is deleted in one
// transaction. Re-running it after a crash embeds the same chunks again: vectors are overwritten.
import type { Db } from "@/server/db/client";
import { embedChunks } from "../retrieval/embed-chunks";
import { deleteJobs, holdJobs, type LeasedJob } from "./job-queue";
import { retryOrGiveUp, type JobOutcome } from "./process-document";

export async function processEmbedJob(db: Db, job: LeasedJob): Promise<JobOutcome> {
  const documentId = job.documentId;
  if (!documentId) return "lost";
  try {
    const chunkIds = (await db.chunk.findMany({ where: { documentId }, select: { id: true } })).map((c) => c.id);
    await embedChunks(db, { knowledgeBaseId: job.knowledgeBaseId, chunkIds });
    return await db.$transaction(async (tx) => {
      if (!(await holdJobs(tx, [job])).has(job.id)) return "lost";
      await deleteJobs(tx, [job.id]);
      await tx.document.update({ where: { id: documentId }, data: { status: "ready" } });
      return "ready" as const;
    });
  } catch (error) {
    return retryOrGiveUp(db, job, error);
  }
}
