// Scored chunk ids → passages: text, source anchor (document, page, heading path, offsets) and rank,
// in the order given. Only chunks of the caller's workspace are read.
import type { Db } from "@/server/db/client";
import { hotRows } from "@/server/db/hot-rows";
import { Prisma } from "@/server/db/generated/client";
import type { Passage } from "@/nodes/ports";
import { chunkMetadata } from "../chunk";
import type { ChunkRow, ScoredChunk } from "./bm25";

// Rows written without anchors (e.g. bulk-loaded benchmark corpora) still make passages.
const anchors = chunkMetadata.partial().extend({ page: chunkMetadata.shape.start.optional() });

const anchorKeys = new Set(["start", "end", "heading", "page"]);

type Shape = Pick<Passage, "source" | "metadata">;

// A row kept in memory (memory-index.ts) becomes a passage on many runs: its anchors are parsed once.
// Frozen, because every passage made of the row shares them.
const shapes = new WeakMap<ChunkRow, Shape>();

function shapeOf(row: ChunkRow): Shape {
  let shape = shapes.get(row);
  if (!shape) {
    const meta = typeof row.metadata === "object" && row.metadata !== null && !Array.isArray(row.metadata) ? row.metadata : {};
    const { start, end, heading, page } = anchors.parse(meta);
    const rest = Object.fromEntries(Object.entries(meta).filter(([key]) => !anchorKeys.has(key)));
    shape = Object.freeze({
      source: Object.freeze({
        documentId: row.documentId,
        title: row.title,
        ...(page !== undefined ? { page } : {}),
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
        ...(heading && heading.length > 0 ? { heading } : {}),
      }),
      metadata: Object.freeze(rest),
    });
    shapes.set(row, shape);
  }
  return shape;
}

/** `known`: chunks already read (a run's search bundle, bm25.ts); only the others are read here. */
export async function toPassages(db: Db, workspaceId: string, scored: readonly ScoredChunk[], known?: ReadonlyMap<string, ChunkRow>): Promise<Passage[]> {
  if (scored.length === 0) return [];
  const missing = scored.filter((s) => !known?.has(s.id)).map((s) => s.id);
  const rows =
    missing.length === 0
      ? []
      : await hotRows<ChunkRow>(db, Prisma.sql`
    SELECT c.id, c."documentId", c.text, c.metadata, d.title
    FROM "Chunk" c JOIN "Document" d ON d.id = c."documentId"
    WHERE c."workspaceId" = ${workspaceId} AND c.id = ANY(${missing}::text[])`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const { id } of scored) {
    const row = known?.get(id);
    if (row) byId.set(id, row);
  }
  const passages: Passage[] = [];
  for (const { id, score } of scored) {
    const row = byId.get(id);
    if (!row) continue;
    const { source, metadata } = shapeOf(row);
    passages.push({ id, text: row.text, source, metadata, score, rank: passages.length + 1 });
  }
  return passages;
}
