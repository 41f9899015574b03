import { logPassages, searchText } from "@/server/knowledge/retrieval/node-trace";
import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const passages = await ctx.knowledge.bm25(config.knowledgeBaseId, searchText(inputs), { topK: config.topK, filters: config.filters, signal: ctx.signal });
  logPassages(ctx, config.knowledgeBaseId, passages);
  return { passages };
});
