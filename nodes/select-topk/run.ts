import { defineRun } from "@/server/runtime/node-context";
import { cutPassages } from "./cut";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const { passages, duplicates } = cutPassages(inputs.passages, config);
  ctx.log(`Kept ${passages.length} of ${inputs.passages.length} passage(s) (${duplicates} near-duplicate(s) dropped), ordered ${config.order}`);
  return { passages };
});
