import { z } from "zod";
import { defineNodeSpec } from "../define";
import { optional, ports } from "../ports";

export const spec = defineNodeSpec({
  type: "retrieve.bm25",
  version: 1,
  category: "retrieval",
  title: "BM25 retriever",
  help:
    "Ranks the chunks of a knowledge base by BM25 over the question's terms (and the keywords, when wired) " +
    "and passes on the best ones as passages with their scores and sources. Exact words matter: it finds " +
    "the passages that share the question's vocabulary.",
  inputs: { query: ports.query, keywords: optional(ports.keywords) },
  outputs: { passages: ports.passages },
  config: z.object({
    knowledgeBaseId: z
      .string()
      .min(1, "Choose a knowledge base")
      .meta({ title: "Knowledge base", description: "The knowledge base to search.", widget: "knowledgeBase" }),
    topK: z
      .number()
      .int()
      .min(1)
      .max(200)
      .default(8)
      .meta({ title: "Passages", description: "How many of the best-scoring passages to pass on (1–200)." }),
  }),
});
