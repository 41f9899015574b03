import { z } from "zod";
import { defineNodeSpec } from "../define";
import { modelFields, promptField, requireProviderInProviderMode } from "../model-config";
import { ports } from "../ports";

export const DEFAULT_REWRITE_PROMPT =
  "You rewrite the last question of a conversation into a standalone question that can be understood " +
  "without the conversation: replace pronouns and fill in what the question leaves out (the topic, the " +
  "entities, the place and time) from the earlier turns. Keep the question's language and wording otherwise; " +
  "do not answer it and do not add anything the conversation does not say.\n\nConversation:\n{history}\n\n" +
  'Last question: {question}\n\nReply as JSON: {"question": "<the standalone question>"}';

export const spec = defineNodeSpec({
  type: "query.rewrite",
  version: 1,
  category: "query",
  title: "Context rewriting",
  help:
    "Turns the latest turn of a conversation into a standalone question, so retrieval finds what a " +
    "follow-up like \"and how long does it take?\" is about. Provider mode asks a chat model (the prompt is " +
    "editable). Offline mode carries the noun phrase the earlier turns name most into the question, in place " +
    "of a pronoun, in front of it (Chinese, segmented by jieba; after a final verb that lost its object) or after " +
    "it (English): it fixes a missing " +
    "topic, not a missing reason or comparison. The history is passed on unchanged.",
  inputs: { query: ports.query },
  outputs: { query: ports.query },
  config: z
    .object({
      ...modelFields,
      prompt: promptField(DEFAULT_REWRITE_PROMPT, "Prompt", "Sent to the model in provider mode; {history} and {question} are filled in."),
    })
    .superRefine(requireProviderInProviderMode),
});
