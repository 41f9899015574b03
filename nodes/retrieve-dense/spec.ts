import { z } from "zod";
import { defineNodeSpec } from "../define";
import { optional, ports } from "../ports";
import { retrievalFields } from "../retrieval-config";

export const spec = defineNodeSpec({
  type: "retrieve.dense",
  version: 1,
  category: "retrieval",
  title: "Dense retriever",
  help:
    "Embeds the question with the knowledge base's embedder and returns the chunks nearest in meaning " +
    "(cosine similarity in pgvector), even when they share no word with the question. The embedder is " +
    "set on the knowledge base: offline ones (Universal Sentence Encoder for English, LSA fitted on the " +
    "base for any language) or a provider model. Keywords, when wired, are appended to the question.",
  inputs: { query: ports.query, keywords: optional(ports.keywords) },
  outputs: { passages: ports.passages },
  config: z.object(retrievalFields),
});
