// Splits a document into overlapping chunks that remember where they came from: every chunk's text is
// exactly `content.slice(start, end)`, and `heading` is the Markdown heading path in force at its start,
// so a citation can point a reader at the very place in the source.
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { z } from "zod";

/** What Chunk.metadata holds; read back by search when it builds a passage's source anchor. */
export const chunkMetadata = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  heading: z.array(z.string()),
});

export type ChunkMetadata = z.output<typeof chunkMetadata>;
export type TextChunk = ChunkMetadata & { text: string };

export interface ChunkOptions {
  markdown: boolean;
  chunkSize?: number;
  chunkOverlap?: number;
}

// Sentence ends of English and Chinese, tried before breaking inside a sentence.
const sentenceSeparators = ["。", "！", "？", "；", ". ", "! ", "? ", "; "];
const plainSeparators = ["\n\n", "\n", ...sentenceSeparators, " ", ""];

function separators(markdown: boolean): string[] {
  if (!markdown) return plainSeparators;
  const md = RecursiveCharacterTextSplitter.getSeparatorsForLanguage("markdown");
  const space = md.indexOf(" ");
  return [...md.slice(0, space), ...sentenceSeparators, ...md.slice(space)];
}

const closingPunctuation = /[。！？；.!?;]/u;
const leadingJunk = /^[\s。！？；.!?;，、,]+/u;

interface Heading {
  offset: number;
  level: number;
  text: string;
}

function markdownHeadings(content: string): Heading[] {
  const headings: Heading[] = [];
  let inFence = false;
  let offset = 0;
  for (const line of content.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^(#{1,6})[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (match) headings.push({ offset, level: match[1].length, text: match[2].trim() });
    offset += line.length + 1;
  }
  return headings;
}

function headingPathAt(headings: Heading[], offset: number): string[] {
  const stack: Heading[] = [];
  for (const heading of headings) {
    if (heading.offset > offset) break;
    while (stack.length > 0 && stack[stack.length - 1].level >= heading.level) stack.pop();
    stack.push(heading);
  }
  return stack.map((h) => h.text);
}

export async function chunkText(content: string, options: ChunkOptions): Promise<TextChunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize ?? 800,
    chunkOverlap: options.chunkOverlap ?? 100,
    separators: separators(options.markdown),
    keepSeparator: true,
  });
  const headings = options.markdown ? markdownHeadings(content) : [];
  const chunks: TextChunk[] = [];
  let searchFrom = 0;
  for (const piece of await splitter.splitText(content)) {
    // The splitter keeps separators at the start of the next piece and trims: put a sentence's closing
    // mark back on the chunk it ends, and drop it from the one it would begin.
    const found = content.indexOf(piece, searchFrom);
    if (found < 0) throw new Error(`Chunker lost its place in the document near offset ${searchFrom}`);
    let start = found;
    let end = found + piece.length;
    if (end < content.length && closingPunctuation.test(content[end])) end += 1;
    const lead = leadingJunk.exec(content.slice(start, end))?.[0].length ?? 0;
    start += lead;
    searchFrom = found + 1;
    if (start >= end) continue;
    chunks.push({ text: content.slice(start, end), start, end, heading: headingPathAt(headings, start) });
  }
  return chunks;
}
