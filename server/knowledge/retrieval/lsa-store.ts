// A base's fitted LSA model in the database (LsaModel), so chunks and later queries are embedded
// with the same projection by any process.
import type { Db } from "@/server/db/client";
import type { LsaFit } from "./lsa";

function toBytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(values.byteLength);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return bytes;
}

function toFloats(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export async function saveLsa(db: Db, knowledgeBaseId: string, fit: LsaFit, fittedChunks: number): Promise<void> {
  const row = { dimensions: fit.dimensions, fittedChunks, terms: fit.terms, idf: toBytes(fit.idf), projection: toBytes(fit.projection), createdAt: new Date() };
  await db.lsaModel.upsert({ where: { knowledgeBaseId }, create: { knowledgeBaseId, ...row }, update: row });
}

export async function loadLsa(db: Db, knowledgeBaseId: string): Promise<(LsaFit & { fittedChunks: number }) | null> {
  const row = await db.lsaModel.findUnique({ where: { knowledgeBaseId } });
  if (!row) return null;
  return { terms: row.terms, idf: toFloats(row.idf), projection: toFloats(row.projection), dimensions: row.dimensions, fittedChunks: row.fittedChunks };
}
