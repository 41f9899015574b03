// How common words are in one knowledge base: the document frequencies behind offline keyword
// weighting (TF-IDF against the base's own vocabulary) and the domain guard's notion of "this base
// talks about that". A word counts as present in a chunk when all its index terms are, which the GIN
// index on `Chunk.tokens` answers (`@>`) without reading the chunks.
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { tokenize } from "./tokenize";

export interface VocabularyStats {
  /** Chunks in the base. */
  chunks: number;
  /** For each word asked about, in order: how many chunks contain it (0 for a word without index terms). */
  documentFrequency: number[];
}

export async function vocabularyStats(db: Db, workspaceId: string, knowledgeBaseId: string, words: string[]): Promise<VocabularyStats> {
  const scope = Prisma.sql`"workspaceId" = ${workspaceId} AND "knowledgeBaseId" = ${knowledgeBaseId}`;
  const termLists = words.map((word) => [...new Set(tokenize(word))]);
  const counted = termLists.map((terms, index) => ({ terms, index })).filter(({ terms }) => terms.length > 0);
  const columns = counted.map(
    ({ terms, index }) => Prisma.sql`(SELECT count(*) FROM "Chunk" WHERE ${scope} AND tokens @> ${terms}::text[])::int AS "w${Prisma.raw(String(index))}"`,
  );
  const rows = await db.$queryRaw<Array<Record<string, number>>>(
    Prisma.sql`SELECT (SELECT count(*) FROM "Chunk" WHERE ${scope})::int AS chunks${columns.length > 0 ? Prisma.sql`, ${Prisma.join(columns)}` : Prisma.empty}`,
  );
  const row = rows[0] ?? { chunks: 0 };
  return { chunks: Number(row.chunks), documentFrequency: termLists.map((_, index) => Number(row[`w${index}`] ?? 0)) };
}
