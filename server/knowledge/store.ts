// The knowledge a node can search: every method is scoped to the caller's workspace.
import type { FusionConfig } from "@/nodes/retrieve-hybrid/fusion-config";
import type { MetadataFilter } from "@/nodes/retrieval-filters";
import type { Passage } from "@/nodes/ports";
import type { BaseState } from "./base-state";
import type { VocabularyStats } from "./vocabulary";

export interface SearchOptions {
  topK: number;
  signal?: AbortSignal;
  /** Metadata conditions every returned chunk meets. */
  filters?: MetadataFilter[];
}

export type RetrievalMode = "bm25" | "dense" | "hybrid";

export interface RetrievalRequest extends SearchOptions {
  mode: RetrievalMode;
  text: string;
  /** Hybrid only; defaults of `fusionConfig` when omitted. */
  fusion?: FusionConfig;
}

export interface RetrievalResult {
  passages: Passage[];
  /** What embedded the query (dense and hybrid), null when BM25 alone ran. */
  embedder: string | null;
}

/** Search over one knowledge base of the caller's workspace. */
export interface KnowledgeStore {
  bm25(knowledgeBaseId: string, text: string, options: SearchOptions): Promise<Passage[]>;
  /**
   * BM25, dense or hybrid retrieval. Hybrid passages carry each retriever's rank and score in
   * `metadata.retrieval`; on a base without an embedder, hybrid is BM25 alone (`embedder` null).
   */
  search(knowledgeBaseId: string, request: RetrievalRequest): Promise<RetrievalResult>;
  /**
   * How many of the base's chunks contain each word (offline keyword weighting, domain guard).
   * `text`: the words are a question's that is also searched, so a run's store may answer from that
   * search's statistics instead of a statement of its own.
   */
  vocabulary(knowledgeBaseId: string, words: string[], options: { signal?: AbortSignal; text?: string }): Promise<VocabularyStats>;
  /** The base's settings and statistics (embedder, guard threshold, corpus size); throws for a base outside the workspace. */
  state(knowledgeBaseId: string): Promise<BaseState>;
}
