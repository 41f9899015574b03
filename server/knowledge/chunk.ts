// What Chunk.metadata holds (read back by search when it builds a passage's source anchor), and the
// default chunking of a plain or Markdown string. The chunkers themselves live in ./chunkers/.
import { z } from "zod";
import { chunkDocument } from "./chunkers/chunk-document";
import type { TextChunk } from "./chunkers/text-chunk";
import { parseMarkdown, parsePlainText } from "./parse/parse-markdown";

export const chunkMetadata = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  heading: z.array(z.string()),
  page: z.number().int().min(1).optional(),
  /** The document's chosen record fields (CSV/JSONL), for metadata filters. */
  fields: z.record(z.string(), z.unknown()).optional(),
  /** Set when a person edited the text: it no longer equals the source at start..end. */
  edited: z.boolean().optional(),
});

export type ChunkMetadata = z.output<typeof chunkMetadata>;
export type { TextChunk };

export interface ChunkOptions {
  markdown: boolean;
  chunkSize?: number;
  chunkOverlap?: number;
}

export async function chunkText(content: string, options: ChunkOptions): Promise<TextChunk[]> {
  const doc = options.markdown ? parseMarkdown(content) : parsePlainText(content);
  return chunkDocument(doc, { kind: "recursive", chunkSize: options.chunkSize ?? 800, chunkOverlap: options.chunkOverlap ?? 100 });
}
