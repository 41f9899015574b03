// A sequence-pair classifier (cross-encoder reranker or NLI model) loaded from a local ONNX folder with
// transformers.js. Loaded once per folder and process; a folder changed on disk (new config.json) loads again.
import { stat } from "node:fs/promises";
import path from "node:path";
import { AutoModelForSequenceClassification, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from "./transformers";

export interface PairClassifier {
  /** config.json id2label, index → name. */
  id2label: Record<string, string>;
  outputs: number;
  /** Raw logits, one row per (first, second) pair, in the order given. */
  logits(pairs: Array<[string, string]>, options?: { batchSize?: number; signal?: AbortSignal }): Promise<number[][]>;
}

const MAX_TOKENS = 512;
const loaded = new Map<string, { stamp: number; classifier: Promise<PairClassifier> }>();

async function load(folder: string): Promise<PairClassifier> {
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(folder);
  const model: PreTrainedModel = await AutoModelForSequenceClassification.from_pretrained(folder, { dtype: "fp32" });
  const id2label = ((model.config as unknown as { id2label?: Record<string, string> }).id2label ?? {}) as Record<string, string>;
  const outputs = Math.max(1, Object.keys(id2label).length);
  return {
    id2label,
    outputs,
    async logits(pairs, options = {}) {
      const rows: number[][] = [];
      const batchSize = options.batchSize ?? 16;
      for (let at = 0; at < pairs.length; at += batchSize) {
        options.signal?.throwIfAborted();
        const batch = pairs.slice(at, at + batchSize);
        const inputs = tokenizer(
          batch.map((p) => p[0]),
          { text_pair: batch.map((p) => p[1]), padding: true, truncation: true, max_length: Math.min(MAX_TOKENS, tokenizer.model_max_length ?? MAX_TOKENS) },
        );
        const { logits } = (await model(inputs)) as { logits: Tensor };
        rows.push(...(logits.tolist() as number[][]));
      }
      return rows;
    },
  };
}

/** The classifier in `folder` (an absolute path), loading it on first use. */
export async function pairClassifier(folder: string): Promise<PairClassifier> {
  const absolute = path.resolve(/* turbopackIgnore: true */ folder);
  const stamp = (await stat(path.join(/* turbopackIgnore: true */ absolute, "config.json"))).mtimeMs;
  const cached = loaded.get(absolute);
  if (cached && cached.stamp === stamp) return cached.classifier;
  const classifier = load(absolute);
  loaded.set(absolute, { stamp, classifier });
  // A failed load is not remembered: fixing the folder and running again loads it afresh.
  classifier.catch(() => loaded.delete(absolute));
  return classifier;
}

export function softmax(row: number[]): number[] {
  const max = Math.max(...row);
  const exps = row.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
