// What the answer becomes once its sentences are judged: unchanged (flag), without the failing
// sentences (drop), or a refusal (refuse, or nothing supported left). Citations no remaining sentence
// uses are removed with their sentences.
import { composeText } from "@/nodes/generate-cited/compose";
import type { Answer, Verdict } from "@/nodes/ports";

export const UNSUPPORTED = "The answer's sources do not support it";

export function failing(verdict: Verdict): number[] {
  return verdict.sentences.flatMap((s, i) => (s.label === "entailment" ? [] : [i]));
}

export function refuseAnswer(answer: Answer, reason: string): Answer {
  return { text: reason, sentences: [], citations: [], refused: true, refusalReason: reason, mode: answer.mode };
}

function describeFailures(verdict: Verdict, indexes: number[]): string {
  return `${UNSUPPORTED}: ${indexes.map((i) => `sentence ${i + 1} is ${verdict.sentences[i].label}`).join(", ")}`;
}

export function applyPolicy(answer: Answer, verdict: Verdict, policy: "flag" | "drop" | "refuse"): Answer {
  const failed = failing(verdict);
  if (answer.refused || failed.length === 0 || policy === "flag") return answer;
  if (policy === "refuse" || failed.length === answer.sentences.length) return refuseAnswer(answer, describeFailures(verdict, failed));
  const sentences = answer.sentences.filter((_, i) => !failed.includes(i));
  const used = new Set(sentences.flatMap((s) => s.markers));
  return { ...answer, text: composeText(sentences), sentences, citations: answer.citations.filter((c) => used.has(c.marker)) };
}
