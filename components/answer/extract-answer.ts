// A run's result is the exit node's outputs; the answer is either that value itself or its `answer`
// output. Parsed with the port's own schema, so a malformed result is never shown as an answer.
import { answer as answerSchema, type Answer } from "@/nodes/ports";

export function extractAnswer(output: unknown): Answer | undefined {
  const direct = answerSchema.safeParse(output);
  if (direct.success) return direct.data;
  if (output && typeof output === "object" && "answer" in output) {
    const nested = answerSchema.safeParse(output.answer);
    if (nested.success) return nested.data;
  }
  return undefined;
}
