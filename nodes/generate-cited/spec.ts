import { z } from "zod";
import { defineNodeSpec } from "../define";
import { modelFields, promptField, requireProviderInProviderMode } from "../model-config";
import { ports } from "../ports";
import { generatePromptDefault } from "./prompt";

export const spec = defineNodeSpec({
  type: "generate.cited",
  version: 1,
  category: "generation",
  title: "Generate with citations",
  help:
    "Writes the answer so that every sentence ends with [n] markers pointing at the passages it uses. Provider mode: a " +
    "chat model answers from the numbered passages (streamed); a sentence without a marker or with a marker that points " +
    "at no passage is sent back once for repair, and whatever still cites nothing is dropped. Offline mode: extractive, " +
    "no model: it quotes the passage sentences that best cover the question, each cited, and refuses when none does; it " +
    "cannot rephrase or combine. Either mode refuses when the passages do not answer.",
  inputs: { query: ports.query, passages: ports.passages },
  outputs: { answer: ports.answer },
  config: z
    .object({
      ...modelFields,
      prompt: promptField(generatePromptDefault, "Answer prompt", "Sent in provider mode; {passages} and {question} are filled in."),
      maxSentences: z
        .number()
        .int()
        .min(1)
        .max(10)
        .default(3)
        .meta({ title: "Sentences (offline)", description: "At most this many quoted sentences make up an offline answer." }),
      minOverlap: z
        .number()
        .min(0)
        .max(1)
        .default(0.3)
        .meta({
          title: "Minimum overlap (offline)",
          description: "Share of the question's terms (rarer terms weigh more) a sentence must contain to be quoted offline.",
        }),
    })
    .superRefine(requireProviderInProviderMode),
});
