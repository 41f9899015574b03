// Which knowledge bases this process keeps in memory (memory-index.ts), and when it reads them.
//
// A run reads its base's content revision in its first statement (search.ts); an index serves the
// run only when it was read at that very revision, so a document added, edited or removed a moment
// ago is searched in the database until the index is read again. Reading happens in the background,
// started by a run that found no index at its revision: no call ever waits for it. Bases over
// GROUNDWORK_MEMORY_INDEX_CHUNKS chunks (default 200,000; 0 turns memory indexes off) stay in the
// database, and the indexes kept together stay under GROUNDWORK_MEMORY_INDEX_MB (default 512; the
// least recently used are dropped first; a base larger than that alone stays in the database).
import type { Db } from "@/server/db/client";
import { sqlTargetOf } from "@/server/db/client";
import { hotRows } from "@/server/db/hot-rows";
import { Prisma } from "@/server/db/generated/client";
import { MemoryIndexBuilder, type MemoryIndex } from "./memory-index";

interface Entry {
  index: MemoryIndex | null;
  /** A revision read and found over the budget: not read again until the base changes. */
  tooLarge: number | null;
  reading: Promise<void> | null;
  /** When the last read started: a base written to continuously is read at most once per READ_EVERY_MS. */
  readAt: number;
}

const READ_EVERY_MS = 5_000;
// Rows are turned into postings in slices, yielding in between, so a read never holds the event loop long.
const SLICE = 2_000;

function limit(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

// On globalThis: a production build may load this module once per server chunk (see server/db/client.ts).
const globalForIndexes = globalThis as typeof globalThis & { __groundworkMemoryIndexes?: WeakMap<object, Map<string, Entry>> };
const registry = (globalForIndexes.__groundworkMemoryIndexes ??= new WeakMap());

function entriesOf(db: Db): Map<string, Entry> {
  const target = sqlTargetOf(db);
  let entries = registry.get(target);
  if (!entries) registry.set(target, (entries = new Map()));
  return entries;
}

/** Whether this process holds an index of the base, at whatever revision. */
export function keepsMemoryIndex(db: Db, knowledgeBaseId: string): boolean {
  return Boolean(entriesOf(db).get(knowledgeBaseId)?.index);
}

/** The base's index when it was read at `revision`, else null. */
export function memoryIndexAt(db: Db, knowledgeBaseId: string, revision: number): MemoryIndex | null {
  const entries = entriesOf(db);
  const entry = entries.get(knowledgeBaseId);
  if (!entry?.index || entry.index.revision !== revision) return null;
  // Most recently used last: the budget drops from the front.
  entries.delete(knowledgeBaseId);
  entries.set(knowledgeBaseId, entry);
  return entry.index;
}

interface LoadedRow {
  revision: number;
  id: string | null;
  documentId: string;
  text: string;
  metadata: Prisma.JsonValue;
  title: string;
  tokens: string[];
}

/** Every chunk with index terms and the revision, in one statement: one snapshot. */
async function readIndex(db: Db, knowledgeBaseId: string): Promise<MemoryIndex | null> {
  const rows = await hotRows<LoadedRow>(db, Prisma.sql`
    SELECT s.revision::float8 AS revision, c.id, c."documentId", c.text, c.metadata, d.title, c.tokens
    FROM "CorpusStat" s
    LEFT JOIN "Chunk" c ON c."knowledgeBaseId" = s."knowledgeBaseId" AND cardinality(c.tokens) > 0
    LEFT JOIN "Document" d ON d.id = c."documentId"
    WHERE s."knowledgeBaseId" = ${knowledgeBaseId}`);
  if (rows.length === 0) return null;
  const builder = new MemoryIndexBuilder();
  for (let from = 0; from < rows.length; from += SLICE) {
    for (const row of rows.slice(from, from + SLICE)) {
      if (row.id !== null) builder.add({ id: row.id, documentId: row.documentId, text: row.text, metadata: row.metadata, title: row.title ?? "", tokens: row.tokens });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return builder.build(Number(rows[0].revision));
}

function budgetBytes(): number {
  return limit("GROUNDWORK_MEMORY_INDEX_MB", 512) * 1024 * 1024;
}

/** Drops the least recently used indexes other than `keep` until those kept fit the budget. */
function evict(entries: Map<string, Entry>, keep: string): void {
  let used = 0;
  for (const entry of entries.values()) used += entry.index?.bytes ?? 0;
  for (const [id, entry] of entries) {
    if (used <= budgetBytes()) return;
    if (id === keep || !entry.index) continue;
    used -= entry.index.bytes;
    entries.delete(id);
  }
}

/**
 * Starts reading the base's index in the background when this process should keep it: the base is
 * small enough, no read is under way, and the last one started long enough ago. `state`: what the
 * run read of the base (its size and content revision).
 */
export function refreshMemoryIndex(db: Db, knowledgeBaseId: string, state: { chunks: number; revision: number }): Promise<void> | null {
  const maxChunks = limit("GROUNDWORK_MEMORY_INDEX_CHUNKS", 200_000);
  if (maxChunks === 0 || state.chunks === 0 || state.chunks > maxChunks) return null;
  const entries = entriesOf(db);
  const entry = entries.get(knowledgeBaseId) ?? { index: null, tooLarge: null, reading: null, readAt: 0 };
  const current = entry.index?.revision === state.revision || entry.tooLarge === state.revision;
  if (current || entry.reading || Date.now() - entry.readAt < READ_EVERY_MS) return entry.reading;
  entries.set(knowledgeBaseId, entry);
  entry.readAt = Date.now();
  entry.reading = readIndex(db, knowledgeBaseId)
    .then(
      (index) => {
        if (!index) entries.delete(knowledgeBaseId);
        else if (index.chunks > maxChunks || index.bytes > budgetBytes()) {
          entry.index = null;
          entry.tooLarge = index.revision;
        } else {
          entry.index = index;
          evict(entries, knowledgeBaseId);
        }
      },
      (error: unknown) => {
        // Runs go on searching the database; the next read is tried after READ_EVERY_MS.
        console.warn(`Knowledge base ${knowledgeBaseId}: its in-memory index could not be read (${error instanceof Error ? error.message : String(error)})`);
      },
    )
    .finally(() => {
      entry.reading = null;
    });
  return entry.reading;
}
