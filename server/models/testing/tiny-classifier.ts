// Builds a tiny BERT-like sequence classifier folder (config.json, tokenizer.json, onnx/model.onnx;
// a few kilobytes) that transformers.js loads like any exported Hugging Face model. Its logits are
// designed, not trained: each word votes for one label, and the vote is the masked mean over the
// tokens of question and passage. So tests can predict every score without any model quality.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bertTokenizerConfig, bertTokenizerJson } from "./bert-tokenizer";
import { FLOAT, INT64, model, node, tensor, valueInfo } from "./onnx-proto";

/** The labels in the order of the model's outputs, spelled as exported NLI models spell them. */
export const tinyLabels = ["CONTRADICTION", "NEUTRAL", "ENTAILMENT"] as const;

// Each word's vote, as [entailment, neutral, contradiction] (mapped to the output order above).
const votes: Record<string, [number, number, number]> = {
  "[PAD]": [0, 0, 0],
  "[UNK]": [0, 0.5, 0],
  "[CLS]": [0, 0, 0],
  "[SEP]": [0, 0, 0],
  "[MASK]": [0, 0, 0],
  the: [0, 0, 0],
  is: [0, 0, 0],
  a: [0, 0, 0],
  it: [0, 0, 0],
  ".": [0, 0, 0],
  deposit: [1, 0, 0],
  returned: [1, 0, 0],
  protected: [1, 0, 0],
  smoke: [0, 1, 0],
  alarm: [0, 1, 0],
  not: [0, 0, 3],
  never: [0, 0, 3],
};
const vocabulary = Object.keys(votes);
const HIDDEN = 3;
const SCALE = 4;

function modelBytes(): Uint8Array {
  const embeddings = new Float32Array(vocabulary.flatMap((word) => votes[word]));
  // Output column j reads the internal vote of label tinyLabels[j].
  const internal = ["ENTAILMENT", "NEUTRAL", "CONTRADICTION"];
  const weights = new Float32Array(HIDDEN * tinyLabels.length);
  tinyLabels.forEach((label, j) => (weights[internal.indexOf(label) * tinyLabels.length + j] = SCALE));
  return model(
    {
      nodes: [
        node("Gather", ["word_embeddings", "input_ids"], ["words"]),
        node("Gather", ["type_embeddings", "token_type_ids"], ["types"]),
        node("Add", ["words", "types"], ["tokens"]),
        node("Cast", ["attention_mask"], ["mask"], [{ name: "to", int: FLOAT }]),
        node("Unsqueeze", ["mask"], ["mask3"], [{ name: "axes", ints: [2] }]),
        node("Mul", ["tokens", "mask3"], ["masked"]),
        node("ReduceSum", ["masked"], ["total"], [{ name: "axes", ints: [1] }, { name: "keepdims", int: 0 }]),
        node("ReduceSum", ["mask3"], ["count"], [{ name: "axes", ints: [1] }, { name: "keepdims", int: 0 }]),
        node("Div", ["total", "count"], ["pooled"]),
        node("MatMul", ["pooled", "classifier_weight"], ["projected"]),
        node("Add", ["projected", "classifier_bias"], ["logits"]),
      ],
      initializers: [
        tensor("word_embeddings", [vocabulary.length, HIDDEN], embeddings),
        tensor("type_embeddings", [2, HIDDEN], new Float32Array(2 * HIDDEN)),
        tensor("classifier_weight", [HIDDEN, tinyLabels.length], weights),
        tensor("classifier_bias", [tinyLabels.length], new Float32Array(tinyLabels.length)),
      ],
      inputs: ["input_ids", "attention_mask", "token_type_ids"].map((name) => valueInfo(name, INT64, ["batch", "sequence"])),
      outputs: [valueInfo("logits", FLOAT, ["batch", tinyLabels.length])],
    },
    11,
  );
}

function configJson() {
  return {
    model_type: "bert",
    architectures: ["BertForSequenceClassification"],
    vocab_size: vocabulary.length,
    hidden_size: HIDDEN,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    id2label: Object.fromEntries(tinyLabels.map((label, i) => [String(i), label])),
    label2id: Object.fromEntries(tinyLabels.map((label, i) => [label, i])),
  };
}

/** Writes the model folder into `dir` (created if missing) and returns `dir`. */
export async function writeTinyClassifier(dir: string): Promise<string> {
  await mkdir(path.join(dir, "onnx"), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, "onnx", "model.onnx"), modelBytes()),
    writeFile(path.join(dir, "config.json"), JSON.stringify(configJson(), null, 2)),
    writeFile(path.join(dir, "tokenizer.json"), JSON.stringify(bertTokenizerJson(vocabulary))),
    writeFile(path.join(dir, "tokenizer_config.json"), JSON.stringify(bertTokenizerConfig, null, 2)),
  ]);
  return dir;
}
