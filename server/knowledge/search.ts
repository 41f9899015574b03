// Search over a workspace's knowledge bases, always scoped to the caller's workspace: BM25 in
// Postgres over the trigger-kept inverted index, dense in pgvector, or both fused (retrieval/).
import type { Db } from "@/server/db/client";
import type { Passage } from "@/nodes/ports";
import type { KnowledgeStore, RetrievalRequest, RetrievalResult, SearchOptions } from "./store";
import { retrieve } from "./retrieval/retrieve";
import { vocabularyStats } from "./vocabulary";

export function createKnowledgeStore(db: Db, workspaceId: string): KnowledgeStore {
  const assertBase = async (knowledgeBaseId: string) => {
    const base = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { id: true } });
    if (!base) throw new Error(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);
  };
  const search = async (knowledgeBaseId: string, request: RetrievalRequest): Promise<RetrievalResult> => {
    request.signal?.throwIfAborted();
    await assertBase(knowledgeBaseId);
    const result = await retrieve(db, { workspaceId, knowledgeBaseId }, request);
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
