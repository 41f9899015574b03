import { z } from "zod";
import { defineNodeSpec } from "../define";
import { knowledgeBaseField } from "../retrieval-config";
import { modelFields, promptField, requireProviderInProviderMode } from "../model-config";
import { ports } from "../ports";

export const DEFAULT_KEYWORDS_PROMPT =
  "A person without domain training asked the question below. List the domain keywords a specialist would " +
  "search the knowledge base with: the technical terms, the names of the legal or medical concepts involved, " +
  "and the key entities of the question. Use the question's language. At most {maxKeywords} keywords.\n\n" +
  'Question: {question}\n\nReply as JSON: {"keywords": ["<keyword>", ...]}';

export const spec = defineNodeSpec({
  type: "query.keywords",
  version: 1,
  category: "query",
  title: "Keyword generation",
  help:
    "Turns a layperson's question into the keywords a specialist would search with (the \"keyword LLM\" of " +
    "ChatLaw and ChatDoctor); wire them into a retriever's keywords input. Provider mode asks a chat model " +
    "(the prompt is editable). Offline mode weighs the question's words by TF-IDF against the knowledge base's " +
    "own vocabulary (jieba segments Chinese), dropping words the base never uses or uses everywhere, and adds " +
    "the rarest words shared by the passages a first BM25 search finds: it can surface the base's terms, not " +
    "translate plain words into jargon the way a model can.",
  inputs: { query: ports.query },
  outputs: { keywords: ports.keywords },
  config: z
    .object({
      ...modelFields,
      knowledgeBaseId: knowledgeBaseField("Whose vocabulary weighs the words (offline mode)."),
      maxKeywords: z.number().int().min(1).max(20).default(6).meta({ title: "Keywords", description: "At most this many keywords from the question." }),
      expansion: z
        .number()
        .int()
        .min(0)
        .max(10)
        .default(0)
        .meta({
          title: "Expansion terms",
          description:
            "Offline: extra terms taken from the passages a first search finds (0 for none). Off by default: on lay legal questions (LeCoQA) they drew BM25 towards the first hits and lowered Recall@5 (npm run bench:keywords).",
        }),
      prompt: promptField(DEFAULT_KEYWORDS_PROMPT, "Prompt", "Sent to the model in provider mode; {question} and {maxKeywords} are filled in."),
    })
    .superRefine(requireProviderInProviderMode),
});
