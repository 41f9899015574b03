import { z } from "zod";
import { defineNodeSpec } from "../define";
import { ports } from "../ports";

export const passageOrders = ["best-last", "best-first", "document"] as const;

export const spec = defineNodeSpec({
  type: "select.topk",
  version: 1,
  category: "selection",
  title: "Top-k, dedupe and order",
  help:
    "Keeps the few passages an answer should rest on: drops near-duplicates (a passage whose words are " +
    "almost all in a better one, as with overlapping chunks), cuts to the best k (3–4 is what grounded-answer systems such as " +
    "Mozi use: more passages dilute the model's attention), and orders them. \"best-last\" puts the most " +
    "relevant passage nearest the question, which follows the passages in a prompt; \"document\" keeps the " +
    "sources' reading order. Ranks stay by relevance; the citation numbers follow the order.",
  inputs: { passages: ports.passages },
  outputs: { passages: ports.passages },
  config: z.object({
    topK: z.number().int().min(1).max(50).default(4).meta({ title: "Passages", description: "How many passages to keep (default 4)." }),
    duplicateOverlap: z
      .number()
      .min(0.1)
      .max(1)
      .default(0.8)
      .meta({ title: "Duplicate overlap", description: "Two passages are duplicates when this share of the shorter one's terms is in the other; the lower-ranked one goes." }),
    order: z
      .enum(passageOrders)
      .default("best-last")
      .meta({ title: "Order", description: "best-last: most relevant nearest the question; best-first; document: the sources' reading order." }),
  }),
});
