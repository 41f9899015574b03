// What the retriever nodes share at run time: the text they search with, and the trace lines that
// show which chunks came back with which scores.
import type { Passage, Query } from "@/nodes/ports";
import type { NodeContext } from "@/server/runtime/node-context";

/** The question, with the wired keywords appended. */
export function searchText(inputs: { query: Query; keywords?: string[] }): string {
  return inputs.keywords?.length ? `${inputs.query.question} ${inputs.keywords.join(" ")}` : inputs.query.question;
}

export function logPassages(ctx: NodeContext, knowledgeBaseId: string, passages: readonly Passage[], embedder: string | null = null): void {
  const via = embedder ? ` (query embedded by ${embedder})` : "";
  ctx.log(`${passages.length} passage(s) from knowledge base ${knowledgeBaseId}${via}`, {
    passages: passages.map((p) => ({ rank: p.rank, id: p.id, score: p.score, title: p.source.title, ...(p.metadata.retrieval ? { retrieval: p.metadata.retrieval } : {}) })),
  });
}
