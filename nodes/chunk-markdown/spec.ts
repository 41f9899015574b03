import { defineNodeSpec } from "../define";
import { markdownChunker, overlapBelowSize } from "../chunker-settings";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "chunk.markdown",
  version: 1,
  category: "chunking",
  title: "Markdown headers chunker",
  help: "One chunk per Markdown section (a heading and its text), so a chunk never mixes two sections and carries its " +
    "full heading path; a section longer than the chunk size is split inside it.",
  inputs: { documents: ports.documents },
  outputs: { chunks: ports.chunks },
  config: markdownChunker.omit({ kind: true }).superRefine(overlapBelowSize),
});
