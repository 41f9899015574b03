// The embedder a knowledge base is configured with (KnowledgeBase.embedder): the offline Universal
// Sentence Encoder, the base's own LSA model, or a provider model (OpenAIEmbeddings / OllamaEmbeddings
// through a saved credential). Chunks and queries of one base always go through the same one.
import type { Db } from "@/server/db/client";
import type { EmbedderSettings } from "@/nodes/knowledge-settings";
import { resolveCredential } from "@/server/providers/credential-store";
import { createEmbeddings } from "@/server/providers/model-factory";
import { localEmbedder } from "@/server/models/local-embedder";
import { missingBase, parseEmbedder } from "../base-state";
import { tokenize } from "../tokenize";
import { embedLsa, type LsaFit } from "./lsa";
import { loadLsa } from "./lsa-store";
import { embedWithUse } from "./use-embedder";

export interface QueryEmbedder {
  /** What the trace says embedded the query, e.g. "LSA 128-d (offline)". */
  label: string;
  embedQuery(text: string): Promise<ArrayLike<number>>;
}

export async function embedderSettingsOf(db: Db, workspaceId: string, knowledgeBaseId: string): Promise<EmbedderSettings> {
  const base = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { embedder: true } });
  if (!base) throw missingBase(knowledgeBaseId);
  return parseEmbedder(knowledgeBaseId, base.embedder);
}

export function embedderLabel(settings: EmbedderSettings): string {
  switch (settings.kind) {
    case "none":
      return "no embedder";
    case "use":
      return "Universal Sentence Encoder lite (offline)";
    case "lsa":
      return `LSA ${settings.dimensions}-d (offline)`;
    case "provider":
      return `provider model ${settings.model}`;
    case "local":
      return "local ONNX model (offline)";
  }
}

/** Texts → vectors for the provider and USE embedders (LSA embeds from tokens: see embed-chunks.ts). */
export async function embedTexts(db: Db, workspaceId: string, settings: EmbedderSettings, texts: string[]): Promise<ArrayLike<number>[]> {
  if (settings.kind === "use") return embedWithUse(texts);
  if (settings.kind === "provider") {
    const credential = await resolveCredential(db, workspaceId, settings.credentialId);
    return createEmbeddings(credential, { credentialId: settings.credentialId, model: settings.model, temperature: 0 }).embedDocuments(texts);
  }
  if (settings.kind === "local") return (await localEmbedder(db, workspaceId, settings.localModelId)).embed(texts);
  throw new Error(`embedTexts does not serve the ${settings.kind} embedder`);
}

// A fitted projection is megabytes: each process reads it once per fit (the fit's time is the key).
const lsaCache = new Map<string, { fittedAt: number; model: LsaFit & { index: Map<string, number> } }>();

async function cachedLsa(db: Db, knowledgeBaseId: string) {
  const current = await db.lsaModel.findUnique({ where: { knowledgeBaseId }, select: { createdAt: true } });
  if (!current) throw new Error(`Knowledge base "${knowledgeBaseId}" has no fitted LSA model yet: index its documents first`);
  const cached = lsaCache.get(knowledgeBaseId);
  if (cached?.fittedAt === current.createdAt.getTime()) return cached.model;
  const fit = await loadLsa(db, knowledgeBaseId);
  if (!fit) throw new Error(`Knowledge base "${knowledgeBaseId}" has no fitted LSA model yet: index its documents first`);
  const model = { ...fit, index: new Map(fit.terms.map((t, i) => [t, i])) };
  lsaCache.set(knowledgeBaseId, { fittedAt: current.createdAt.getTime(), model });
  return model;
}

/** The embedder for a base's queries, or null when the base has none. */
export async function queryEmbedder(db: Db, workspaceId: string, knowledgeBaseId: string): Promise<QueryEmbedder | null> {
  return queryEmbedderFor(db, workspaceId, knowledgeBaseId, await embedderSettingsOf(db, workspaceId, knowledgeBaseId));
}

/** The query embedder of settings already read (a run's copy of its base's state: search.ts). */
export async function queryEmbedderFor(db: Db, workspaceId: string, knowledgeBaseId: string, settings: EmbedderSettings): Promise<QueryEmbedder | null> {
  const label = embedderLabel(settings);
  switch (settings.kind) {
    case "none":
      return null;
    case "lsa": {
      const model = await cachedLsa(db, knowledgeBaseId);
      return { label, embedQuery: async (text) => embedLsa(model, tokenize(text), model.index) };
    }
    case "use":
      return { label, embedQuery: async (text) => (await embedWithUse([text]))[0] };
    case "provider": {
      const credential = await resolveCredential(db, workspaceId, settings.credentialId);
      const embeddings = createEmbeddings(credential, { credentialId: settings.credentialId, model: settings.model, temperature: 0 });
      return { label, embedQuery: (text) => embeddings.embedQuery(text) };
    }
    case "local": {
      const local = await localEmbedder(db, workspaceId, settings.localModelId);
      return { label: local.label, embedQuery: async (text) => (await local.embed([text]))[0] };
    }
  }
}
