// A chunker returns spans of the parsed text; the anchors a citation needs (heading path, page) follow
// from the span's start, and the chunk's text is always exactly `text.slice(start, end)`.
import { headingPathAt, pageAt, type ParsedDocument } from "../parse/parsed-document";

export interface Span {
  start: number;
  end: number;
}

export interface TextChunk extends Span {
  text: string;
  heading: string[];
  page?: number;
}

/** Spans trimmed of surrounding whitespace, empty ones dropped, each with its anchors. */
export function anchorSpans(doc: Pick<ParsedDocument, "text" | "headings" | "pages">, spans: readonly Span[]): TextChunk[] {
  const chunks: TextChunk[] = [];
  for (const span of spans) {
    let { start, end } = span;
    while (start < end && /\s/.test(doc.text[start])) start++;
    while (end > start && /\s/.test(doc.text[end - 1])) end--;
    if (start >= end) continue;
    const page = pageAt(doc.pages, start);
    chunks.push({ text: doc.text.slice(start, end), start, end, heading: headingPathAt(doc.headings, start), ...(page === undefined ? {} : { page }) });
  }
  return chunks;
}
