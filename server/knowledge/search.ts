// Search over a workspace's knowledge bases. BM25 is computed inside Postgres over the analysed
// `Chunk.tokens`: the GIN index on tokens (`&&`) narrows the base to chunks sharing a term with the
// query, and only those are scored, so nothing but the top k leaves the database.
import type { Db } from "@/server/db/client";
import { Prisma, type Chunk, type Document } from "@/server/db/generated/client";
import type { Passage } from "@/nodes/ports";
import type { KnowledgeStore, SearchOptions } from "./store";
import { chunkMetadata } from "./chunk";
import { tokenize } from "./tokenize";

// Robertson's defaults: term-frequency saturation and document-length normalisation.
const K1 = 1.2;
const B = 0.75;

type Row = Pick<Chunk, "id" | "documentId" | "text" | "metadata"> & Pick<Document, "title"> & { score: number };

function bm25Query(workspaceId: string, knowledgeBaseId: string, terms: string[], topK: number): Prisma.Sql {
  return Prisma.sql`
    WITH corpus AS (
      SELECT count(*)::float8 AS n, avg("tokenCount")::float8 AS avgdl
      FROM "Chunk" WHERE "workspaceId" = ${workspaceId} AND "knowledgeBaseId" = ${knowledgeBaseId}
    ),
    candidates AS (
      SELECT id, "documentId", ordinal, text, metadata, "tokenCount", tokens
      FROM "Chunk"
      WHERE "workspaceId" = ${workspaceId} AND "knowledgeBaseId" = ${knowledgeBaseId} AND tokens && ${terms}::text[]
    ),
    tf AS (
      SELECT c.id, t.term, count(*)::float8 AS tf
      FROM candidates c CROSS JOIN LATERAL unnest(c.tokens) AS t(term)
      WHERE t.term = ANY(${terms}::text[])
      GROUP BY c.id, t.term
    ),
    df AS (SELECT term, count(*)::float8 AS df FROM tf GROUP BY term),
    scored AS (
      SELECT tf.id, sum(
        ln(1 + (corpus.n - df.df + 0.5) / (df.df + 0.5))
        * tf.tf * ${K1 + 1}::float8
        / (tf.tf + ${K1}::float8 * (1 - ${B}::float8 + ${B}::float8 * c."tokenCount" / greatest(corpus.avgdl, 1)))
      )::float8 AS score
      FROM tf JOIN df USING (term) JOIN candidates c ON c.id = tf.id CROSS JOIN corpus
      GROUP BY tf.id
    )
    SELECT c.id, c."documentId", c.text, c.metadata, d.title, s.score
    FROM scored s
    JOIN candidates c ON c.id = s.id
    JOIN "Document" d ON d.id = c."documentId"
    ORDER BY s.score DESC, c."documentId", c.ordinal
    LIMIT ${topK}::int`;
}

function toPassage(row: Row, index: number): Passage {
  const meta = chunkMetadata.parse(row.metadata);
  return {
    id: row.id,
    text: row.text,
    source: {
      documentId: row.documentId,
      title: row.title,
      start: meta.start,
      end: meta.end,
      ...(meta.heading.length > 0 ? { heading: meta.heading } : {}),
    },
    metadata: {},
    score: row.score,
    rank: index + 1,
  };
}

export function createKnowledgeStore(db: Db, workspaceId: string): KnowledgeStore {
  return {
    async bm25(knowledgeBaseId: string, text: string, options: SearchOptions): Promise<Passage[]> {
      options.signal?.throwIfAborted();
      const base = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { id: true } });
      if (!base) throw new Error(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);
      const terms = [...new Set(tokenize(text))];
      if (terms.length === 0) return [];
      const rows = await db.$queryRaw<Row[]>(bm25Query(workspaceId, knowledgeBaseId, terms, options.topK));
      options.signal?.throwIfAborted();
      return rows.map(toPassage);
    },
  };
}
