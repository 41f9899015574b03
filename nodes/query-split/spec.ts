import { z } from "zod";
import { defineNodeSpec } from "../define";
import { knowledgeBaseField } from "../retrieval-config";
import { modelFields, promptField, requireProviderInProviderMode } from "../model-config";
import { ports } from "../ports";

export const DEFAULT_SPLIT_PROMPT =
  "The message below may ask several questions at once. List each question separately, each rewritten to " +
  "stand on its own (repeat the topic a later question leaves out). Keep the message's language; a message " +
  'with one question gives a list of one.\n\nMessage: {question}\n\nReply as JSON: {"questions": ["<question>", ...]}';

export const spec = defineNodeSpec({
  type: "query.split",
  version: 1,
  category: "query",
  title: "Split and answer each",
  help:
    "Answers a message that asks several questions at once (\"自闭症有哪些症状？跟遗传有关吗？能被治愈吗？\") one question " +
    "at a time, then merges the answers with their citations renumbered. A pipeline graph has no loops, so this " +
    "node does the per-question work itself: for each question it searches the knowledge base with BM25 and " +
    "answers extractively (offline: quoted sentences, each cited; see Extractive answer). A question no passage " +
    "supports is named in the refusal reason; the whole answer is a refusal only when none is supported. " +
    "Splitting: offline, at question marks and sentence ends, carrying the topic of the first question into " +
    "a later one that leaves it out; provider mode asks a chat model to split (the prompt is editable).",
  inputs: { query: ports.query },
  outputs: { answer: ports.answer },
  config: z
    .object({
      ...modelFields,
      knowledgeBaseId: knowledgeBaseField("Searched once per question."),
      maxQuestions: z.number().int().min(1).max(10).default(5).meta({ title: "Questions", description: "At most this many questions are answered." }),
      passagesPerQuestion: z
        .number()
        .int()
        .min(1)
        .max(20)
        .default(4)
        .meta({ title: "Passages per question", description: "How many BM25 passages each question is answered from." }),
      sentencesPerQuestion: z.number().int().min(1).max(10).default(2).meta({ title: "Sentences per question", description: "Quoted sentences per answer." }),
      minOverlap: z
        .number()
        .min(0)
        .max(1)
        .default(0.3)
        .meta({ title: "Minimum overlap", description: "Share of a question's terms a quoted sentence must contain (as in Extractive answer)." }),
      prompt: promptField(DEFAULT_SPLIT_PROMPT, "Prompt", "Sent to the model in provider mode; {question} is filled in."),
    })
    .superRefine(requireProviderInProviderMode),
});
