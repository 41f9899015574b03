// DOCX via mammoth, which maps Word's heading styles to h1–h6: the HTML parser then keeps the heading path.
import mammoth from "mammoth";
import { parseHtml } from "./parse-html";
import { IngestError, type ParsedDocument } from "./parsed-document";

export async function parseDocx(content: Uint8Array, fileName: string): Promise<ParsedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(content) })).value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError(`"${fileName}" is not a readable DOCX file (${reason})`);
  }
  return parseHtml(html);
}
