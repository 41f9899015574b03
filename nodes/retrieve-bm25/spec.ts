import { z } from "zod";
import { defineNodeSpec } from "../define";
import { optional, ports } from "../ports";
import { retrievalFields } from "../retrieval-config";

export const spec = defineNodeSpec({
  type: "retrieve.bm25",
  version: 1,
  category: "retrieval",
  title: "BM25 retriever",
  help:
    "Ranks the chunks of a knowledge base by BM25 over the question's terms (and the keywords, when wired) " +
    "and passes on the best ones as passages with their scores and sources. Exact words matter: it finds " +
    "the passages that share the question's vocabulary (Chinese is segmented with jieba, English stemmed). " +
    "Metadata filters narrow the search to chunks whose metadata matches.",
  inputs: { query: ports.query, keywords: optional(ports.keywords) },
  outputs: { passages: ports.passages },
  config: z.object(retrievalFields),
});
