// BM25 inside Postgres over the inverted index the "Chunk" triggers keep (ChunkTerm, TermStat,
// CorpusStat): only the postings of the query's terms are read, scored with Lucene's BM25
// (idf = ln(1 + (N − df + 0.5) / (df + 0.5)), saturation k1, length normalisation b against the base's
// average chunk length), summed per chunk, and only the top k leave the database.
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import type { MetadataFilter } from "@/nodes/retrieval-filters";
import { filtersSql } from "./filter-sql";

export interface Bm25Params {
  k1: number;
  b: number;
}

// Anserini's defaults, tuned on BEIR-style corpora; Robertson's textbook values are k1 = 1.2, b = 0.75.
export const defaultBm25: Bm25Params = { k1: 0.9, b: 0.4 };

export interface ScoredChunk {
  id: string;
  score: number;
}

export interface Bm25Query {
  workspaceId: string;
  knowledgeBaseId: string;
  /** Analysed query terms; a repeated term counts once per repeat. */
  terms: string[];
  topK: number;
  filters?: readonly MetadataFilter[];
  params?: Bm25Params;
}

export async function bm25Search(db: Db, query: Bm25Query): Promise<ScoredChunk[]> {
  if (query.terms.length === 0) return [];
  const { workspaceId, knowledgeBaseId, terms, topK, filters = [] } = query;
  const { k1, b } = query.params ?? defaultBm25;
  // Disabled chunks have no tokens, so no postings: the filter join is needed only for metadata.
  const filtered =
    filters.length > 0
      ? Prisma.sql`JOIN "Chunk" c ON c.id = s.id WHERE c."workspaceId" = ${workspaceId} AND ${filtersSql(filters)}`
      : Prisma.empty;
  const rows = await db.$queryRaw<ScoredChunk[]>(Prisma.sql`
    WITH stats AS (
      SELECT chunks::float8 AS n, tokens::float8 / greatest(chunks, 1) AS avgdl
      FROM "CorpusStat" WHERE "knowledgeBaseId" = ${knowledgeBaseId}
    ),
    q AS (SELECT term, count(*)::float8 AS qtf FROM unnest(${terms}::text[]) AS term GROUP BY term),
    w AS (
      SELECT q.term, q.qtf * ln(1 + (stats.n - ts.df + 0.5) / (ts.df + 0.5)) AS weight
      FROM q JOIN "TermStat" ts ON ts."knowledgeBaseId" = ${knowledgeBaseId} AND ts.term = q.term CROSS JOIN stats
    ),
    s AS (
      SELECT p."chunkId" AS id,
             sum(w.weight * p.tf * ${k1 + 1}::float8
                 / (p.tf + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.length / greatest(stats.avgdl, 1)))) AS score
      FROM w JOIN "ChunkTerm" p ON p."knowledgeBaseId" = ${knowledgeBaseId} AND p.term = w.term CROSS JOIN stats
      GROUP BY p."chunkId"
    )
    SELECT s.id, s.score::float8 AS score FROM s ${filtered}
    ORDER BY s.score DESC, s.id
    LIMIT ${topK}::int`);
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
