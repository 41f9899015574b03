import { chunkPortDocuments } from "@/server/knowledge/chunkers/chunk-port-documents";
import { defineRun } from "@/server/runtime/node-context";
import { spec } from "./spec";

export const impl = defineRun(spec, async ({ inputs, config, ctx }) => {
  const chunks = await chunkPortDocuments(inputs.documents, { kind: "recursive", ...config });
  ctx.log(`${chunks.length} chunk(s) from ${inputs.documents.length} document(s)`);
  return { chunks };
});
