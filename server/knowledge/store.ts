// The knowledge a node can search: every method is scoped to the caller's workspace.
import type { Passage } from "@/nodes/ports";

export interface SearchOptions {
  topK: number;
  signal?: AbortSignal;
}

/** Search over one knowledge base of the caller's workspace. */
export interface KnowledgeStore {
  bm25(knowledgeBaseId: string, text: string, options: SearchOptions): Promise<Passage[]>;
}
