import { z } from "zod";
import { fillPrompt } from "@/nodes/model-config";
import { defineRun } from "@/server/runtime/node-context";
import { tfIdfKeywords } from "./tf-idf";
import { spec } from "./spec";

const keywordsReply = z.object({ keywords: z.array(z.string().trim().min(1)).min(1) });

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { question } = inputs.query;
  if (config.mode === "provider" && config.provider) {
    const prompt = fillPrompt(config.prompt, { question, maxKeywords: String(config.maxKeywords) });
    const reply = await ctx.providers.structured(config.provider, keywordsReply, [{ role: "user", content: prompt }], { signal: ctx.signal });
    const keywords = [...new Set(reply.keywords)].slice(0, config.maxKeywords);
    ctx.log(`provider: ${keywords.length} keyword(s): ${keywords.join(", ")}`);
    return { keywords };
  }
  const weighted = await tfIdfKeywords(ctx.knowledge, question, { ...config, signal: ctx.signal });
  ctx.log(`offline: ${weighted.length} keyword(s) by TF-IDF against knowledge base ${config.knowledgeBaseId}`, weighted);
  return { keywords: weighted.map((k) => k.keyword) };
});
