// HTML → readable text: block elements become line breaks, h1–h6 become the heading path, and
// scripts, styles and other non-content elements are dropped. DOCX goes through here too (mammoth
// converts it to semantic HTML first).
import { parse, NodeType, type HTMLElement, type Node } from "node-html-parser";
import type { Heading, ParsedDocument } from "./parsed-document";

const dropped = new Set(["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "nav"]);
const blocks = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "ul", "ol", "li",
  "table", "thead", "tbody", "tr", "dl", "dt", "dd", "figure", "figcaption", "form", "fieldset", "address", "hr",
  "h1", "h2", "h3", "h4", "h5", "h6", "body", "html",
]);

class TextBuilder {
  text = "";
  headings: Heading[] = [];

  inline(piece: string): void {
    const folded = piece.replace(/\s+/g, " ");
    if (folded === " " && (this.text === "" || /\s$/.test(this.text))) return;
    this.text += /\s$/.test(this.text) || this.text === "" ? folded.trimStart() : folded;
  }

  breakBlock(): void {
    this.text = this.text.replace(/[ \t]+$/, "");
    if (this.text !== "" && !this.text.endsWith("\n\n")) this.text += this.text.endsWith("\n") ? "\n" : "\n\n";
  }
}

function walk(node: Node, out: TextBuilder): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    out.inline(node.text);
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const element = node as HTMLElement;
  const tag = element.rawTagName?.toLowerCase() ?? "";
  if (dropped.has(tag)) return;
  if (tag === "br") {
    out.text = out.text.replace(/[ \t]+$/, "") + "\n";
    return;
  }
  const block = blocks.has(tag) || tag === "td" || tag === "th";
  if (block) out.breakBlock();
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) {
    const text = element.text.replace(/\s+/g, " ").trim();
    if (text) out.headings.push({ offset: out.text.length, level: Number(heading[1]), text });
  }
  if (tag === "td" || tag === "th") out.text = out.text.replace(/\n\n$/, "\n");
  for (const child of element.childNodes) walk(child, out);
  if (block) out.breakBlock();
}

export function parseHtml(html: string): ParsedDocument {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const out = new TextBuilder();
  walk(root.querySelector("body") ?? root, out);
  const title = root.querySelector("title")?.text.replace(/\s+/g, " ").trim() || out.headings.find((h) => h.level === 1)?.text;
  return { title: title || undefined, text: out.text.trimEnd(), headings: out.headings, pages: [], markdown: false };
}
