// The config fields every retriever node shares: which base, how many passages, which metadata
// filters. Spread into a retriever's config object; pure, so the config forms are generated from it.
import { z } from "zod";
import { metadataFilters } from "./retrieval-filters";

/** The knowledge-base picker every node that reads a base shows; `description` says what the base is for. */
export function knowledgeBaseField(description: string) {
  return z.string().min(1, "Choose a knowledge base").meta({ title: "Knowledge base", description, widget: "knowledgeBase" });
}

export const retrievalFields = {
  knowledgeBaseId: knowledgeBaseField("The knowledge base to search."),
  topK: z
    .number()
    .int()
    .min(1)
    .max(200)
    .default(8)
    .meta({ title: "Passages", description: "How many of the best-scoring passages to pass on (1–200)." }),
  filters: metadataFilters,
};
