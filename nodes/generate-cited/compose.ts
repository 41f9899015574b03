// Writes an answer's text from its sentences: each sentence followed by its [n] markers, Chinese
// sentences joined without spaces, others with one.
import type { Answer } from "@/nodes/ports";

const cjkEnd = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}。！？；，、」』）]$/u;

export function citedSentence(sentence: Answer["sentences"][number]): string {
  const markers = sentence.markers.map((m) => `[${m}]`).join("");
  if (markers === "") return sentence.text;
  return cjkEnd.test(sentence.text) ? `${sentence.text}${markers}` : `${sentence.text} ${markers}`;
}

export function composeText(sentences: Answer["sentences"]): string {
  return sentences.map(citedSentence).reduce((text, part) => (text === "" ? part : cjkEnd.test(text) ? text + part : `${text} ${part}`), "");
}
