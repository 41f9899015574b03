// A knowledge base's local embedder: the registered folder (in the base's workspace, of task "embed")
// and its loaded model. transformers.js is imported on first use: most processes never embed locally.
import type { Db } from "@/server/db/client";
import { LocalModelNotFoundError, resolveLocalModel } from "./local-models";

export interface LocalEmbedder {
  /** What the trace says embedded the query. */
  label: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export async function localEmbedder(db: Db, workspaceId: string, localModelId: string): Promise<LocalEmbedder> {
  const folder = await resolveLocalModel(db, workspaceId, localModelId).catch((error: unknown) => {
    if (error instanceof LocalModelNotFoundError) {
      throw new Error(`Local model ${localModelId} does not exist in this workspace (deleted?): choose another embedder in the knowledge base's settings`);
    }
    throw error;
  });
  if (folder.task !== "embed") {
    throw new Error(`Local model "${folder.name}" is registered as a ${folder.task} model, not embed: choose an embedder in the knowledge base's settings`);
  }
  const { sentenceEmbedder } = await import("./embedder");
  const embedder = await sentenceEmbedder(folder.path);
  return { label: `local model ${folder.name} (offline)`, embed: (texts, signal) => embedder.embed(texts, { signal }) };
}
