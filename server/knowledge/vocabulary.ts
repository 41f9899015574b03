// How common words are in one knowledge base: the document frequencies behind offline keyword
// weighting (TF-IDF against the base's own vocabulary) and the domain guard's notion of "this base
// talks about that". A word counts as present in a chunk when all its index terms are, which the GIN
// index on `Chunk.tokens` answers (`@>`) without reading the chunks.
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { tokenizeWord } from "./tokenize";

export interface VocabularyStats {
  /** Chunks in the base that have index terms (CorpusStat, as BM25 counts them). */
  chunks: number;
  /** For each word asked about, in order: how many chunks contain it (0 for a word without index terms). */
  documentFrequency: number[];
}

export async function vocabularyStats(db: Db, workspaceId: string, knowledgeBaseId: string, words: string[]): Promise<VocabularyStats> {
  const scope = Prisma.sql`"workspaceId" = ${workspaceId} AND "knowledgeBaseId" = ${knowledgeBaseId}`;
  const termLists = words.map((word) => [...new Set(tokenizeWord(word))]);
  // Read from the statistics the "Chunk" triggers keep, as BM25 does, instead of counting thousands of
  // chunks per call: the base's size is CorpusStat's count of chunks with index terms (a disabled or
  // empty chunk can contain no word, so it no longer dilutes the frequencies), and a one-term word's
  // frequency is its TermStat row. Only words of several terms count the chunks holding all of them.
  const single = [...new Set(termLists.filter((terms) => terms.length === 1).map(([term]) => term))];
  const counted = termLists.map((terms, index) => ({ terms, index })).filter(({ terms }) => terms.length > 1);
  const columns = counted.map(
    ({ terms, index }) => Prisma.sql`(SELECT count(*) FROM "Chunk" WHERE ${scope} AND tokens @> ${terms}::text[])::int AS "w${Prisma.raw(String(index))}"`,
  );
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(
    Prisma.sql`SELECT coalesce((SELECT chunks FROM "CorpusStat" WHERE "knowledgeBaseId" = ${knowledgeBaseId}), 0)::int AS chunks,
      (SELECT coalesce(json_object_agg(term, df), '{}') FROM "TermStat" WHERE "knowledgeBaseId" = ${knowledgeBaseId} AND term = ANY(${single}::text[])) AS single${columns.length > 0 ? Prisma.sql`, ${Prisma.join(columns)}` : Prisma.empty}`,
  );
  const row = rows[0] ?? { chunks: 0 };
  const frequencies = (typeof row.single === "string" ? JSON.parse(row.single) : (row.single ?? {})) as Record<string, number>;
  return {
    chunks: Number(row.chunks),
    documentFrequency: termLists.map((terms, index) => Number((terms.length === 1 ? frequencies[terms[0]] : row[`w${index}`]) ?? 0)),
  };
}
