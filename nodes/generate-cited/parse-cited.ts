// Reads a model's cited answer back into sentences with their markers, and says what is wrong with
// it: a sentence without a marker, or a marker that points at no passage. Markers are accepted as
// [1], [1][2], [1, 2] and 【1】, before or after the sentence's full stop.
import type { Answer, Passage } from "@/nodes/ports";
import { splitSentences } from "@/server/knowledge/sentences";

const markerGroup = /\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\s*\d+(?:\s*[,，、]\s*\d+)*\s*】)/gu;
const leadingMarkers = /^(?:\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\s*\d+(?:\s*[,，、]\s*\d+)*\s*】))+/u;

export interface ParsedCitedText {
  sentences: Answer["sentences"];
  /** What must be repaired, one line each; empty when every sentence cites a real passage. */
  problems: string[];
}

function numbersIn(markers: string): number[] {
  return [...markers.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

// "applies.[2][3] Next" is not split after the full stop: the markers move before it first.
const markersAfterStop = /([.。!！?？])((?:\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\s*\d+(?:\s*[,，、]\s*\d+)*\s*】))+)/gu;

export function parseCitedText(text: string, passageCount: number): ParsedCitedText {
  const raw: Array<{ text: string; markers: number[] }> = [];
  for (const { text: sentence } of splitSentences(text.replace(markersAfterStop, "$2$1"))) {
    // "… deposit. [2] The next …" splits after the full stop: the marker belongs to the sentence before.
    const leading = leadingMarkers.exec(sentence)?.[0] ?? "";
    if (leading && raw.length > 0) raw[raw.length - 1].markers.push(...numbersIn(leading));
    const body = sentence.slice(leading.length);
    const markers = numbersIn((body.match(markerGroup) ?? []).join(" "));
    const clean = body.replace(markerGroup, "").replace(/\s+([.。!！?？;；,，])/gu, "$1").trim();
    if (clean !== "") raw.push({ text: clean, markers });
    else if (markers.length > 0 && raw.length > 0) raw[raw.length - 1].markers.push(...markers);
  }
  const problems: string[] = [];
  const sentences = raw.map((s, i) => {
    const markers = [...new Set(s.markers)];
    const invalid = markers.filter((m) => m < 1 || m > passageCount);
    if (markers.length === 0) problems.push(`Sentence ${i + 1} ("${s.text.slice(0, 60)}") ends without a [n] marker.`);
    if (invalid.length > 0) problems.push(`Sentence ${i + 1} cites [${invalid.join("], [")}], but only passages 1 to ${passageCount} exist.`);
    return { text: s.text, markers };
  });
  return { sentences, problems };
}

/**
 * The answer a parsed text supports: out-of-range markers removed, sentences left citing nothing
 * dropped (an uncited sentence is exactly what this product must not show), citations for the
 * markers used. Null when nothing cited is left.
 */
export function citedAnswer(parsed: ParsedCitedText, passages: Passage[], mode: Answer["mode"]): Omit<Answer, "text"> | null {
  const sentences = parsed.sentences
    .map((s) => ({ text: s.text, markers: s.markers.filter((m) => m >= 1 && m <= passages.length) }))
    .filter((s) => s.markers.length > 0);
  if (sentences.length === 0) return null;
  const used = [...new Set(sentences.flatMap((s) => s.markers))].sort((a, b) => a - b);
  const citations = used.map((marker) => {
    const passage = passages[marker - 1];
    return { marker, passageId: passage.id, source: passage.source, quote: passage.text };
  });
  return { sentences, citations, refused: false, mode };
}
