// A parsed document → chunks with anchors, by the knowledge base's (or node's) chunker settings.
import type { ChunkerSettings } from "@/nodes/chunker-settings";
import type { ParsedDocument } from "../parse/parsed-document";
import { markdownSpans } from "./markdown-spans";
import { recursiveSpans } from "./recursive-spans";
import { sentenceSpans } from "./sentence-spans";
import { anchorSpans, type Span, type TextChunk } from "./text-chunk";
import { tokenWindowSpans } from "./token-window-spans";

async function spansOf(doc: ParsedDocument, settings: ChunkerSettings): Promise<Span[]> {
  switch (settings.kind) {
    case "recursive":
      return recursiveSpans(doc.text, { chunkSize: settings.chunkSize, chunkOverlap: settings.chunkOverlap, markdown: doc.markdown });
    case "sentence":
      return sentenceSpans(doc.text, settings);
    case "markdown":
      return markdownSpans(doc.text, doc.headings, settings);
    case "token":
      return tokenWindowSpans(doc.text, settings);
  }
}

/** A chunk never straddles a page break, so its page anchor is the whole truth. */
async function pagedSpans(doc: ParsedDocument, settings: ChunkerSettings): Promise<Span[]> {
  if (doc.pages.length < 2) return spansOf(doc, settings);
  const spans: Span[] = [];
  for (let i = 0; i < doc.pages.length; i++) {
    const start = doc.pages[i].offset;
    const end = i + 1 < doc.pages.length ? doc.pages[i + 1].offset : doc.text.length;
    const page: ParsedDocument = {
      ...doc,
      text: doc.text.slice(start, end),
      headings: doc.headings.filter((h) => h.offset >= start && h.offset < end).map((h) => ({ ...h, offset: h.offset - start })),
      pages: [],
    };
    for (const span of await spansOf(page, settings)) spans.push({ start: span.start + start, end: span.end + start });
  }
  return spans;
}

export async function chunkDocument(doc: ParsedDocument, settings: ChunkerSettings): Promise<TextChunk[]> {
  return anchorSpans(doc, await pagedSpans(doc, settings));
}
