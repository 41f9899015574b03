// Markdown-header chunking: one chunk per section (a heading and the text up to the next heading), so
// a chunk never mixes two sections and carries its full heading path; a section longer than the
// chunk size is split inside by the recursive splitter.
import type { Heading } from "../parse/parsed-document";
import { recursiveSpans } from "./recursive-spans";
import type { Span } from "./text-chunk";

export async function markdownSpans(text: string, headings: readonly Heading[], options: { chunkSize: number; chunkOverlap: number }): Promise<Span[]> {
  const cuts = [0, ...headings.map((h) => h.offset).filter((offset) => offset > 0), text.length];
  const spans: Span[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    if (!/\S/.test(text.slice(start, end))) continue;
    if (end - start <= options.chunkSize) spans.push({ start, end });
    else spans.push(...(await recursiveSpans(text.slice(start, end), { ...options, markdown: true }, start)));
  }
  return spans;
}
