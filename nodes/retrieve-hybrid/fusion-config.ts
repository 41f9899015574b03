// How the hybrid retriever fuses BM25 and dense results. Pure zod: the node's config form and the
// knowledge store read the same definition. The defaults were chosen with `bench:retrieval --sweep`:
// BM25-leaning weighted fusion (0.8 / 0.2) beat BM25 alone on both SciFact (USE) and LeCoQA (LSA),
// and RRF with k = 10 beat k = 60 on both.
import { z } from "zod";

export const fusionConfig = z.object({
  method: z
    .enum(["weighted", "rrf"])
    .default("weighted")
    .meta({ title: "Fusion", description: "weighted: min–max normalised scores, weighted sum. rrf: reciprocal-rank fusion, Σ weight / (k + rank)." }),
  bm25Weight: z.number().min(0).max(1).default(0.8).meta({ title: "BM25 weight", description: "Share of BM25 in the fused score (0–1)." }),
  denseWeight: z.number().min(0).max(1).default(0.2).meta({ title: "Dense weight", description: "Share of dense retrieval in the fused score (0–1)." }),
  rrfK: z.number().int().min(1).max(1000).default(10).meta({ title: "RRF k", description: "Damping constant of reciprocal-rank fusion (rrf only)." }),
  candidates: z
    .number()
    .int()
    .min(10)
    .max(1000)
    .default(100)
    .meta({ title: "Candidates per retriever", description: "How many results each retriever contributes before fusion." }),
});

export type FusionConfig = z.output<typeof fusionConfig>;
