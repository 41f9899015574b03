import { z } from "zod";
import { defineNodeSpec } from "../define";
import { localModelField, modelModeWithLocal, promptField, providerField, requireLocalModelInLocalMode, requireProviderInProviderMode } from "../model-config";
import { ports } from "../ports";

export const DEFAULT_SELECT_PROMPT =
  "You select the knowledge a specialist needs to answer a question. Below are numbered passages from the " +
  "knowledge base. Choose the passages that help answer the question, most useful first, and leave out " +
  "passages that are off-topic or only repeat another.\n\nQuestion: {question}\n\nPassages:\n{passages}\n\n" +
  'Reply as JSON: {"selected": [<passage numbers, most useful first>]}';

export const spec = defineNodeSpec({
  type: "select.rerank",
  version: 1,
  category: "selection",
  title: "Rerank",
  help:
    "Reorders retrieved passages by how well they serve the question, and keeps the best. Provider mode uses " +
    "the chat model as a knowledge selector (as ChatDoctor does): it reads the numbered passages and names the " +
    "useful ones, most useful first; passages it leaves out are dropped. Local mode runs a cross-encoder from a " +
    "registered ONNX folder (Settings → Local models) on each (question, passage) pair and keeps the highest " +
    "scores. Offline mode is maximal marginal " +
    "relevance (MMR): each next passage is the one most similar to the question (TF-IDF over the passages) " +
    "and least similar to those already chosen, so five near-copies of one paragraph do not crowd out the " +
    "second half of the answer.",
  inputs: { query: ports.query, passages: ports.passages },
  outputs: { passages: ports.passages },
  config: z
    .object({
      mode: modelModeWithLocal("a cross-encoder from a registered local ONNX folder, run on this server."),
      provider: providerField,
      localModel: localModelField("rerank"),
      topK: z.number().int().min(1).max(100).default(8).meta({ title: "Passages", description: "How many passages to keep." }),
      lambda: z
        .number()
        .min(0)
        .max(1)
        .default(0.7)
        .meta({ title: "Relevance vs diversity", description: "Offline (MMR): 1 ranks by relevance alone, 0 by novelty alone." }),
      prompt: promptField(DEFAULT_SELECT_PROMPT, "Prompt", "Sent to the model in provider mode; {question} and {passages} are filled in."),
    })
    .superRefine(requireProviderInProviderMode)
    .superRefine(requireLocalModelInLocalMode),
});
