// Bytes → text for the text-based formats: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything
// else is refused rather than guessed, so a mis-decoded document never reaches the index as mojibake.
import { IngestError } from "./parsed-document";

export function decodeText(content: Uint8Array, fileName: string): string {
  let text: string;
  try {
    if (content[0] === 0xff && content[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(content);
    else if (content[0] === 0xfe && content[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(content);
    else text = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    throw new IngestError(`"${fileName}" is not valid UTF-8 (or UTF-16 with a byte-order mark) text`);
  }
  if (text.includes("\u0000")) throw new IngestError(`"${fileName}" holds binary data, not text`);
  return text.replace(/\r\n?/g, "\n");
}
