// What the retriever nodes share at run time: the text they search with, and the trace line of a
// search (the chunks that came back, with their scores, are the span's outputs; a copy in the log
// made a tenth of every trace).
import type { Passage, Query } from "@/nodes/ports";
import type { NodeContext } from "@/server/runtime/node-context";

/** The question, with the wired keywords appended. */
export function searchText(inputs: { query: Query; keywords?: string[] }): string {
  return inputs.keywords?.length ? `${inputs.query.question} ${inputs.keywords.join(" ")}` : inputs.query.question;
}

/** The trace line of a search: how many passages came back, and how the question was embedded. The passages themselves, with their scores, are the span's outputs. */
export function logPassages(ctx: NodeContext, knowledgeBaseId: string, passages: readonly Passage[], embedder: string | null = null): void {
  const via = embedder ? ` (query embedded by ${embedder})` : "";
  ctx.log(`${passages.length} passage(s) from knowledge base ${knowledgeBaseId}${via}`);
}
