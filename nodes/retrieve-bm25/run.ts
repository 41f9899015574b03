import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const text = inputs.keywords?.length ? `${inputs.query.question} ${inputs.keywords.join(" ")}` : inputs.query.question;
  const passages = await ctx.knowledge.bm25(config.knowledgeBaseId, text, { topK: config.topK, signal: ctx.signal });
  ctx.log(`${passages.length} passage(s) from knowledge base ${config.knowledgeBaseId}`);
  return { passages };
});
