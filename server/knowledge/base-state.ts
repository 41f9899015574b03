// What a run needs to know about a knowledge base before it searches it, in one statement: that it is
// the caller's, its embedder settings, the domain guard's stored threshold, and the corpus counts the
// "Chunk" triggers keep. Read once per run (search.ts) instead of once per node that asks, and kept
// between runs until the database announces a change (base-state-cache.ts).
import type { Db } from "@/server/db/client";
import { hotRows } from "@/server/db/hot-rows";
import { Prisma } from "@/server/db/generated/client";
import { embedderSettings, type EmbedderSettings } from "@/nodes/knowledge-settings";
import { cachedBaseState } from "./base-state-cache";

export interface BaseState {
  embedder: EmbedderSettings;
  guardThreshold: number | null;
  guardFingerprint: string | null;
  /** Chunks with index terms and their index terms, as BM25 counts them (CorpusStat). */
  chunks: number;
  tokens: number;
  /** Moves whenever what a search can return changes (CorpusStat.revision): an in-memory index serves only its own. */
  revision: number;
}

/** The columns behind a BaseState, as the statements that read it return them (here and bm25.ts). */
export interface BaseRow {
  embedder: Prisma.JsonValue;
  guardThreshold: number | null;
  guardFingerprint: string | null;
  chunks: number | null;
  tokens: number | null;
  revision: number | null;
}

export function missingBase(knowledgeBaseId: string): Error {
  return new Error(`Knowledge base "${knowledgeBaseId}" does not exist in this workspace`);
}

export function parseEmbedder(knowledgeBaseId: string, value: unknown): EmbedderSettings {
  const parsed = embedderSettings.safeParse(value);
  if (!parsed.success) throw new Error(`Knowledge base "${knowledgeBaseId}" has unreadable embedder settings: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function baseStateOf(knowledgeBaseId: string, row: BaseRow | null | undefined): BaseState {
  if (!row) throw missingBase(knowledgeBaseId);
  return {
    embedder: parseEmbedder(knowledgeBaseId, row.embedder),
    guardThreshold: row.guardThreshold,
    guardFingerprint: row.guardFingerprint,
    chunks: Number(row.chunks ?? 0),
    tokens: Number(row.tokens ?? 0),
    revision: Number(row.revision ?? 0),
  };
}

/** The base's state, from this process's memory while the database has announced no change to it (base-state-cache.ts). */
export function readBaseState(db: Db, workspaceId: string, knowledgeBaseId: string): Promise<BaseState> {
  return cachedBaseState(db, workspaceId, knowledgeBaseId, () => readBaseStateNow(db, workspaceId, knowledgeBaseId));
}

/** The base's state as the database has it now, bypassing the cache (for a reader that must see its own process's write). */
export async function readBaseStateNow(db: Db, workspaceId: string, knowledgeBaseId: string): Promise<BaseState> {
  const [row] = await hotRows<BaseRow>(db, Prisma.sql`
    SELECT k.embedder, k."guardThreshold", k."guardFingerprint", s.chunks::float8 AS chunks, s.tokens::float8 AS tokens,
      s.revision::float8 AS revision
    FROM "KnowledgeBase" k LEFT JOIN "CorpusStat" s ON s."knowledgeBaseId" = k.id
    WHERE k.id = ${knowledgeBaseId} AND k."workspaceId" = ${workspaceId}`);
  return baseStateOf(knowledgeBaseId, row);
}
