// The domain guard's calibrated threshold of one knowledge base, stored on the base and fitted again
// lazily when the base has changed since (its chunk and token counts, kept by the "Chunk" triggers in
// CorpusStat, differ from those recorded at fitting) or the target false-refusal rate differs.
import { calibrate, type CalibrationResult } from "@/nodes/query-guard/calibrate";
import { domainCoverage } from "@/nodes/query-guard/coverage";
import type { Db } from "@/server/db/client";
import type { KnowledgeStore } from "@/server/knowledge/store";

/** Chunks sampled for pseudo-questions: enough for a stable 5% quantile, few enough to fit in seconds. */
const SAMPLE = 200;

export interface GuardCalibration {
  threshold: number;
  /** Present when this call fitted it; absent when the stored value was still current. */
  fitted?: CalibrationResult;
}

export async function guardCalibration(
  db: Db,
  workspaceId: string,
  knowledge: KnowledgeStore,
  knowledgeBaseId: string,
  options: { targetFalseRefusal: number; signal?: AbortSignal },
): Promise<GuardCalibration> {
  const base = await db.knowledgeBase.findFirst({
    where: { id: knowledgeBaseId, workspaceId },
    select: { guardThreshold: true, guardFingerprint: true, corpusStat: { select: { chunks: true, tokens: true } } },
  });
  if (!base) throw new Error(`Knowledge base ${knowledgeBaseId} does not exist in this workspace`);
  const fingerprint = `${base.corpusStat?.chunks ?? 0}:${base.corpusStat?.tokens ?? 0}:${options.targetFalseRefusal}`;
  if (base.guardThreshold !== null && base.guardFingerprint === fingerprint) return { threshold: base.guardThreshold };
  // md5 of the id: a fixed, spread-out sample for a given set of chunks, on both databases.
  const rows = await db.$queryRaw<Array<{ text: string }>>`
    SELECT "text" FROM "Chunk" WHERE "knowledgeBaseId" = ${knowledgeBaseId} AND NOT "disabled" ORDER BY md5("id") LIMIT ${SAMPLE}`;
  const fitted = await calibrate(
    rows.map((r) => r.text),
    async (question) => (await domainCoverage(knowledge, knowledgeBaseId, question, options.signal)).score,
    options,
  );
  await db.knowledgeBase.updateMany({ where: { id: knowledgeBaseId, workspaceId }, data: { guardThreshold: fitted.threshold, guardFingerprint: fingerprint } });
  return { threshold: fitted.threshold, fitted };
}
