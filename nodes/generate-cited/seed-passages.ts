// Real passages for the generation and verification tests: the seeded handbook's chapters chunked as
// the example pipeline's retriever would pass them on.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Passage } from "@/nodes/ports";
import { chunkText } from "@/server/knowledge/chunk";

const seedDir = path.join(process.cwd(), "server", "db", "seed-documents");

export async function seedPassages(files: string[]): Promise<Passage[]> {
  const passages: Passage[] = [];
  for (const file of files) {
    const content = await readFile(path.join(seedDir, file), "utf8");
    for (const chunk of await chunkText(content, { markdown: true, chunkSize: 500, chunkOverlap: 120 })) {
      passages.push({
        id: `${file}#${passages.length}`,
        text: chunk.text,
        source: { documentId: file, title: file, start: chunk.start, end: chunk.end, heading: chunk.heading },
        metadata: {},
        score: 1,
        rank: passages.length + 1,
      });
    }
  }
  return passages;
}
