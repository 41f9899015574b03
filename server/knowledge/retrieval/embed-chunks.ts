// Embeds a knowledge base's chunks with the base's embedder and stores the vectors: the "indexing"
// stage of ingestion calls embedChunks for a document's new chunks, and a change of embedder calls
// reembedKnowledgeBase. LSA is fitted on the base itself: the first time, whenever the base has
// doubled since the last fit, and on a full re-embed; a fit re-embeds every chunk with the new model.
import type { Db } from "@/server/db/client";
import type { EmbedderSettings } from "@/nodes/knowledge-settings";
import { embedderSettingsOf, embedTexts } from "./embedders";
import { embedLsa, fitLsa } from "./lsa";
import { loadLsa, saveLsa } from "./lsa-store";
import { deleteVectors, writeVectors } from "./vectors";

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

interface ChunkRow {
  id: string;
  text: string;
  tokens: string[];
  document: { title: string };
}

// Pages through the chunks in id order so a base of any size is never held in memory at once.
async function* chunkPages(db: Db, knowledgeBaseId: string, chunkIds: string[] | undefined): AsyncGenerator<ChunkRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.chunk.findMany({
      where: { knowledgeBaseId, disabled: false, id: { ...(chunkIds ? { in: chunkIds } : {}), ...(after ? { gt: after } : {}) } },
      select: { id: true, text: true, tokens: true, document: { select: { title: true } } },
      orderBy: { id: "asc" },
      take: PAGE,
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

async function fitOnBase(db: Db, knowledgeBaseId: string, dimensions: number, signal?: AbortSignal) {
  const total = await db.chunk.count({ where: { knowledgeBaseId, disabled: false } });
  const every = Math.max(1, Math.ceil(total / MAX_FIT_CHUNKS));
  const sample: string[][] = [];
  let seen = 0;
  for await (const page of chunkPages(db, knowledgeBaseId, undefined)) {
    signal?.throwIfAborted();
    for (const row of page) if (seen++ % every === 0) sample.push(row.tokens);
  }
  const fit = fitLsa(sample, dimensions);
  await saveLsa(db, knowledgeBaseId, fit, total);
  return fit;
}

async function embedWithLsa(db: Db, knowledgeBaseId: string, settings: Extract<EmbedderSettings, { kind: "lsa" }>, input: EmbedChunksInput) {
  const existing = await loadLsa(db, knowledgeBaseId);
  const total = await db.chunk.count({ where: { knowledgeBaseId, disabled: false } });
  const refit = !existing || !input.chunkIds || existing.dimensions !== settings.dimensions || total > 2 * existing.fittedChunks;
  if (total === 0) return 0;
  const model = refit ? await fitOnBase(db, knowledgeBaseId, settings.dimensions, input.signal) : existing;
  const index = new Map(model.terms.map((t, i) => [t, i]));
  let embedded = 0;
  for await (const page of chunkPages(db, knowledgeBaseId, refit ? undefined : input.chunkIds)) {
    input.signal?.throwIfAborted();
    const rows = page.map((row) => ({ chunkId: row.id, vector: embedLsa(model, row.tokens, index) })).filter((r) => nonZero(r.vector));
    await writeVectors(db, knowledgeBaseId, rows);
    embedded += rows.length;
  }
  return embedded;
}

async function embedWithModel(db: Db, workspaceId: string, settings: EmbedderSettings, input: EmbedChunksInput) {
  let embedded = 0;
  for await (const page of chunkPages(db, input.knowledgeBaseId, input.chunkIds)) {
    for (let i = 0; i < page.length; i += TEXT_BATCH) {
      input.signal?.throwIfAborted();
      const batch = page.slice(i, i + TEXT_BATCH);
      const vectors = await embedTexts(db, workspaceId, settings, batch.map((row) => `${row.document.title}\n${row.text}`));
      await writeVectors(db, input.knowledgeBaseId, batch.map((row, j) => ({ chunkId: row.id, vector: vectors[j] })));
      embedded += batch.length;
    }
  }
  return embedded;
}

/** Embeds the chunks (all, or `chunkIds`) with the base's embedder; a base without one embeds nothing. */
export async function embedChunks(db: Db, input: EmbedChunksInput): Promise<{ embedded: number }> {
  const base = await db.knowledgeBase.findUnique({ where: { id: input.knowledgeBaseId }, select: { workspaceId: true } });
  if (!base) throw new Error(`Knowledge base "${input.knowledgeBaseId}" does not exist`);
  const settings = await embedderSettingsOf(db, base.workspaceId, input.knowledgeBaseId);
  if (settings.kind === "none") return { embedded: 0 };
  if (settings.kind === "lsa") return { embedded: await embedWithLsa(db, input.knowledgeBaseId, settings, input) };
  return { embedded: await embedWithModel(db, base.workspaceId, settings, input) };
}

/** After the base's embedder changed: drops every vector (and the LSA fit) and embeds the whole base again. */
export async function reembedKnowledgeBase(db: Db, knowledgeBaseId: string, options: { signal?: AbortSignal } = {}): Promise<{ embedded: number }> {
  await deleteVectors(db, knowledgeBaseId);
  await db.lsaModel.deleteMany({ where: { knowledgeBaseId } });
  return embedChunks(db, { knowledgeBaseId, signal: options.signal });
}
