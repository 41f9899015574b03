import { logPassages, searchText } from "@/server/knowledge/retrieval/node-trace";
import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { passages, embedder } = await ctx.knowledge.search(config.knowledgeBaseId, {
    mode: "dense",
    text: searchText(inputs),
    topK: config.topK,
    filters: config.filters,
    signal: ctx.signal,
  });
  logPassages(ctx, config.knowledgeBaseId, passages, embedder);
  return { passages };
});
