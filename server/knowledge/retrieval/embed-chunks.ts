// Embeds a knowledge base's chunks with the base's embedder and stores the vectors: the "indexing"
// stage of ingestion calls embedChunks for a document's new chunks, and a change of embedder runs the
// re-embed job (../jobs/reembed-base.ts) over the pieces below. LSA is fitted on the base itself: the
// first time, whenever the base has doubled since the last fit, and on a full re-embed; a fit
// re-embeds every chunk with the new model. Text embedders go through the base's embedding cache.
import type { Db } from "@/server/db/client";
import type { EmbedderSettings } from "@/nodes/knowledge-settings";
import { embedderSettingsOf } from "./embedders";
import { embedTextsCached } from "./embedding-cache";
import { embedLsa, fitLsa, type LsaFit } from "./lsa";
import { loadLsa, saveLsa } from "./lsa-store";
import { writeVectors } from "./vectors";

export interface EmbedChunksInput {
  knowledgeBaseId: string;
  /** Only these chunks (a document's new ones); omitted: every chunk of the base. */
  chunkIds?: string[];
  signal?: AbortSignal;
}

const PAGE = 1_000;
const TEXT_BATCH = 32;
// Fitting reads every chunk's tokens into memory: larger bases are fitted on an even sample.
const MAX_FIT_CHUNKS = 20_000;

export interface ChunkRow {
  id: string;
  text: string;
  tokens: string[];
  document: { title: string };
}

/** The chunks to embed in id order, a page at a time (after `after`, when given), so a base of any size is never held in memory at once. */
export async function* chunkPages(db: Db, knowledgeBaseId: string, options: { chunkIds?: string[]; after?: string | null; pageSize?: number } = {}): AsyncGenerator<ChunkRow[]> {
  let after = options.after ?? undefined;
  for (;;) {
    const rows = await db.chunk.findMany({
      where: { knowledgeBaseId, disabled: false, id: { ...(options.chunkIds ? { in: options.chunkIds } : {}), ...(after ? { gt: after } : {}) } },
      select: { id: true, text: true, tokens: true, document: { select: { title: true } } },
      orderBy: { id: "asc" },
      take: options.pageSize ?? PAGE,
    });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

// A zero vector has no direction: a chunk that shares no term with the LSA vocabulary is not stored.
function nonZero(vector: ArrayLike<number>): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return true;
  return false;
}

export type LsaModel = LsaFit & { index: Map<string, number> };

/** Fits LSA on (an even sample of) the base and saves the fit. */
export async function fitLsaOnBase(db: Db, knowledgeBaseId: string, dimensions: number, signal?: AbortSignal): Promise<LsaModel> {
  const total = await db.chunk.count({ where: { knowledgeBaseId, disabled: false } });
  const every = Math.max(1, Math.ceil(total / MAX_FIT_CHUNKS));
  const sample: string[][] = [];
  let seen = 0;
  for await (const page of chunkPages(db, knowledgeBaseId)) {
    signal?.throwIfAborted();
    for (const row of page) if (seen++ % every === 0) sample.push(row.tokens);
  }
  const fit = fitLsa(sample, dimensions);
  await saveLsa(db, knowledgeBaseId, fit, total);
  return withIndex(fit);
}

export function withIndex(fit: LsaFit): LsaModel {
  return { ...fit, index: new Map(fit.terms.map((t, i) => [t, i])) };
}

/** The text a text embedder sees for a chunk: its document's title, then its text. */
function embeddedText(row: ChunkRow): string {
  return `${row.document.title}\n${row.text}`;
}

/**
 * One page of chunks → their vectors (not yet stored): LSA from tokens with `lsa`, otherwise the text
 * embedder through the cache. `computed` counts the texts the model actually ran on.
 */
export async function embedRows(
  db: Db,
  base: { workspaceId: string; knowledgeBaseId: string },
  settings: EmbedderSettings,
  rows: readonly ChunkRow[],
  lsa: LsaModel | null,
  signal?: AbortSignal,
): Promise<{ vectors: Array<{ chunkId: string; vector: ArrayLike<number> }>; computed: number }> {
  if (settings.kind === "none") return { vectors: [], computed: 0 };
  if (settings.kind === "lsa") {
    if (!lsa) throw new Error(`Knowledge base "${base.knowledgeBaseId}" has no fitted LSA model to embed with`);
    const vectors = rows.map((row) => ({ chunkId: row.id, vector: embedLsa(lsa, row.tokens, lsa.index) })).filter((r) => nonZero(r.vector));
    return { vectors, computed: rows.length };
  }
  const vectors: Array<{ chunkId: string; vector: ArrayLike<number> }> = [];
  let computed = 0;
  for (let i = 0; i < rows.length; i += TEXT_BATCH) {
    signal?.throwIfAborted();
    const batch = rows.slice(i, i + TEXT_BATCH);
    const result = await embedTextsCached(db, base, settings, batch.map(embeddedText));
    batch.forEach((row, j) => vectors.push({ chunkId: row.id, vector: result.vectors[j] }));
    computed += result.computed;
  }
  return { vectors, computed };
}

async function embedWithLsa(db: Db, base: { workspaceId: string; knowledgeBaseId: string }, settings: Extract<EmbedderSettings, { kind: "lsa" }>, input: EmbedChunksInput) {
  const { knowledgeBaseId } = base;
  const existing = await loadLsa(db, knowledgeBaseId);
  const total = await db.chunk.count({ where: { knowledgeBaseId, disabled: false } });
  const refit = !existing || !input.chunkIds || existing.dimensions !== settings.dimensions || total > 2 * existing.fittedChunks;
  if (total === 0) return 0;
  const model = refit ? await fitLsaOnBase(db, knowledgeBaseId, settings.dimensions, input.signal) : withIndex(existing);
  let embedded = 0;
  for await (const page of chunkPages(db, knowledgeBaseId, { chunkIds: refit ? undefined : input.chunkIds })) {
    input.signal?.throwIfAborted();
    const { vectors } = await embedRows(db, base, settings, page, model);
    await writeVectors(db, knowledgeBaseId, vectors);
    embedded += vectors.length;
  }
  return embedded;
}

async function embedWithModel(db: Db, base: { workspaceId: string; knowledgeBaseId: string }, settings: EmbedderSettings, input: EmbedChunksInput) {
  let embedded = 0;
  for await (const page of chunkPages(db, base.knowledgeBaseId, { chunkIds: input.chunkIds })) {
    const { vectors } = await embedRows(db, base, settings, page, null, input.signal);
    await writeVectors(db, base.knowledgeBaseId, vectors);
    embedded += vectors.length;
  }
  return embedded;
}

/** Embeds the chunks (all, or `chunkIds`) with the base's embedder; a base without one embeds nothing. */
export async function embedChunks(db: Db, input: EmbedChunksInput): Promise<{ embedded: number }> {
  const found = await db.knowledgeBase.findUnique({ where: { id: input.knowledgeBaseId }, select: { workspaceId: true } });
  if (!found) throw new Error(`Knowledge base "${input.knowledgeBaseId}" does not exist`);
  const base = { workspaceId: found.workspaceId, knowledgeBaseId: input.knowledgeBaseId };
  const settings = await embedderSettingsOf(db, base.workspaceId, input.knowledgeBaseId);
  if (settings.kind === "none") return { embedded: 0 };
  if (settings.kind === "lsa") return { embedded: await embedWithLsa(db, base, settings, input) };
  return { embedded: await embedWithModel(db, base, settings, input) };
}
