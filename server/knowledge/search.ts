// Search over a workspace's knowledge bases, always scoped to the caller's workspace: BM25 in
// Postgres over the trigger-kept inverted index, dense in pgvector, or both fused (retrieval/).
import type { Db } from "@/server/db/client";
import type { Passage } from "@/nodes/ports";
import type { KnowledgeStore, RetrievalRequest, RetrievalResult, SearchOptions } from "./store";
import { bm25Hits, retrieve, type Scope } from "./retrieval/retrieve";
import type { ScoredChunk } from "./retrieval/bm25";
import { queryEmbedder, type QueryEmbedder } from "./retrieval/embedders";
import { vocabularyStats } from "./vocabulary";

/**
 * BM25 hits a run shares: the guard's coverage check and the hybrid retriever search the same base
 * with the same question. One query for the top 100 (the hybrid retriever's default candidates)
 * serves every k up to 100 with its first k. For the retriever that is the query it made before; a
 * smaller k (the guard's 3) now comes from a search that rescored 200 pruned candidates instead of
 * 100 — a superset, so its top k are at least as close to exhaustive BM25 (bm25.ts).
 */
const SHARED_BM25_HITS = 100;

export interface KnowledgeStoreOptions {
  /**
   * One run's store: the base's existence and its embedder are read once, and identical BM25
   * searches share one query. Not for long-lived stores, which would keep what the base has since
   * outgrown.
   */
  perRun?: boolean;
}

export function createKnowledgeStore(db: Db, workspaceId: string, options: KnowledgeStoreOptions = {}): KnowledgeStore {
  const checked = new Map<string, Promise<void>>();
  const assertBase = (knowledgeBaseId: string) => {
    let check = checked.get(knowledgeBaseId);
    if (!check) {
      check = db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { id: true } }).then((base) => {
        if (!base) throw new Error(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);
      });
      if (options.perRun) checked.set(knowledgeBaseId, check);
    }
    return check;
  };
  const shared = new Map<string, Promise<ScoredChunk[]>>();
  const hits = (scope: Scope, request: Pick<RetrievalRequest, "text" | "topK" | "filters">): Promise<ScoredChunk[]> => {
    if (!options.perRun || request.topK > SHARED_BM25_HITS || (request.filters?.length ?? 0) > 0) return bm25Hits(db, scope, request);
    const key = `${scope.knowledgeBaseId}\u0000${request.text}`;
    let all = shared.get(key);
    if (!all) {
      all = bm25Hits(db, scope, { text: request.text, topK: SHARED_BM25_HITS });
      shared.set(key, all);
      // A failed query is not kept: the next caller asks again.
      all.catch(() => shared.delete(key));
    }
    return all.then((list) => list.slice(0, request.topK));
  };
  const embedders = new Map<string, Promise<QueryEmbedder | null>>();
  const embedderOf = (scope: Scope): Promise<QueryEmbedder | null> => {
    if (!options.perRun) return queryEmbedder(db, scope.workspaceId, scope.knowledgeBaseId);
    let embedder = embedders.get(scope.knowledgeBaseId);
    if (!embedder) {
      embedder = queryEmbedder(db, scope.workspaceId, scope.knowledgeBaseId);
      embedders.set(scope.knowledgeBaseId, embedder);
      embedder.catch(() => embedders.delete(scope.knowledgeBaseId));
    }
    return embedder;
  };
  const search = async (knowledgeBaseId: string, request: RetrievalRequest): Promise<RetrievalResult> => {
    request.signal?.throwIfAborted();
    await assertBase(knowledgeBaseId);
    const result = await retrieve(db, { workspaceId, knowledgeBaseId }, request, hits, embedderOf);
    request.signal?.throwIfAborted();
    return result;
  };
  return {
    search,
    async bm25(knowledgeBaseId: string, text: string, options: SearchOptions): Promise<Passage[]> {
      return (await search(knowledgeBaseId, { ...options, mode: "bm25", text })).passages;
    },
    async vocabulary(knowledgeBaseId, words, options) {
      options.signal?.throwIfAborted();
      await assertBase(knowledgeBaseId);
      return vocabularyStats(db, workspaceId, knowledgeBaseId, words);
    },
  };
}
