// Splits answer text at its [n] citation markers so each marker can link to its citation.

export type AnswerSegment = { kind: "text"; text: string } | { kind: "marker"; marker: number };

const MARKER = /\[(\d{1,4})\]/g;

export function answerSegments(text: string): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const at = match.index ?? 0;
    if (at > last) segments.push({ kind: "text", text: text.slice(last, at) });
    segments.push({ kind: "marker", marker: Number(match[1]) });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last) });
  return segments;
}
