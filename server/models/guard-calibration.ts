// The domain guard's calibrated threshold of one knowledge base, stored on the base and fitted again
// when the base has changed since (its chunk and token counts, kept by the "Chunk" triggers in
// CorpusStat, differ from those recorded at fitting) or the target false-refusal rate differs.
// Answers never wait for a fit: it runs in the background, started eagerly once a base's ingestion
// finishes or a pipeline using it is published, and by the first run that finds it missing.
import { calibrate, pseudoQuestions, type CalibrationResult } from "@/nodes/query-guard/calibrate";
import { bestCoverage, rarityWeights } from "@/nodes/query-guard/coverage";
import { spec } from "@/nodes/query-guard/spec";
import type { Graph } from "@/nodes/graph";
import type { Db } from "@/server/db/client";
import { readBaseStateNow, type BaseState } from "@/server/knowledge/base-state";
import { baseStatesCaughtUp } from "@/server/knowledge/base-state-cache";
import { createKnowledgeStore } from "@/server/knowledge/search";
import type { KnowledgeStore } from "@/server/knowledge/store";
import { tokenize } from "@/server/knowledge/tokenize";
import { contentWords } from "@/server/knowledge/vocabulary-words";

/** Chunks sampled for pseudo-questions: enough for a stable 5% quantile, few enough to fit in seconds. */
const SAMPLE = 200;

const RETRY_AFTER_MS = 60_000;
const VOCABULARY_SLICE = 1000;

export type GuardCalibration =
  /** `refitting`: the stored threshold predates the base's last change; a new fit runs in the background. */
  | { threshold: number; refitting?: boolean }
  /** Never fitted: the first fit runs in the background; until it is stored the guard uses its configured cap. */
  | { threshold: null; fitting: true };

/** Fits in progress, one per base and fingerprint: concurrent callers share one fit. A failed fit stays for RETRY_AFTER_MS, so runs do not start one each. */
const fitsInProgress = new Map<string, Promise<CalibrationResult>>();
/** Fits stored per base: a caller whose read of the base raced a fit's store reads it again instead of fitting twice. */
const fitsStored = new Map<string, number>();
/**
 * Scores the pseudo-questions against the sample they were made from, in memory: each question's
 * coverage by the best sampled chunk, its words weighted by their IDF in the whole base (one query
 * for every word). The run-time guard scores against the base's top BM25 passages instead; a
 * pseudo-question's best passage is, by construction, the sampled chunk it was cut from, so the two
 * agree where it matters, and the fit costs two queries instead of two per pseudo-question.
 */
async function fit(db: Db, workspaceId: string, knowledge: KnowledgeStore, knowledgeBaseId: string, fingerprint: string, targetFalseRefusal: number) {
  // md5 of the text: a fixed, spread-out sample that is the same for the same corpus however often it
  // is ingested (ids differ each time); the id only breaks ties between identical texts.
  const rows = await db.$queryRaw<Array<{ text: string }>>`
    SELECT "text" FROM "Chunk" WHERE "knowledgeBaseId" = ${knowledgeBaseId} AND NOT "disabled" ORDER BY md5("text"), "id" LIMIT ${SAMPLE}`;
  const texts = rows.map((r) => r.text);
  const sample = texts.map((text) => ({ terms: new Set(tokenize(text)) }));
  const score = async (question: string, all: Map<string, number>, chunks: number) => {
    const words = [...new Set(contentWords(question))];
    if (words.length === 0) return 0;
    return bestCoverage(words, rarityWeights({ chunks, documentFrequency: words.map((w) => all.get(w) ?? 0) }), sample).score;
  };
  // The same pseudo-questions `calibrate` makes (the generator is seeded): their words' frequencies first.
  const questions = pseudoQuestions(texts);
  const vocabulary = [...new Set([...questions.inDomain, ...questions.outOfDomain].flatMap((q) => contentWords(q)))];
  const frequency = new Map<string, number>();
  let chunks = 0;
  // In slices: a word of several terms is one column of the query, and a query has at most 1664.
  for (let from = 0; from < vocabulary.length; from += VOCABULARY_SLICE) {
    const words = vocabulary.slice(from, from + VOCABULARY_SLICE);
    const stats = await knowledge.vocabulary(knowledgeBaseId, words, {});
    words.forEach((word, i) => frequency.set(word, stats.documentFrequency[i]));
    chunks = stats.chunks;
  }
  const fitted = await calibrate(texts, (question) => score(question, frequency, chunks), { targetFalseRefusal });
  await db.knowledgeBase.updateMany({ where: { id: knowledgeBaseId, workspaceId }, data: { guardThreshold: fitted.threshold, guardFingerprint: fingerprint } });
  console.info(
    `Guard calibration of knowledge base ${knowledgeBaseId}: threshold ${fitted.threshold.toFixed(3)} refuses ${targetFalseRefusal} of ${fitted.inDomain} ` +
      `in-domain pseudo-questions and ${fitted.outOfDomainRefused.toFixed(3)} of ${fitted.outOfDomain} out-of-domain ones`,
  );
  return fitted;
}

/** Starts a fit unless one for the same base state is running; resolves with its result. */
function startFit(db: Db, workspaceId: string, knowledge: KnowledgeStore, knowledgeBaseId: string, fingerprint: string, targetFalseRefusal: number): Promise<CalibrationResult> {
  const key = `${knowledgeBaseId}:${fingerprint}`;
  let running = fitsInProgress.get(key);
  if (!running) {
    running = fit(db, workspaceId, knowledge, knowledgeBaseId, fingerprint, targetFalseRefusal);
    fitsInProgress.set(key, running);
    running.then(
      () => {
        fitsInProgress.delete(key);
        fitsStored.set(knowledgeBaseId, (fitsStored.get(knowledgeBaseId) ?? 0) + 1);
      },
      (error: unknown) => {
        console.error(`Guard calibration of knowledge base ${knowledgeBaseId} failed:`, error);
        setTimeout(() => fitsInProgress.delete(key), RETRY_AFTER_MS).unref();
      },
    );
  }
  return running;
}

function stored(state: BaseState, targetFalseRefusal: number) {
  const fingerprint = `${state.chunks}:${state.tokens}:${targetFalseRefusal}`;
  return { threshold: state.guardThreshold, fingerprint, current: state.guardThreshold !== null && state.guardFingerprint === fingerprint };
}

/**
 * The base's threshold as stored, without waiting: a stored one that the base has outgrown is served
 * while a fresh fit runs in the background, and a base never fitted gets `threshold: null` while its
 * first fit runs. `whenFitted` resolves once the fit this call started or found has finished.
 */
export async function guardCalibration(
  db: Db,
  workspaceId: string,
  knowledge: KnowledgeStore,
  knowledgeBaseId: string,
  options: { targetFalseRefusal: number },
): Promise<GuardCalibration & { whenFitted?: Promise<CalibrationResult> }> {
  // The run's copy of the base's state first (search.ts); when it is not current, a fresh read past
  // the cache, in case a fit was stored since the run read it: that fit is not repeated.
  let base = stored(await knowledge.state(knowledgeBaseId), options.targetFalseRefusal);
  if (!base.current) {
    const storedBefore = fitsStored.get(knowledgeBaseId);
    const fresh = () => readBaseStateNow(db, workspaceId, knowledgeBaseId).then((state) => stored(state, options.targetFalseRefusal));
    base = await fresh();
    // A fit stored while that read was in flight: read once more rather than start the same fit again.
    if (!base.current && fitsStored.get(knowledgeBaseId) !== storedBefore) base = await fresh();
  }
  if (base.current && base.threshold !== null) return { threshold: base.threshold };
  const whenFitted = startFit(db, workspaceId, knowledge, knowledgeBaseId, base.fingerprint, options.targetFalseRefusal);
  return base.threshold === null ? { threshold: null, fitting: true, whenFitted } : { threshold: base.threshold, refitting: true, whenFitted };
}

/** After a base's ingestion or a publish: fits the base now unless its stored threshold is current. */
export async function calibrateGuardEagerly(db: Db, workspaceId: string, knowledge: KnowledgeStore, knowledgeBaseId: string, targetFalseRefusal: number): Promise<void> {
  // The base as the database has it now, not as this process last heard of it.
  await baseStatesCaughtUp(db);
  const calibration = await guardCalibration(db, workspaceId, knowledge, knowledgeBaseId, { targetFalseRefusal });
  await calibration.whenFitted;
}

/** On publishing `graph`: starts the fit of every base an offline, calibrated guard of it uses (failures are logged by the fit). */
export function calibrateGuardsOf(db: Db, workspaceId: string, graph: Graph): void {
  for (const node of graph.nodes) {
    if (node.type !== spec.type) continue;
    const config = spec.config.safeParse(node.config);
    if (!config.success || config.data.threshold !== "calibrated" || (config.data.mode === "provider" && config.data.provider)) continue;
    calibrateGuardEagerly(db, workspaceId, createKnowledgeStore(db, workspaceId), config.data.knowledgeBaseId, config.data.targetFalseRefusal).catch(() => {});
  }
}
