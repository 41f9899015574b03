import { z } from "zod";
import { defineNodeSpec } from "../define";
import { knowledgeBaseField } from "../retrieval-config";
import { modelFields, promptField, requireProviderInProviderMode } from "../model-config";
import { optional, ports } from "../ports";

export const DEFAULT_GUARD_PROMPT =
  "You decide whether a question belongs to the domain of a question-answering service.\n\n" +
  "The service's domain: {domain}\n\nQuestion: {question}\n\n" +
  "A question is in the domain when the service's documents could reasonably answer it. Reply as JSON: " +
  '{"inDomain": true or false, "reason": "<one short sentence>"}';

export const DEFAULT_REFUSAL = "This question is outside what this assistant can answer from its documents.";

export const spec = defineNodeSpec({
  type: "query.guard",
  version: 1,
  category: "query",
  title: "Domain guard",
  help:
    "Stops questions outside the pipeline's domain before anything answers them. In the domain, the question " +
    "leaves by the Query output and the Refusal output stays empty; outside it, only the Refusal output is " +
    "filled (a refused answer with the message below and the reason), and every node after the Query output " +
    "is skipped. Wire Refusal to an \"Answer or refusal\" node in front of the answer output. Provider mode " +
    "asks a chat model with the domain description (the prompt is editable). Offline mode searches the " +
    "knowledge base and measures how much of the question's vocabulary (rarer words weighing more, by the " +
    "base's own document frequencies) the best passage covers; below the threshold the question is out. The " +
    "threshold is calibrated on the base by default: pseudo-questions made from a sample of its own sentences " +
    "are scored, and the threshold is set where the target share of them would be refused (never above the " +
    "minimum coverage); it is stored on the base and fitted again when the base changes.",
  inputs: { query: ports.query },
  outputs: { query: optional(ports.query), refusal: optional(ports.answer, "Refusal") },
  config: z
    .object({
      ...modelFields,
      knowledgeBaseId: knowledgeBaseField("The base whose vocabulary defines the domain (offline mode)."),
      minCoverage: z
        .number()
        .min(0)
        .max(1)
        .default(0.35)
        .meta({
          title: "Minimum coverage",
          description:
            "Offline: share of the question's vocabulary (IDF-weighted) the best passage must contain for the question to be in the domain. " +
            "Calibrated: the most the fitted threshold may be.",
        }),
      threshold: z.enum(["calibrated", "fixed"]).default("calibrated").meta({
        title: "Threshold (offline)",
        description: "calibrated: fitted on the knowledge base at the target false-refusal rate, capped by the minimum coverage · fixed: the minimum coverage as set.",
      }),
      targetFalseRefusal: z
        .number()
        .min(0)
        .max(0.5)
        .default(0.05)
        .meta({ title: "Target false refusals", description: "Calibrated threshold: the share of the base's own pseudo-questions it may refuse." }),
      domain: z
        .string()
        .max(2000)
        .default("")
        .meta({ title: "Domain", description: "Provider mode: what the service answers questions about, in a sentence or two." }),
      refusalMessage: z.string().min(1).max(1000).default(DEFAULT_REFUSAL).meta({ title: "Refusal message", description: "The answer text of a refusal." }),
      prompt: promptField(DEFAULT_GUARD_PROMPT, "Prompt", "Sent to the model in provider mode; {domain} and {question} are filled in."),
    })
    .superRefine(requireProviderInProviderMode),
});
