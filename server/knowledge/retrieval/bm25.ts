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
import { hotRows } from "@/server/db/hot-rows";
import { Prisma } from "@/server/db/generated/client";
import type { MetadataFilter } from "@/nodes/retrieval-filters";
import type { BaseRow } from "../base-state";
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

function exhaustive(query: Bm25Query, params: Bm25Params, limit: Prisma.Sql): Prisma.Sql {
  const { workspaceId, knowledgeBaseId, terms, filters = [] } = query;
  // Disabled chunks have no tokens, so no postings: the filter join is needed only for metadata.
  const filtered =
    filters.length > 0 ? Prisma.sql`JOIN "Chunk" c ON c.id = s.id WHERE c."workspaceId" = ${workspaceId} AND ${filtersSql(filters)}` : Prisma.empty;
  return Prisma.sql`
    WITH ${statsAndWeights(knowledgeBaseId, terms)},
    s AS (
      SELECT p."chunkId" AS id, sum(${contribution(params)}) AS score
      FROM w JOIN "ChunkTerm" p ON p."knowledgeBaseId" = ${knowledgeBaseId} AND p.term = w.term CROSS JOIN stats
      GROUP BY p."chunkId"
    )
    SELECT s.id, s.score::float8 AS score FROM s ${filtered}
    ORDER BY s.score DESC, s.id
    LIMIT ${limit}`;
}

/** `limit`: the k as SQL, when the statement decides it (the bundle's, from the base's embedder). */
function pruned(query: Bm25Query, params: Bm25Params, depth: number, limit: Prisma.Sql): Prisma.Sql {
  const { knowledgeBaseId, terms } = query;
  return Prisma.sql`
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
      LIMIT greatest(100, 2 * ${limit})
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
    LIMIT ${limit}`;
}

/** The statement for the top k: `id, score`, best first. */
function topQuery(query: Bm25Query, limit: Prisma.Sql = Prisma.sql`${query.topK}::int`): Prisma.Sql {
  const params = query.params ?? defaultBm25;
  const depth = query.depth ?? DEFAULT_DEPTH;
  // At least k postings per term, so a query whose terms match k chunks or more always returns k.
  return depth === "exhaustive" || (query.filters?.length ?? 0) > 0 ? exhaustive(query, params, limit) : pruned(query, params, Math.max(depth, query.topK), limit);
}

export async function bm25Search(db: Db, query: Bm25Query): Promise<ScoredChunk[]> {
  if (query.terms.length === 0) return [];
  const rows = await db.$queryRaw<ScoredChunk[]>(topQuery(query));
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

/** A chunk as passages are made of it (passages.ts). */
export interface ChunkRow {
  id: string;
  documentId: string;
  text: string;
  metadata: Prisma.JsonValue;
  title: string;
}

/** A search with what its callers would otherwise each ask for in a statement of their own. */
export interface Bm25Bundle {
  /** The base's row; null when the base is not the workspace's. */
  base: BaseRow | null;
  /** How many hits were asked for: `topK.withoutEmbedder` or `topK.withEmbedder`, by the base's embedder. */
  topK: number;
  hits: ScoredChunk[];
  /** The chunks of the first `rows` hits. */
  rows: ChunkRow[];
  /** Each query term's document frequency in the base (0 for a term it never uses). */
  documentFrequency: Map<string, number>;
}

export interface BundleQuery {
  workspaceId: string;
  knowledgeBaseId: string;
  terms: string[];
  /** A base without an embedder needs only the retriever's k; with one, hybrid fusion's candidates. */
  topK: { withoutEmbedder: number; withEmbedder: number };
  /** Chunks read for the best hits. */
  rows: number;
}

type BundleRow = BaseRow & {
  k: number;
  id: string | null;
  score: number | null;
  documentId: string | null;
  text: string | null;
  metadata: Prisma.JsonValue;
  title: string | null;
  df: unknown;
};

/**
 * The base's row, its top k (k decided by its embedder) with the chunks of the best `rows` of them,
 * and the terms' statistics, in ONE statement: a published run's guard and retriever need all of
 * it, and each round trip costs the server more than the few extra rows do.
 */
export async function bm25Bundle(db: Db, query: BundleQuery): Promise<Bm25Bundle> {
  const { workspaceId, knowledgeBaseId, terms, topK, rows } = query;
  const limit = Prisma.sql`(SELECT k FROM base)`;
  const search = topQuery({ workspaceId, knowledgeBaseId, terms, topK: Math.max(topK.withoutEmbedder, topK.withEmbedder) }, limit);
  // One row per hit, or one row without a hit: the base's row and the statistics ride on the first.
  const result = await hotRows<BundleRow>(db, Prisma.sql`
    WITH base AS (
      SELECT k.embedder, k."guardThreshold", k."guardFingerprint", s.chunks::float8 AS chunks, s.tokens::float8 AS tokens,
        s.revision::float8 AS revision,
        CASE WHEN k.embedder->>'kind' = 'none' THEN ${topK.withoutEmbedder}::int ELSE ${topK.withEmbedder}::int END AS k
      FROM "KnowledgeBase" k LEFT JOIN "CorpusStat" s ON s."knowledgeBaseId" = k.id
      WHERE k.id = ${knowledgeBaseId} AND k."workspaceId" = ${workspaceId}
    )
    SELECT base.*, t.id, t.score::float8 AS score, c."documentId", c.text, c.metadata, d.title,
      CASE WHEN t.rank IS NULL OR t.rank = 1 THEN (
        SELECT coalesce(json_object_agg(term, df), '{}') FROM "TermStat" WHERE "knowledgeBaseId" = ${knowledgeBaseId} AND term = ANY(${terms}::text[])
      ) END AS df
    FROM base
    LEFT JOIN (SELECT top.id, top.score, row_number() OVER (ORDER BY top.score DESC, top.id) AS rank FROM (${search}) AS top) AS t ON true
    LEFT JOIN "Chunk" c ON c.id = t.id AND t.rank <= ${rows}::int AND c."workspaceId" = ${workspaceId}
    LEFT JOIN "Document" d ON d.id = c."documentId"
    ORDER BY t.rank`);
  const first = result[0];
  if (!first) return { base: null, topK: 0, hits: [], rows: [], documentFrequency: new Map() };
  const df = (typeof first.df === "string" ? JSON.parse(first.df) : (first.df ?? {})) as Record<string, number>;
  const { embedder, guardThreshold, guardFingerprint, chunks, tokens, revision } = first;
  return {
    base: { embedder, guardThreshold, guardFingerprint, chunks, tokens, revision },
    topK: Number(first.k),
    hits: result.filter((r) => r.id !== null).map((r) => ({ id: r.id!, score: Number(r.score) })),
    rows: result
      .filter((r) => r.text !== null)
      .map((r) => ({ id: r.id!, documentId: r.documentId!, text: r.text!, metadata: r.metadata, title: r.title ?? "" })),
    documentFrequency: new Map(terms.map((term) => [term, Number(df[term] ?? 0)])),
  };
}
