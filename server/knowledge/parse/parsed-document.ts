// What every parser returns: the document's plain text plus the anchors a citation needs. Offsets are
// positions in `text`, so a chunk's page and heading path follow from its start offset alone.

export interface Heading {
  offset: number;
  level: number;
  text: string;
}

export interface ParsedDocument {
  title?: string;
  text: string;
  /** Headings in document order; a chunk's heading path is the stack in force at its start. */
  headings: Heading[];
  /** Where each page begins in `text` (PDF only), in order. */
  pages: Array<{ page: number; offset: number }>;
  /** Markdown source: the recursive chunker prefers Markdown's own block boundaries. */
  markdown: boolean;
}

/** A document that cannot be ingested as sent: the reason is shown to the person and never retried. */
export class IngestError extends Error {
  override name = "IngestError";
}

export function headingPathAt(headings: readonly Heading[], offset: number): string[] {
  const stack: Heading[] = [];
  for (const heading of headings) {
    if (heading.offset > offset) break;
    while (stack.length > 0 && stack[stack.length - 1].level >= heading.level) stack.pop();
    stack.push(heading);
  }
  return stack.map((h) => h.text);
}

export function pageAt(pages: ParsedDocument["pages"], offset: number): number | undefined {
  let page: number | undefined;
  for (const start of pages) {
    if (start.offset > offset) break;
    page = start.page;
  }
  return page;
}
