// Chunk vectors in pgvector (table retrieval.chunk_vector, migration 0003_retrieval): written in bulk,
// searched by cosine distance. Each common dimension has a partial HNSW index over
// `embedding::vector(<dims>)`; the search casts the same way so the planner can use it.
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import type { MetadataFilter } from "@/nodes/retrieval-filters";
import type { ScoredChunk } from "./bm25";
import { filtersSql } from "./filter-sql";

export function vectorLiteral(vector: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i];
    if (!Number.isFinite(value)) throw new Error(`An embedding holds a non-finite value at position ${i}`);
    parts.push(String(value));
  }
  return `[${parts.join(",")}]`;
}

/** Stores (or replaces) the vectors of chunks of one base; all must have one dimension. */
export async function writeVectors(db: Pick<Db, "$executeRaw">, knowledgeBaseId: string, rows: ReadonlyArray<{ chunkId: string; vector: ArrayLike<number> }>): Promise<void> {
  if (rows.length === 0) return;
  const dims = rows[0].vector.length;
  const odd = rows.find((r) => r.vector.length !== dims);
  if (odd) throw new Error(`Chunk ${odd.chunkId} has a ${odd.vector.length}-dimensional embedding; the others have ${dims}`);
  await db.$executeRaw(Prisma.sql`
    INSERT INTO retrieval.chunk_vector (chunk_id, knowledge_base_id, dims, embedding)
    SELECT v.id, ${knowledgeBaseId}, ${dims}::int, v.embedding::vector
    FROM unnest(${rows.map((r) => r.chunkId)}::text[], ${rows.map((r) => vectorLiteral(r.vector))}::text[]) AS v(id, embedding)
    ON CONFLICT (chunk_id) DO UPDATE
      SET knowledge_base_id = excluded.knowledge_base_id, dims = excluded.dims, embedding = excluded.embedding`);
}

export async function deleteVectors(db: Pick<Db, "$executeRaw">, knowledgeBaseId: string): Promise<void> {
  await db.$executeRaw`DELETE FROM retrieval.chunk_vector WHERE knowledge_base_id = ${knowledgeBaseId}`;
}

export interface DenseQuery {
  workspaceId: string;
  knowledgeBaseId: string;
  vector: ArrayLike<number>;
  topK: number;
  filters?: readonly MetadataFilter[];
}

/** Nearest chunks by cosine similarity (score = 1 − cosine distance). */
export async function denseSearch(db: Db, query: DenseQuery): Promise<ScoredChunk[]> {
  const dims = query.vector.length;
  const typed = Prisma.raw(`vector(${Math.trunc(dims)})`);
  const q = vectorLiteral(query.vector);
  const rows = await db.$queryRaw<ScoredChunk[]>(Prisma.sql`
    SELECT v.chunk_id AS id, (1 - (v.embedding::${typed} <=> ${q}::${typed}))::float8 AS score
    FROM retrieval.chunk_vector v JOIN "Chunk" c ON c.id = v.chunk_id
    WHERE v.knowledge_base_id = ${query.knowledgeBaseId} AND v.dims = ${Prisma.raw(String(Math.trunc(dims)))}
      AND c."workspaceId" = ${query.workspaceId} AND NOT c.disabled AND ${filtersSql(query.filters ?? [])}
    ORDER BY v.embedding::${typed} <=> ${q}::${typed}, v.chunk_id
    LIMIT ${query.topK}::int`);
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
