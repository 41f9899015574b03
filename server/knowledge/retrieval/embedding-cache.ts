// Text embeddings through the base's cache (EmbeddingCache): USE lite takes tens of milliseconds per
// text on these machines and a provider charges per token, so a text the same embedder already
// embedded for the base — an unchanged chunk of a re-indexed document, a re-embed resumed after a
// crash, a switch back to an earlier embedder — is read back instead of computed again.
import { createHash } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { EmbedderSettings } from "@/nodes/knowledge-settings";
import { embedTexts } from "./embedders";

/** The cache key of an embedder: its settings with keys in a fixed order. */
export function embedderKey(settings: EmbedderSettings): string {
  return JSON.stringify(Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))));
}

function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function toBytes(vector: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const floats = Float32Array.from(vector);
  return new Uint8Array(floats.buffer);
}

function toVector(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export interface CachedEmbedding {
  vectors: ArrayLike<number>[];
  /** How many of the texts were computed now (the rest came from the cache). */
  computed: number;
}

/** `texts` → vectors with the base's text embedder (USE or provider), computing only the texts not cached. */
export async function embedTextsCached(
  db: Db,
  base: { workspaceId: string; knowledgeBaseId: string },
  settings: EmbedderSettings,
  texts: readonly string[],
): Promise<CachedEmbedding> {
  if (texts.length === 0) return { vectors: [], computed: 0 };
  const embedder = embedderKey(settings);
  const hashes = texts.map(textHash);
  const cached = await db.embeddingCache.findMany({
    where: { knowledgeBaseId: base.knowledgeBaseId, embedder, textHash: { in: [...new Set(hashes)] } },
    select: { textHash: true, vector: true },
  });
  const known = new Map<string, ArrayLike<number>>(cached.map((row) => [row.textHash, toVector(row.vector)]));
  const missing = [...new Set(hashes.filter((h) => !known.has(h)))];
  if (missing.length > 0) {
    const textOf = new Map(hashes.map((h, i) => [h, texts[i]]));
    const computed = await embedTexts(db, base.workspaceId, settings, missing.map((h) => textOf.get(h)!));
    missing.forEach((h, i) => known.set(h, computed[i]));
    await db.embeddingCache.createMany({
      data: missing.map((h, i) => ({ knowledgeBaseId: base.knowledgeBaseId, embedder, textHash: h, vector: toBytes(computed[i]) })),
      skipDuplicates: true,
    });
  }
  return { vectors: hashes.map((h) => known.get(h)!), computed: missing.length };
}
