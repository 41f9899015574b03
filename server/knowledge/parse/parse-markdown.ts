// Markdown and plain text are indexed as written; Markdown's ATX headings (outside code fences)
// give the heading path, and its first top heading the title.
import type { Heading, ParsedDocument } from "./parsed-document";

export function markdownHeadings(content: string): Heading[] {
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

export function parseMarkdown(text: string): ParsedDocument {
  const headings = markdownHeadings(text);
  return { title: headings.find((h) => h.level === 1)?.text, text, headings, pages: [], markdown: true };
}

export function parsePlainText(text: string): ParsedDocument {
  return { text, headings: [], pages: [], markdown: false };
}
