// One answer from the answers to the parts of a message: sentences in question order, each part's
// markers shifted past the markers of the parts before it, so every [n] still names its own citation.
import type { Answer } from "@/nodes/ports";

export interface PartAnswer {
  question: string;
  answer: Answer;
}

export function mergeAnswers(parts: PartAnswer[], mode: Answer["mode"]): Answer {
  const answered = parts.filter((p) => !p.answer.refused);
  const unanswered = parts.filter((p) => p.answer.refused).map((p) => p.question);
  if (answered.length === 0) {
    const reason = `No passage supports an answer to any of the questions: ${unanswered.join(" / ")}`;
    return { text: reason, sentences: [], citations: [], refused: true, refusalReason: reason, mode };
  }
  let offset = 0;
  const merged: Answer = { text: "", sentences: [], citations: [], refused: false, mode };
  const texts: string[] = [];
  for (const { answer } of answered) {
    const shift = (marker: number) => marker + offset;
    merged.sentences.push(...answer.sentences.map((s) => ({ ...s, markers: s.markers.map(shift) })));
    merged.citations.push(...answer.citations.map((c) => ({ ...c, marker: shift(c.marker) })));
    texts.push(answer.text.replace(/\[(\d+)\]/g, (_, n: string) => `[${shift(Number(n))}]`));
    offset += Math.max(0, ...answer.citations.map((c) => c.marker));
  }
  merged.text = texts.join("\n\n");
  if (unanswered.length > 0) merged.refusalReason = `No passage supports an answer to: ${unanswered.join(" / ")}`;
  return merged;
}
