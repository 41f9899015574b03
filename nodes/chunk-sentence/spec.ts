import { defineNodeSpec } from "../define";
import { sentenceChunker, overlapBelowSize } from "../chunker-settings";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "chunk.sentence",
  version: 1,
  category: "chunking",
  title: "Sentence/paragraph chunker",
  help: "Packs whole sentences into chunks up to the given size and ends a chunk at a paragraph once it is half full. " +
    "Understands Chinese sentence ends (。！？；…) as well as English ones; repeats the last sentences as overlap.",
  inputs: { documents: ports.documents },
  outputs: { chunks: ports.chunks },
  config: sentenceChunker.omit({ kind: true }).superRefine(overlapBelowSize),
});
