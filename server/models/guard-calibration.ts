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
  /** The stored threshold predates the base's last change; a new fit is running in the background. */
  refitting?: boolean;
}

/**
 * Fits in progress, one per base and fingerprint: concurrent runs share one fit instead of each
 * issuing hundreds of searches, and a fit is detached from the run that started it, so a run that
 * times out does not throw the work away for the next one.
 */
const fitsInProgress = new Map<string, Promise<GuardCalibration>>();

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function fit(db: Db, workspaceId: string, knowledge: KnowledgeStore, knowledgeBaseId: string, fingerprint: string, targetFalseRefusal: number) {
  // md5 of the id: a fixed, spread-out sample for a given set of chunks, on both databases.
  const rows = await db.$queryRaw<Array<{ text: string }>>`
    SELECT "text" FROM "Chunk" WHERE "knowledgeBaseId" = ${knowledgeBaseId} AND NOT "disabled" ORDER BY md5("id") LIMIT ${SAMPLE}`;
  const fitted = await calibrate(
    rows.map((r) => r.text),
    async (question) => (await domainCoverage(knowledge, knowledgeBaseId, question)).score,
    { targetFalseRefusal },
  );
  await db.knowledgeBase.updateMany({ where: { id: knowledgeBaseId, workspaceId }, data: { guardThreshold: fitted.threshold, guardFingerprint: fingerprint } });
  return { threshold: fitted.threshold, fitted };
}

/**
 * The base's threshold. A stored one that the base has outgrown is still served while a fresh fit
 * runs in the background (answers never wait on a refit); only a base never fitted waits for it.
 */
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
  const key = `${knowledgeBaseId}:${fingerprint}`;
  let running = fitsInProgress.get(key);
  if (!running) {
    running = fit(db, workspaceId, knowledge, knowledgeBaseId, fingerprint, options.targetFalseRefusal).finally(() => fitsInProgress.delete(key));
    fitsInProgress.set(key, running);
    // A background fit's failure is reported here; a run waiting on it sees the error itself.
    running.catch((error: unknown) => console.error(`Guard calibration of knowledge base ${knowledgeBaseId} failed:`, error));
  }
  if (base.guardThreshold !== null) return { threshold: base.guardThreshold, refitting: true };
  return abortable(running, options.signal);
}
