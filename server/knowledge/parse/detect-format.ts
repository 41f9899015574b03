// Which parser a file needs: its extension decides, else its declared MIME type. The stored
// `Document.mimeType` is the canonical type of the detected format.

export const formats = {
  pdf: { mimeType: "application/pdf", extensions: [".pdf"], mimeTypes: ["application/pdf"] },
  docx: {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
    mimeTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  html: { mimeType: "text/html", extensions: [".html", ".htm", ".xhtml"], mimeTypes: ["text/html", "application/xhtml+xml"] },
  markdown: { mimeType: "text/markdown", extensions: [".md", ".markdown"], mimeTypes: ["text/markdown", "text/x-markdown"] },
  text: { mimeType: "text/plain", extensions: [".txt", ".text"], mimeTypes: ["text/plain"] },
  csv: { mimeType: "text/csv", extensions: [".csv"], mimeTypes: ["text/csv"] },
  jsonl: { mimeType: "application/jsonl", extensions: [".jsonl", ".ndjson"], mimeTypes: ["application/jsonl", "application/x-ndjson", "application/jsonlines"] },
  zip: { mimeType: "application/zip", extensions: [".zip"], mimeTypes: ["application/zip", "application/x-zip-compressed"] },
} as const;

export type Format = keyof typeof formats;

/** Every extension an upload may have, for a file picker's `accept`. */
export const acceptedExtensions: string[] = Object.values(formats).flatMap((f) => [...f.extensions]);

export const ACCEPTED_FORMATS = "PDF, DOCX, HTML, Markdown, TXT, CSV, JSONL or a zip of them";

function extensionOf(fileName: string): string {
  const match = /\.[^./\\]+$/.exec(fileName.split("#")[0]);
  return match ? match[0].toLowerCase() : "";
}

export function detectFormat(fileName: string, mimeType?: string): Format | null {
  const extension = extensionOf(fileName);
  const declared = mimeType?.split(";")[0].trim().toLowerCase() ?? "";
  const entries = Object.entries(formats) as Array<[Format, (typeof formats)[Format]]>;
  const byExtension = entries.find(([, f]) => (f.extensions as readonly string[]).includes(extension));
  const byMime = entries.find(([, f]) => (f.mimeTypes as readonly string[]).includes(declared));
  return (byExtension ?? byMime)?.[0] ?? null;
}

/** The format of a stored document, from the canonical MIME type it was stored under. */
export function formatOfMimeType(mimeType: string): Format | null {
  const entries = Object.entries(formats) as Array<[Format, (typeof formats)[Format]]>;
  return entries.find(([, f]) => f.mimeType === mimeType)?.[0] ?? null;
}
