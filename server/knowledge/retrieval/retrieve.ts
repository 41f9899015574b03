// One knowledge base's retrieval in the three modes the nodes offer. Hybrid takes each retriever's
// best `candidates`, fuses them (weighted scores or reciprocal ranks) and keeps the top k; every
// hybrid passage records the rank and score each retriever gave it, for the trace.
import type { Db } from "@/server/db/client";
import { fusionConfig, type FusionConfig } from "@/nodes/retrieve-hybrid/fusion-config";
import type { Passage } from "@/nodes/ports";
import type { RetrievalRequest, RetrievalResult } from "../store";
import { tokenize } from "../tokenize";
import { bm25Search, type ScoredChunk } from "./bm25";
import { queryEmbedder, type QueryEmbedder } from "./embedders";
import { reciprocalRankFusion, weightedScoreFusion } from "./fusion";
import { toPassages } from "./passages";
import { denseSearch } from "./vectors";

export interface Scope {
  workspaceId: string;
  knowledgeBaseId: string;
}

export function bm25Hits(db: Db, scope: Scope, request: Pick<RetrievalRequest, "text" | "topK" | "filters">): Promise<ScoredChunk[]> {
  return bm25Search(db, { ...scope, terms: tokenize(request.text), topK: request.topK, filters: request.filters });
}

/** The query embedder of the scope's base: read from its settings, or a run's copy of them (search.ts). */
export type EmbedderSource = (scope: Scope) => Promise<QueryEmbedder | null>;

async function denseHits(db: Db, scope: Scope, request: Pick<RetrievalRequest, "text" | "topK" | "filters">, embedderOf: EmbedderSource) {
  const embedder = await embedderOf(scope);
  if (!embedder) return null;
  const vector = await embedder.embedQuery(request.text);
  const hits = Array.from(vector).some((x) => x !== 0) ? await denseSearch(db, { ...scope, vector, topK: request.topK, filters: request.filters }) : [];
  return { label: embedder.label, hits };
}

function annotate(passages: Passage[], lists: Record<string, readonly ScoredChunk[]>): Passage[] {
  const ranks = Object.entries(lists).map(([name, hits]) => [name, new Map(hits.map((h, i) => [h.id, { rank: i + 1, score: h.score }]))] as const);
  return passages.map((p) => ({
    ...p,
    metadata: { ...p.metadata, retrieval: Object.fromEntries(ranks.map(([name, byId]) => [name, byId.get(p.id) ?? null])) },
  }));
}

/** The hybrid retriever's fusion of its two candidate lists, best `topK` first. */
export function fuseHits(bm25: readonly ScoredChunk[], dense: readonly ScoredChunk[], fusion: FusionConfig, topK: number): ScoredChunk[] {
  const lists = [
    { hits: bm25, weight: fusion.bm25Weight },
    { hits: dense, weight: fusion.denseWeight },
  ];
  return (fusion.method === "rrf" ? reciprocalRankFusion(lists, fusion.rrfK) : weightedScoreFusion(lists)).slice(0, topK);
}

/** Where BM25 hits come from: the database, or a run's shared results (search.ts). */
export type Bm25Source = (scope: Scope, request: Pick<RetrievalRequest, "text" | "topK" | "filters">) => Promise<ScoredChunk[]>;

export async function retrieve(
  db: Db,
  scope: Scope,
  request: RetrievalRequest,
  hits: Bm25Source = (s, r) => bm25Hits(db, s, r),
  embedderOf: EmbedderSource = (s) => queryEmbedder(db, s.workspaceId, s.knowledgeBaseId),
): Promise<RetrievalResult> {
  const { signal } = request;
  signal?.throwIfAborted();
  if (request.mode === "bm25") return { passages: await toPassages(db, scope.workspaceId, await hits(scope, request)), embedder: null };

  if (request.mode === "dense") {
    const dense = await denseHits(db, scope, request, embedderOf);
    if (!dense) throw new Error(`Knowledge base "${scope.knowledgeBaseId}" has no embedder: choose one in its settings to use dense retrieval`);
    signal?.throwIfAborted();
    return { passages: await toPassages(db, scope.workspaceId, dense.hits), embedder: dense.label };
  }

  const fusion = request.fusion ?? fusionConfig.parse({});
  const pool = { ...request, topK: Math.max(fusion.candidates, request.topK) };
  const [bm25, dense] = await Promise.all([hits(scope, pool), denseHits(db, scope, pool, embedderOf)]);
  signal?.throwIfAborted();
  if (!dense) return { passages: annotate(await toPassages(db, scope.workspaceId, bm25.slice(0, request.topK)), { bm25 }), embedder: null };
  const fused = fuseHits(bm25, dense.hits, fusion, request.topK);
  return { passages: annotate(await toPassages(db, scope.workspaceId, fused), { bm25, dense: dense.hits }), embedder: dense.label };
}
