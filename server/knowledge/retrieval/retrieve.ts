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

/** Where BM25 hits come from: the database, or a run's shared results (search.ts). */
export type Bm25Source = (scope: Scope, request: Pick<RetrievalRequest, "text" | "topK" | "filters">) => Promise<ScoredChunk[]>;

/** Scored chunks → passages: read from the database, or partly from a run's search bundle (search.ts). */
export type PassageSource = (scope: Scope, scored: readonly ScoredChunk[]) => Promise<Passage[]>;

export interface RetrievalSources {
  hits: Bm25Source;
  embedderOf: EmbedderSource;
  passages: PassageSource;
}

export function databaseSources(db: Db): RetrievalSources {
  return {
    hits: (scope, request) => bm25Hits(db, scope, request),
    embedderOf: (scope) => queryEmbedder(db, scope.workspaceId, scope.knowledgeBaseId),
    passages: (scope, scored) => toPassages(db, scope.workspaceId, scored),
  };
}

async function denseHits(db: Db, scope: Scope, request: Pick<RetrievalRequest, "text" | "topK" | "filters">, embedder: QueryEmbedder) {
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

export async function retrieve(db: Db, scope: Scope, request: RetrievalRequest, sources: RetrievalSources = databaseSources(db)): Promise<RetrievalResult> {
  const { signal } = request;
  signal?.throwIfAborted();
  if (request.mode === "bm25") return { passages: await sources.passages(scope, await sources.hits(scope, request)), embedder: null };

  const embedder = await sources.embedderOf(scope);
  if (request.mode === "dense") {
    if (!embedder) throw new Error(`Knowledge base "${scope.knowledgeBaseId}" has no embedder: choose one in its settings to use dense retrieval`);
    const dense = await denseHits(db, scope, request, embedder);
    signal?.throwIfAborted();
    return { passages: await sources.passages(scope, dense.hits), embedder: dense.label };
  }

  // Without an embedder hybrid is BM25 alone, and fusion's candidates would only be read to be cut.
  if (!embedder) {
    const bm25 = await sources.hits(scope, request);
    signal?.throwIfAborted();
    return { passages: annotate(await sources.passages(scope, bm25), { bm25 }), embedder: null };
  }
  const fusion = request.fusion ?? fusionConfig.parse({});
  const pool = { ...request, topK: Math.max(fusion.candidates, request.topK) };
  const [bm25, dense] = await Promise.all([sources.hits(scope, pool), denseHits(db, scope, pool, embedder)]);
  signal?.throwIfAborted();
  const fused = fuseHits(bm25, dense.hits, fusion, request.topK);
  return { passages: annotate(await sources.passages(scope, fused), { bm25, dense: dense.hits }), embedder: dense.label };
}
