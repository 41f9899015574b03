import { z } from "zod";
import { defineNodeSpec } from "../define";
import { localModelField, modelModeWithLocal, promptField, providerField, requireLocalModelInLocalMode, requireProviderInProviderMode } from "../model-config";
import { optional, ports } from "../ports";
import { judgePromptDefault } from "./prompt";
import { generatePromptDefault } from "../generate-cited/prompt";

/** Offline: a sentence scoring at least this is entailed. The score is a calibrated probability (calibration.ts), so 0.5 is "more likely supported than not"; scripts/bench-verify.ts shows how the figures move around it. */
export const DEFAULT_SUPPORT_THRESHOLD = 0.5;
/** Offline: below this share of a sentence's content words in its passages, the passages are about something else. */
export const DEFAULT_MIN_COVERAGE = 0.1;

export const failurePolicies = ["flag", "drop", "regenerate", "refuse"] as const;

export const spec = defineNodeSpec({
  type: "verify.citations",
  version: 1,
  category: "verification",
  title: "Verify citations",
  help:
    "Checks every sentence of the answer against the passages it cites and labels it entailment, neutral or " +
    "contradiction with a score. Provider mode: an LLM judge reads each sentence with its passages. Local mode: an NLI " +
    "model from a registered ONNX folder (Settings → Local models) reads the cited passages as premise and the sentence " +
    "as hypothesis; the score is its probability of entailment. Offline mode: a " +
    "heuristic, no model: the share of the sentence's content found in the passages and the cues of a different statement (a " +
    "negation, an opposite direction such as more/less, or an absolute word such as \"only\" on one side only) weighed into a " +
    "probability calibrated per language on public NLI sets; a number the passages do not state, a swapped antonym, or too little " +
    "in common fails outright, and a cue on an otherwise matching clause reads as a " +
    "contradiction; it cannot follow paraphrase or inference. A sentence that is not entailed fails, and the policy " +
    "decides: flag it (shown, marked), drop it, regenerate the answer once with the verdicts as feedback (provider " +
    "mode), or refuse the whole answer. An answer left with no sentence is a refusal.",
  inputs: { answer: ports.answer, passages: ports.passages, query: optional(ports.query, "Query (for regenerate)") },
  outputs: { answer: ports.answer, verdict: ports.verdict },
  config: z
    .object({
      mode: modelModeWithLocal("an NLI model from a registered local ONNX folder, run on this server."),
      provider: providerField,
      localModel: localModelField("nli"),
      prompt: promptField(judgePromptDefault, "Judge prompt", "Sent in provider mode; {items} is filled with the sentences and their passages."),
      regeneratePrompt: promptField(generatePromptDefault, "Regenerate prompt", "Used by the regenerate policy; {passages} and {question} are filled in."),
      policy: z.enum(failurePolicies).default("drop").meta({
        title: "On an unsupported sentence",
        description: "flag: keep and mark it · drop: remove it · regenerate: answer again once with the verdicts (provider mode) · refuse: refuse the answer.",
      }),
      threshold: z
        .number()
        .min(0)
        .max(1)
        .default(DEFAULT_SUPPORT_THRESHOLD)
        .meta({ title: "Support threshold (offline)", description: "A sentence scoring at least this is entailed. Higher is stricter." }),
      minCoverage: z
        .number()
        .min(0)
        .max(1)
        .default(DEFAULT_MIN_COVERAGE)
        .meta({
          title: "Minimum content found (offline)",
          description:
            "A sentence with less than this share of its content words in its cited passages fails, whatever its score. The default " +
            "tolerates paraphrase (supported claims often share a quarter of their words); raise it when a model writes the answer, " +
            "so an invented sentence on the passage's topic fails too.",
        }),
    })
    .superRefine(requireProviderInProviderMode)
    .superRefine(requireLocalModelInLocalMode)
    .superRefine((config, ctx) => {
      if (config.policy === "regenerate" && config.mode !== "provider") {
        ctx.addIssue({ code: "custom", path: ["policy"], message: "Regenerate needs provider mode: offline there is no model to answer again" });
      }
    }),
});
