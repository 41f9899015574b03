import { defineNodeSpec } from "../define";
import { tokenChunker, overlapBelowSize } from "../chunker-settings";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "chunk.token",
  version: 1,
  category: "chunking",
  title: "Token window chunker",
  help: "Fixed windows of tokens (words, or single Chinese characters) overlapping by the given count: even chunks " +
    "for models with a token budget. Each chunk keeps its document and character offsets.",
  inputs: { documents: ports.documents },
  outputs: { chunks: ports.chunks },
  config: tokenChunker.omit({ kind: true }).superRefine(overlapBelowSize),
});
