// How far a knowledge base's ingestion has got: documents per status, and the share that has settled
// (ready or failed). Cheap enough to poll for a progress bar.
import type { Db } from "@/server/db/client";
import type { DocumentStatus } from "@/server/db/generated/client";

export interface IngestionProgress {
  total: number;
  byStatus: Record<DocumentStatus, number>;
  /** Ready or failed. */
  settled: number;
  /** settled / total (1 for an empty base). */
  fraction: number;
  /** Jobs still waiting or running (documents queued for (re-)indexing). */
  pendingJobs: number;
}

export async function ingestionProgress(db: Db, input: { workspaceId: string; knowledgeBaseId: string }): Promise<IngestionProgress> {
  const where = { workspaceId: input.workspaceId, knowledgeBaseId: input.knowledgeBaseId };
  const [groups, pendingJobs] = await Promise.all([
    db.document.groupBy({ by: ["status"], where, _count: { _all: true } }),
    // Documents' jobs only: a base's re-embedding has its own progress (reembed-base.ts).
    db.job.count({ where: { ...where, documentId: { not: null } } }),
  ]);
  const byStatus: Record<DocumentStatus, number> = { queued: 0, parsing: 0, chunking: 0, indexing: 0, ready: 0, failed: 0 };
  for (const group of groups) byStatus[group.status] = group._count._all;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const settled = byStatus.ready + byStatus.failed;
  return { total, byStatus, settled, fraction: total === 0 ? 1 : settled / total, pendingJobs };
}
