// BM25 inside Postgres over the inverted index the "Chunk" triggers keep (ChunkTerm, TermStat,
// CorpusStat), scored with Lucene's BM25: idf = ln(1 + (N − df + 0.5) / (df + 0.5)), saturation k1,
// length normalisation b against the base's average chunk length; only the top k leave the database.
//
// Why it is fast over a large base: summing every posting of every query term costs as much as the
// commonest term is common (hundreds of thousands of rows at 100k chunks). Instead each term's postings
// are read in impact order (ChunkTerm's index on base, term, impact DESC — impact is BM25's tf part,
// see the model's comment) and only the first `depth` of them per term: a term with df ≤ depth is read
// whole, so rare terms — those that decide a ranking — are exact; a common term contributes its best
// `depth` postings, which are the only ones whose small weight can still matter. Candidates are ranked
// by that partial score; the best `rescore` of them then get their exact score (the truncated terms'
// postings looked up by chunk id), so the top k are ordered by true BM25. The score of every returned
// chunk is exact; what can differ from exhaustive BM25 is only which chunks became candidates: a chunk
// that ranks in the exhaustive top k while being outside every truncated term's first `depth` postings
// and outside the partial top `rescore`. bench:search measures that agreement (overlap@10 with the
// exhaustive query) and bench:retrieval the ranking quality.
// Statistics stay exact under inserts and deletes: idf and avgdl are read at query time from TermStat
// and CorpusStat, tf and length from the posting; the stored impact only orders.
// With metadata filters the exhaustive query runs: a filter may reject most of the pruned candidates.
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import type { MetadataFilter } from "@/nodes/retrieval-filters";
import { filtersSql } from "./filter-sql";

export interface Bm25Params {
  k1: number;
  b: number;
}

// Anserini's defaults, tuned on BEIR-style corpora; Robertson's textbook values are k1 = 1.2, b = 0.75.
// The impacts written by the triggers (migration 0009_knowledge) use these two values.
export const defaultBm25: Bm25Params = { k1: 0.9, b: 0.4 };

/** How many postings per query term are read, best impact first (see the file's comment). */
export const DEFAULT_DEPTH = 1000;

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
  /** Postings read per term (at least topK); `"exhaustive"` reads them all (the reference the pruned search is measured against). */
  depth?: number | "exhaustive";
}

function statsAndWeights(knowledgeBaseId: string, terms: string[]): Prisma.Sql {
  return Prisma.sql`
    stats AS (
      SELECT chunks::float8 AS n, greatest(tokens::float8 / greatest(chunks, 1), 1) AS avgdl
      FROM "CorpusStat" WHERE "knowledgeBaseId" = ${knowledgeBaseId}
    ),
    q AS (SELECT term, count(*)::float8 AS qtf FROM unnest(${terms}::text[]) AS term GROUP BY term),
    w AS (
      SELECT q.term, ts.df, q.qtf * ln(1 + (stats.n - ts.df + 0.5) / (ts.df + 0.5)) AS weight
      FROM q JOIN "TermStat" ts ON ts."knowledgeBaseId" = ${knowledgeBaseId} AND ts.term = q.term CROSS JOIN stats
    )`;
}

/** One posting's BM25 contribution; `p` is the posting, `w` its term's weight. */
function contribution({ k1, b }: Bm25Params): Prisma.Sql {
  return Prisma.sql`w.weight * p.tf * ${k1 + 1}::float8 / (p.tf + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.length / stats.avgdl))`;
}

async function exhaustive(db: Db, query: Bm25Query, params: Bm25Params): Promise<ScoredChunk[]> {
  const { workspaceId, knowledgeBaseId, terms, topK, filters = [] } = query;
  // Disabled chunks have no tokens, so no postings: the filter join is needed only for metadata.
  const filtered =
    filters.length > 0 ? Prisma.sql`JOIN "Chunk" c ON c.id = s.id WHERE c."workspaceId" = ${workspaceId} AND ${filtersSql(filters)}` : Prisma.empty;
  return db.$queryRaw<ScoredChunk[]>(Prisma.sql`
    WITH ${statsAndWeights(knowledgeBaseId, terms)},
    s AS (
      SELECT p."chunkId" AS id, sum(${contribution(params)}) AS score
      FROM w JOIN "ChunkTerm" p ON p."knowledgeBaseId" = ${knowledgeBaseId} AND p.term = w.term CROSS JOIN stats
      GROUP BY p."chunkId"
    )
    SELECT s.id, s.score::float8 AS score FROM s ${filtered}
    ORDER BY s.score DESC, s.id
    LIMIT ${topK}::int`);
}

async function pruned(db: Db, query: Bm25Query, params: Bm25Params, depth: number): Promise<ScoredChunk[]> {
  const { knowledgeBaseId, terms, topK } = query;
  const rescore = Math.max(100, 2 * topK);
  return db.$queryRaw<ScoredChunk[]>(Prisma.sql`
    WITH ${statsAndWeights(knowledgeBaseId, terms)},
    candidates AS (
      SELECT p."chunkId" AS id,
             sum(${contribution(params)}) AS partial,
             sum(${contribution(params)}) FILTER (WHERE w.df <= ${depth}::int) AS whole
      FROM w CROSS JOIN stats CROSS JOIN LATERAL (
        SELECT "chunkId", tf, length FROM "ChunkTerm"
        WHERE "knowledgeBaseId" = ${knowledgeBaseId} AND term = w.term
        ORDER BY impact DESC LIMIT ${depth}::int
      ) p
      GROUP BY p."chunkId"
      ORDER BY partial DESC
      LIMIT ${rescore}::int
    ),
    rescored AS (
      SELECT c.id, coalesce(c.whole, 0) + coalesce((
        SELECT sum(${contribution(params)})
        FROM w JOIN "ChunkTerm" p ON p."chunkId" = c.id AND p.term = w.term CROSS JOIN stats
        WHERE w.df > ${depth}::int
      ), 0) AS score
      FROM candidates c
    )
    SELECT id, score::float8 AS score FROM rescored
    ORDER BY score DESC, id
    LIMIT ${topK}::int`);
}

export async function bm25Search(db: Db, query: Bm25Query): Promise<ScoredChunk[]> {
  if (query.terms.length === 0) return [];
  const params = query.params ?? defaultBm25;
  const depth = query.depth ?? DEFAULT_DEPTH;
  // At least k postings per term, so a query whose terms match k chunks or more always returns k.
  const rows =
    depth === "exhaustive" || (query.filters?.length ?? 0) > 0 ? await exhaustive(db, query, params) : await pruned(db, query, params, Math.max(depth, query.topK));
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
