// Sentence/paragraph chunking: whole sentences packed up to the chunk size, never across a paragraph
// when the chunk is already half full, with the last sentences repeated as overlap. Sentence ends are
// English (. ! ? ; before a space) and Chinese (。！？；… with any closing quotes); a blank line ends a
// paragraph. A single sentence longer than the chunk is cut by the recursive splitter.
import { recursiveSpans } from "./recursive-spans";
import type { Span } from "./text-chunk";

interface Sentence extends Span {
  paragraphEnd: boolean;
}

const boundary = /[。！？；…]+["'”’」』）)]*|[.!?;]+["'”’)]*(?=\s)|\n[ \t]*\n\s*/gu;

export function splitSentenceSpans(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (const match of text.matchAll(boundary)) {
    const paragraphEnd = match[0].includes("\n");
    const end = paragraphEnd ? match.index : match.index + match[0].length;
    if (/\S/.test(text.slice(from, end))) sentences.push({ start: from, end, paragraphEnd });
    else if (paragraphEnd && sentences.length > 0) sentences[sentences.length - 1].paragraphEnd = true;
    from = match.index + match[0].length;
  }
  if (/\S/.test(text.slice(from))) sentences.push({ start: from, end: text.length, paragraphEnd: true });
  return sentences;
}

export async function sentenceSpans(text: string, options: { chunkSize: number; overlapSentences: number }): Promise<Span[]> {
  const spans: Span[] = [];
  let current: Sentence[] = [];
  // Sentences in `current` not yet emitted: the overlap alone never makes a chunk.
  let fresh = 0;
  const emit = () => {
    if (fresh > 0) {
      const last = current[current.length - 1];
      spans.push({ start: current[0].start, end: last.end });
      const keep = options.overlapSentences > 0 && !last.paragraphEnd ? current.slice(-options.overlapSentences) : [];
      current = keep.length > 0 && keep[keep.length - 1].end - keep[0].start < options.chunkSize / 2 ? keep : [];
    } else current = [];
    fresh = 0;
  };
  for (const sentence of splitSentenceSpans(text)) {
    if (sentence.end - sentence.start > options.chunkSize) {
      emit();
      current = [];
      const inner = await recursiveSpans(text.slice(sentence.start, sentence.end), { chunkSize: options.chunkSize, chunkOverlap: 0, markdown: false }, sentence.start);
      spans.push(...inner);
      continue;
    }
    if (fresh > 0 && sentence.end - current[0].start > options.chunkSize) emit();
    // The overlap kept from the previous chunk must still leave room for this sentence.
    while (current.length > 0 && sentence.end - current[0].start > options.chunkSize) current.shift();
    current.push(sentence);
    fresh += 1;
    if (sentence.paragraphEnd && sentence.end - current[0].start >= options.chunkSize / 2) emit();
  }
  emit();
  return spans;
}
