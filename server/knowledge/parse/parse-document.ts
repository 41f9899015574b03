// One stored document's bytes → its text and anchors, by format. Containers (zip, CSV, JSONL) are
// expanded at upload into one document per file or record, so they never reach here.
import { decodeText } from "./decode-text";
import type { Format } from "./detect-format";
import { parseDocx } from "./parse-docx";
import { parseHtml } from "./parse-html";
import { parseMarkdown, parsePlainText } from "./parse-markdown";
import { parsePdf } from "./parse-pdf";
import { IngestError, type ParsedDocument } from "./parsed-document";

async function byFormat(format: Format, content: Uint8Array, fileName: string): Promise<ParsedDocument> {
  switch (format) {
    case "pdf":
      return parsePdf(content, fileName);
    case "docx":
      return parseDocx(content, fileName);
    case "html":
      return parseHtml(decodeText(content, fileName));
    case "markdown":
      return parseMarkdown(decodeText(content, fileName));
    case "text":
      return parsePlainText(decodeText(content, fileName));
    case "csv":
    case "jsonl":
    case "zip":
      throw new IngestError(`"${fileName}" is a ${format} container: it is split into documents at upload`);
  }
}

export async function parseDocument(format: Format, content: Uint8Array, fileName: string): Promise<ParsedDocument> {
  if (content.length === 0) throw new IngestError(`"${fileName}" is empty`);
  const parsed = await byFormat(format, content, fileName);
  if (parsed.text.trim() === "") throw new IngestError(`"${fileName}" is empty: it holds no text`);
  return parsed;
}
