// Editing a chunk from the chunk browser: new text is analysed (and, when the base has an embedder,
// embedded) again at once; a disabled chunk loses its tokens and every retriever skips it until it
// is enabled again. Anchors keep pointing at the original place in the source; `edited` says the
// text no longer matches it.
import type { Db } from "@/server/db/client";
import type { Chunk } from "@/server/db/generated/client";
import { chunkMetadata } from "./chunk";
import { embedChunks } from "./retrieval/embed-chunks";
import { chunkTokens } from "./tokenize";

export interface ChunkEdit {
  workspaceId: string;
  chunkId: string;
  text?: string;
  disabled?: boolean;
}

export async function setChunk(db: Db, edit: ChunkEdit): Promise<Chunk> {
  if (edit.text !== undefined && edit.text.trim() === "") throw new Error(`Chunk "${edit.chunkId}": the text cannot be empty; disable the chunk instead`);
  const updated = await db.$transaction(async (tx) => {
    const chunk = await tx.chunk.findFirst({ where: { id: edit.chunkId, workspaceId: edit.workspaceId }, include: { document: { select: { title: true } } } });
    if (!chunk) throw new Error(`Chunk "${edit.chunkId}" does not exist in this workspace`);
    const text = edit.text ?? chunk.text;
    const disabled = edit.disabled ?? chunk.disabled;
    const stored = chunkMetadata.safeParse(chunk.metadata);
    // Analysed as ingestion does: the document's title and the chunk's heading path weigh beside the text.
    const tokens = disabled ? [] : chunkTokens(text, { title: chunk.document.title, heading: stored.success ? stored.data.heading : [] });
    const metadata = text !== chunk.text && stored.success ? { ...stored.data, edited: true } : (chunk.metadata as object);
    const row = await tx.chunk.update({ where: { id: chunk.id }, data: { text, disabled, tokens, tokenCount: tokens.length, metadata } });
    return { row, textChanged: text !== chunk.text };
  });
  // A base without an embedder embeds nothing; the vector is overwritten in place.
  if (updated.textChanged && !updated.row.disabled) await embedChunks(db, { knowledgeBaseId: updated.row.knowledgeBaseId, chunkIds: [updated.row.id] });
  return updated.row;
}
