import { logPassages, searchText } from "@/server/knowledge/retrieval/node-trace";
import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { passages, embedder } = await ctx.knowledge.search(config.knowledgeBaseId, {
    mode: "hybrid",
    text: searchText(inputs),
    topK: config.topK,
    filters: config.filters,
    fusion: config.fusion,
    signal: ctx.signal,
  });
  if (!embedder) ctx.log(`Knowledge base ${config.knowledgeBaseId} has no embedder: hybrid ran as BM25 alone`);
  logPassages(ctx, config.knowledgeBaseId, passages, embedder);
  return { passages };
});
