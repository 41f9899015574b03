// OpenAI's chat completion and chunk objects, with the grounding in an extra field `groundwork`:
//   groundwork: { run_id, version, refused, refusal_reason, citations, verdicts }
// on the completion (non-streaming) and on the last chunk (streaming). A refusal is an ordinary
// assistant message (finish_reason "stop") whose text says why; `groundwork.refused` tells a
// program it was one.
import type { Answer, Verdict } from "@/nodes/ports";
import { publishedAnswer } from "../published-run";

export function groundworkField(answer: Answer, runId: string, verdict: Verdict | null, versionNumber: number) {
  const { citations, verdicts, refused, refusalReason } = publishedAnswer(answer, runId, verdict);
  return { run_id: runId, version: versionNumber, refused, refusal_reason: refusalReason ?? null, citations, verdicts };
}

export type GroundworkField = ReturnType<typeof groundworkField>;

export function completionId(runId: string): string {
  return `chatcmpl-${runId}`;
}

export function chatCompletion(args: { runId: string; model: string; created: number; content: string; groundwork: GroundworkField }) {
  return {
    id: completionId(args.runId),
    object: "chat.completion" as const,
    created: args.created,
    model: args.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant" as const, content: args.content, refusal: null },
        finish_reason: "stop" as const,
        logprobs: null,
      },
    ],
    groundwork: args.groundwork,
  };
}

export function chatChunk(args: {
  id: string;
  model: string;
  created: number;
  delta: { role?: "assistant"; content?: string };
  finishReason?: "stop" | null;
  groundwork?: GroundworkField;
}) {
  return {
    id: args.id,
    object: "chat.completion.chunk" as const,
    created: args.created,
    model: args.model,
    choices: [{ index: 0, delta: args.delta, finish_reason: args.finishReason ?? null, logprobs: null }],
    ...(args.groundwork ? { groundwork: args.groundwork } : {}),
  };
}

/** An answer cut into sentence-sized deltas (each keeps its trailing space and citation markers). */
export function contentDeltas(text: string): string[] {
  const parts = (text.match(/[^.!?。！？]*(?:[.!?。！？]+(?:\s*\[\d+\])*\s*|$)/g) ?? []).filter(Boolean);
  // Whatever the text holds, the deltas must add up to exactly it.
  return parts.join("") === text ? parts : [text];
}
