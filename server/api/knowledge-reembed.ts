// Re-embedding a whole base after its embedder changed: a job on the ingestion queue
// (server/knowledge/jobs/reembed-base.ts), so it survives a restart, resumes where it stopped, and its
// progress is in the database for any process to show.
import type { Db } from "@/server/db/client";
import { enqueueReembed, reembedState as stateOf, type ReembedState } from "@/server/knowledge/jobs/reembed-base";
import { drainJobs } from "@/server/knowledge/jobs/worker";

/** Drops the base's vectors and queues its re-embedding (replacing a run still going). */
export async function startReembed(db: Db, base: { workspaceId: string; knowledgeBaseId: string }): Promise<void> {
  await db.$transaction((tx) => enqueueReembed(tx, base));
}

/** Whether the base is being re-embedded, how far it has got, and why the last attempt failed. */
export function reembedState(db: Db, knowledgeBaseId: string): Promise<ReembedState> {
  return stateOf(db, knowledgeBaseId);
}

/** Runs the base's queued jobs in this process until none is due (for tests and scripts, where no worker runs). */
export async function whenReembedded(db: Db, knowledgeBaseId: string): Promise<void> {
  await drainJobs(db, { knowledgeBaseId });
}
