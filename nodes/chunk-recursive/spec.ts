import { defineNodeSpec } from "../define";
import { recursiveChunker, overlapBelowSize } from "../chunker-settings";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "chunk.recursive",
  version: 1,
  category: "chunking",
  title: "Recursive character chunker",
  help: "Cuts documents into chunks of at most the given size, trying paragraph breaks first, then line breaks, " +
    "then sentence ends (English and Chinese), then spaces, with the given overlap. Each chunk keeps its document, " +
    "heading path and character offsets.",
  inputs: { documents: ports.documents },
  outputs: { chunks: ports.chunks },
  config: recursiveChunker.omit({ kind: true }).superRefine(overlapBelowSize),
});
