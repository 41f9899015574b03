// Provider-mode cited generation, shared by this node and by verification's "regenerate" policy:
// ask, parse the markers, ask once more with the problems when any, then keep what is cited.
import { fillPrompt, type ProviderRef } from "@/nodes/model-config";
import type { Answer, Passage, Query } from "@/nodes/ports";
import type { ChatMessage, ModelProviders } from "@/server/providers/model-providers";
import { composeText } from "./compose";
import { citedAnswer, parseCitedText } from "./parse-cited";
import { NO_ANSWER, numberedPassages, repairRequest } from "./prompt";

export const NOT_ANSWERED = "The model found no answer to this question in the passages";
export const NOTHING_CITED = "The model's answer cited no passage, even after a repair";

export interface GenerateCall {
  providers: ModelProviders;
  ref: ProviderRef;
  prompt: string;
  query: Query;
  passages: Passage[];
  signal?: AbortSignal;
  stream?: boolean;
  log(message: string, data?: unknown): void;
  /** Extra turns after the prompt, e.g. a previous answer and what verification found wrong with it. */
  feedback?: ChatMessage[];
}

function refusal(reason: string): Answer {
  return { text: reason, sentences: [], citations: [], refused: true, refusalReason: reason, mode: "provider" };
}

export async function generateWithModel(call: GenerateCall): Promise<Answer> {
  const { providers, ref, passages } = call;
  if (passages.length === 0) return refusal("No passage was retrieved for this question");
  const history = call.query.history.map((m): ChatMessage => ({ role: m.role, content: m.content }));
  const messages: ChatMessage[] = [
    ...history,
    { role: "user", content: fillPrompt(call.prompt, { passages: numberedPassages(passages), question: call.query.question }) },
    ...(call.feedback ?? []),
  ];
  let reply = await providers.complete(ref, messages, { signal: call.signal, stream: call.stream });
  if (reply.trim().startsWith(NO_ANSWER)) return refusal(NOT_ANSWERED);
  let parsed = parseCitedText(reply, passages.length);
  if (parsed.problems.length > 0) {
    call.log(`Citation problems; asking for a repair: ${parsed.problems.join(" ")}`);
    reply = await providers.complete(
      ref,
      [...messages, { role: "assistant", content: reply }, { role: "user", content: repairRequest(parsed.problems, passages.length) }],
      { signal: call.signal },
    );
    if (reply.trim().startsWith(NO_ANSWER)) return refusal(NOT_ANSWERED);
    parsed = parseCitedText(reply, passages.length);
    if (parsed.problems.length > 0) call.log(`Still wrong after the repair; dropping what cites nothing: ${parsed.problems.join(" ")}`);
  }
  const answer = citedAnswer(parsed, passages, "provider");
  return answer ? { ...answer, text: composeText(answer.sentences) } : refusal(NOTHING_CITED);
}
