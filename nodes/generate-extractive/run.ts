import { defineRun } from "@/server/runtime/node-context";
import { extractAnswer } from "./extract";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const answer = extractAnswer(inputs.query, inputs.passages, config);
  if (answer.refused) ctx.log(`Refused: ${answer.refusalReason}`, { passages: inputs.passages.length });
  else ctx.log(`Quoted ${answer.sentences.length} sentence(s) from ${answer.citations.length} passage(s)`);
  for (const sentence of answer.sentences) ctx.emitToken(`${sentence.text} [${sentence.markers.join("][")}] `);
  return { answer };
});
