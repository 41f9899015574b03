import { z } from "zod";
import { defineNodeSpec } from "../define";
import { optional, ports } from "../ports";
import { retrievalFields } from "../retrieval-config";
import { fusionConfig } from "./fusion-config";

export const spec = defineNodeSpec({
  type: "retrieve.hybrid",
  version: 1,
  category: "retrieval",
  title: "Hybrid retriever",
  help:
    "Runs BM25 and dense retrieval over the same knowledge base and fuses the two rankings: weighted " +
    "(normalised scores, BM25-leaning by default, so exact terms keep their weight) or reciprocal-rank " +
    "fusion. Each passage records the rank and score each retriever gave it. On a base without an " +
    "embedder it is BM25 alone, and says so in the trace.",
  inputs: { query: ports.query, keywords: optional(ports.keywords) },
  outputs: { passages: ports.passages },
  config: z.object({ ...retrievalFields, fusion: fusionConfig.prefault({}).meta({ title: "Fusion", description: "How the BM25 and dense rankings become one." }) }),
});
