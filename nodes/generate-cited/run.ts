import { extractAnswer } from "@/nodes/generate-extractive/extract";
import { defineRun } from "@/server/runtime/node-context";
import { generateWithModel } from "./generate-with-model";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  if (config.mode === "provider" && config.provider) {
    const answer = await generateWithModel({
      providers: ctx.providers,
      ref: config.provider,
      prompt: config.prompt,
      query: inputs.query,
      passages: inputs.passages,
      signal: ctx.signal,
      stream: true,
      log: (message, data) => ctx.log(message, data),
    });
    ctx.log(answer.refused ? `Refused: ${answer.refusalReason}` : `Provider answer: ${answer.sentences.length} cited sentence(s)`);
    return { answer };
  }
  const answer = extractAnswer(inputs.query, inputs.passages, config);
  ctx.log(answer.refused ? `Refused (offline): ${answer.refusalReason}` : `Offline extractive answer: ${answer.sentences.length} quoted sentence(s)`);
  for (const sentence of answer.sentences) ctx.emitToken(`${sentence.text} [${sentence.markers.join("][")}] `);
  return { answer };
});
