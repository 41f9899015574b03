// Recursive character splitting (LangChain's RecursiveCharacterTextSplitter) with the offsets of every
// piece recovered, trying paragraph, line and sentence ends (English and Chinese) before words.
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Span } from "./text-chunk";

const sentenceSeparators = ["。", "！", "？", "；", "…", ". ", "! ", "? ", "; "];
const plainSeparators = ["\n\n", "\n", ...sentenceSeparators, " ", ""];

function separators(markdown: boolean): string[] {
  if (!markdown) return plainSeparators;
  const md = RecursiveCharacterTextSplitter.getSeparatorsForLanguage("markdown");
  const space = md.indexOf(" ");
  return [...md.slice(0, space), ...sentenceSeparators, ...md.slice(space)];
}

const closingPunctuation = /[。！？；….!?;]/u;
const leadingJunk = /^[\s。！？；….!?;，、,]+/u;

export async function recursiveSpans(
  text: string,
  options: { chunkSize: number; chunkOverlap: number; markdown: boolean },
  offset = 0,
): Promise<Span[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize,
    chunkOverlap: options.chunkOverlap,
    separators: separators(options.markdown),
    keepSeparator: true,
  });
  const spans: Span[] = [];
  let searchFrom = 0;
  for (const piece of await splitter.splitText(text)) {
    // The splitter keeps separators at the start of the next piece and trims: put a sentence's closing
    // mark back on the chunk it ends, and drop it from the one it would begin.
    const found = text.indexOf(piece, searchFrom);
    if (found < 0) throw new Error(`Chunker lost its place in the document near offset ${offset + searchFrom}`);
    let start = found;
    let end = found + piece.length;
    if (end < text.length && closingPunctuation.test(text[end])) end += 1;
    start += leadingJunk.exec(text.slice(start, end))?.[0].length ?? 0;
    searchFrom = found + 1;
    if (start < end) spans.push({ start: offset + start, end: offset + end });
  }
  return spans;
}
