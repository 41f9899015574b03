import { z } from "zod";
import { defineNodeSpec } from "../define";
import { ports } from "../ports";

export const spec = defineNodeSpec({
  type: "generate.extractive",
  version: 1,
  category: "generation",
  title: "Extractive answer",
  help:
    "Answers offline, without a model, by quoting: it picks the passage sentences that share the most of the " +
    "question's terms (at least two of them, rarer terms weighing more) and ends each with [n] pointing at its " +
    "passage; a term its passage names elsewhere counts half, and a sentence holding the kind of answer asked " +
    "for (a number, a date) is preferred. It never writes words of its own, so it cannot invent a fact, but it cannot rephrase, combine or " +
    "reason either, and it misses answers worded differently from the question. When no sentence shares enough " +
    "of the question, it refuses.",
  inputs: { query: ports.query, passages: ports.passages },
  outputs: { answer: ports.answer },
  config: z.object({
    maxSentences: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(3)
      .meta({ title: "Sentences", description: "At most this many quoted sentences make up the answer." }),
    minOverlap: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .meta({
        title: "Minimum overlap",
        description:
          "Share of the question's terms (rarer terms weigh more) a sentence must contain to be quoted. " +
          "When no sentence reaches it, the answer is a refusal.",
      }),
  }),
});
