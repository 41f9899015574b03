import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, ctx }) => {
  const answer = inputs.answer ?? inputs.refusal;
  if (!answer) throw new Error("Neither an answer nor a refusal arrived: wire the answer branch to Answer and the guard's Refusal to Refusal");
  ctx.log(inputs.answer ? "Passed on the answer" : `Passed on the refusal: ${answer.refusalReason ?? answer.text}`);
  return { answer };
});
