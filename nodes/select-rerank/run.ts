import { z } from "zod";
import { fillPrompt } from "@/nodes/model-config";
import { defineRun } from "@/server/runtime/node-context";
import { crossEncoderRank } from "./cross-encoder";
import { mmr } from "./mmr";
import { spec } from "./spec";

const selectionReply = z.object({ selected: z.array(z.number().int()) });

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { query, passages } = inputs;
  if (passages.length === 0) {
    ctx.log("No passages to rerank");
    return { passages };
  }
  if (config.mode === "provider" && config.provider) {
    const numbered = passages.map((p, i) => `[${i + 1}] (${p.source.title}) ${p.text}`).join("\n\n");
    const prompt = fillPrompt(config.prompt, { question: query.question, passages: numbered });
    const reply = await ctx.providers.structured(config.provider, selectionReply, [{ role: "user", content: prompt }], { signal: ctx.signal });
    const valid = [...new Set(reply.selected.filter((n) => n >= 1 && n <= passages.length))];
    const invalid = reply.selected.filter((n) => n < 1 || n > passages.length);
    if (invalid.length > 0) ctx.log(`provider: ignored passage numbers that do not exist: ${invalid.join(", ")}`);
    const selected = valid.slice(0, config.topK).map((n, position) => ({ ...passages[n - 1], rank: position + 1 }));
    ctx.log(`provider: the model selected ${selected.length} of ${passages.length} passage(s): ${valid.join(", ") || "none"}`);
    return { passages: selected };
  }
  if (config.mode === "local" && config.localModel) {
    const classifier = await ctx.providers.localClassifier(config.localModel, "rerank");
    const ranked = await crossEncoderRank(classifier, query.question, passages, { topK: config.topK, signal: ctx.signal });
    ctx.log(`local: the cross-encoder kept ${ranked.length} of ${passages.length} passage(s)`, { scores: ranked.map((p) => Number(p.score.toFixed(4))) });
    return { passages: ranked };
  }
  const reranked = mmr(query.question, passages, config);
  ctx.log(`offline: MMR (λ = ${config.lambda}) kept ${reranked.length} of ${passages.length} passage(s)`);
  return { passages: reranked };
});
