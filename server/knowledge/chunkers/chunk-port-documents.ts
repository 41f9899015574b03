// The chunker nodes' shared step: `documents` port values → `chunks` port values, each chunk with its
// source anchor (document, heading path, character offsets) and the document's metadata.
import type { ChunkerSettings } from "@/nodes/chunker-settings";
import type { Chunk, PortValue } from "@/nodes/ports";
import { parseMarkdown } from "../parse/parse-markdown";
import { chunkDocument } from "./chunk-document";

export async function chunkPortDocuments(documents: PortValue<"documents">, settings: ChunkerSettings): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for (const document of documents) {
    // Markdown headings, when the text has any, give the heading path; plain text has none.
    const chunks = await chunkDocument(parseMarkdown(document.text), settings);
    chunks.forEach((chunk, ordinal) =>
      out.push({
        id: `${document.id}#${ordinal}`,
        text: chunk.text,
        source: { documentId: document.id, title: document.title, heading: chunk.heading, start: chunk.start, end: chunk.end },
        metadata: document.metadata,
      }),
    );
  }
  return out;
}
