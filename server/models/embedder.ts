// A sentence embedder loaded from a local ONNX folder with transformers.js. Loaded once per folder and
// process (a folder changed on disk, i.e. a new config.json, loads again). Vectors are L2-normalised:
// the model's own `sentence_embedding` when it exports one, else the mean of the token states over
// the attention mask (sentence-transformers' default pooling).
import { stat } from "node:fs/promises";
import path from "node:path";
import { AutoModel, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from "./transformers";

export interface SentenceEmbedder {
  /** Which model output the vectors come from. */
  output: "sentence_embedding" | "last_hidden_state" | "token_embeddings";
  /** One unit vector per text, in the order given. */
  embed(texts: readonly string[], options?: { batchSize?: number; signal?: AbortSignal }): Promise<Float32Array[]>;
}

const MAX_TOKENS = 512;
const loaded = new Map<string, { stamp: number; embedder: Promise<SentenceEmbedder> }>();

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  // A zero vector (every token without a direction) has none to keep: it stays zero.
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}

/** Rows of a [batch, dims] tensor. */
function rows(tensor: Tensor): Float32Array[] {
  const [batch, dims] = tensor.dims;
  const data = tensor.data as Float32Array;
  return Array.from({ length: batch }, (_, b) => Float32Array.from(data.subarray(b * dims, (b + 1) * dims)));
}

/** Mean of [batch, sequence, dims] token states over the tokens whose mask is 1. */
function meanPool(states: Tensor, mask: Tensor): Float32Array[] {
  const [batch, sequence, dims] = states.dims;
  const data = states.data as Float32Array;
  const attention = mask.data as BigInt64Array | number[];
  return Array.from({ length: batch }, (_, b) => {
    const sum = new Float32Array(dims);
    let count = 0;
    for (let t = 0; t < sequence; t++) {
      if (Number(attention[b * sequence + t]) === 0) continue;
      count++;
      const at = (b * sequence + t) * dims;
      for (let d = 0; d < dims; d++) sum[d] += data[at + d];
    }
    if (count > 0) for (let d = 0; d < dims; d++) sum[d] /= count;
    return sum;
  });
}

async function load(folder: string): Promise<SentenceEmbedder> {
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(folder);
  const model: PreTrainedModel = await AutoModel.from_pretrained(folder, { dtype: "fp32" });
  const names = (model.sessions as Record<string, { outputNames: string[] }>).model?.outputNames ?? [];
  const output = (["sentence_embedding", "last_hidden_state", "token_embeddings"] as const).find((name) => names.includes(name));
  if (!output) {
    throw new Error(
      `its ONNX model outputs ${names.join(", ") || "nothing"}, not last_hidden_state or sentence_embedding: export the base model (feature-extraction), not a classifier head`,
    );
  }
  return {
    output,
    async embed(texts, options = {}) {
      const vectors = new Array<Float32Array>(texts.length);
      const batchSize = options.batchSize ?? 16;
      // Texts of similar length share a batch, so little of it is padding the model computes for nothing.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
      for (let at = 0; at < order.length; at += batchSize) {
        options.signal?.throwIfAborted();
        const batch = order.slice(at, at + batchSize);
        const inputs = tokenizer(
          batch.map((i) => texts[i]),
          { padding: true, truncation: true, max_length: Math.min(MAX_TOKENS, tokenizer.model_max_length ?? MAX_TOKENS) },
        );
        const outputs = (await model(inputs)) as Record<string, Tensor>;
        const pooled = output === "sentence_embedding" ? rows(outputs[output]) : meanPool(outputs[output], inputs.attention_mask as Tensor);
        batch.forEach((i, j) => (vectors[i] = normalise(pooled[j])));
      }
      return vectors;
    },
  };
}

/** The embedder in `folder` (an absolute path), loading it on first use. */
export async function sentenceEmbedder(folder: string): Promise<SentenceEmbedder> {
  const absolute = path.resolve(/* turbopackIgnore: true */ folder);
  const stamp = (await stat(path.join(/* turbopackIgnore: true */ absolute, "config.json"))).mtimeMs;
  const cached = loaded.get(absolute);
  if (cached && cached.stamp === stamp) return cached.embedder;
  const embedder = load(absolute);
  loaded.set(absolute, { stamp, embedder });
  // A failed load is not remembered: fixing the folder and running again loads it afresh.
  embedder.catch(() => loaded.delete(absolute));
  return embedder;
}
