// The body of POST /api/v1/chat/completions: OpenAI's chat request, of which a pipeline uses the
// model (the endpoint's slug), the messages and `stream`. Sampling options (temperature, max_tokens,
// ...) are accepted and ignored: the pipeline's own nodes decide how the answer is made.
import { z } from "zod";
import type { Query } from "@/nodes/ports";
import { MAX_QUESTION_CHARS } from "../run-request";

const textPart = z.object({ type: z.literal("text"), text: z.string() });

const message = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  // Text only: a pipeline answers from documents, not from images or audio.
  content: z.union([z.string(), z.array(textPart, { error: "Only text content parts ({type: \"text\", text}) are supported" }), z.null()]),
});

export const chatCompletionRequest = z.looseObject({
  model: z.string({ error: "Name the endpoint's slug as the model" }).min(1, "Name the endpoint's slug as the model"),
  messages: z.array(message).min(1, "Send at least one message"),
  stream: z.boolean().nullish(),
});

export type ChatCompletionRequest = z.output<typeof chatCompletionRequest>;

function textOf(content: z.output<typeof message>["content"]): string {
  if (content === null) return "";
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

export type QueryFromMessages = { ok: true; query: Query } | { ok: false; message: string; param: string };

/**
 * The last user message is the question; the user and assistant turns before it are the history.
 * System, developer and tool messages are left out: a pipeline's behaviour is set by its graph, and
 * letting a caller's system prompt reach it would let any client loosen its grounding.
 */
export function queryFromMessages(messages: ChatCompletionRequest["messages"]): QueryFromMessages {
  const last = messages.findLastIndex((entry) => entry.role === "user");
  if (last === -1) return { ok: false, message: "The messages contain no user message to answer.", param: "messages" };
  const question = textOf(messages[last].content).trim();
  if (!question) return { ok: false, message: `messages[${last}].content: the question is empty.`, param: `messages[${last}].content` };
  if (question.length > MAX_QUESTION_CHARS) {
    return { ok: false, message: `messages[${last}].content: a question has at most ${MAX_QUESTION_CHARS} characters.`, param: `messages[${last}].content` };
  }
  const history = messages
    .slice(0, last)
    .filter((entry): entry is typeof entry & { role: "user" | "assistant" } => entry.role === "user" || entry.role === "assistant")
    .map((entry) => ({ role: entry.role, content: textOf(entry.content) }));
  return { ok: true, query: { question, history } };
}
