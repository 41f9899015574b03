// Builds a tiny BERT-like sentence embedder folder (config.json, tokenizer.json, onnx/model.onnx; a few
// kilobytes) that transformers.js loads with AutoModel like any exported feature-extraction model. Its
// last_hidden_state is designed, not trained: each word is one fixed direction (its topic), so a text's
// pooled vector is its topic counts and tests can predict every similarity. Synonyms that share no
// letters share a topic, so dense retrieval finds what BM25 cannot.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bertTokenizerConfig, bertTokenizerJson } from "./bert-tokenizer";
import { FLOAT, INT64, model, node, tensor, valueInfo } from "./onnx-proto";

/** The hidden size: one dimension per topic, and the last for [PAD]. */
export const TINY_DIMENSIONS = 5;
export const tinyTopics = ["heart", "money", "flu", "notice"] as const;
/** [PAD]'s own direction: a real encoder's padded positions carry states too, which pooling must skip. */
export const PAD_DIRECTION = 4;

const topicWords: Record<(typeof tinyTopics)[number], string[]> = {
  heart: ["heart", "cardiac", "myocardial", "infarction", "aspirin", "attack"],
  money: ["deposit", "deposits", "refund", "returned", "returns", "money", "landlord"],
  flu: ["influenza", "flu", "vaccine", "vaccines", "vaccination"],
  notice: ["notice", "notices", "month", "ends", "tenancy"],
};

// Special tokens and stop words have no direction (zero states), like [UNK] for any other word.
const vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "a", "of", "and", "is", ...Object.values(topicWords).flat()];

function direction(word: string): number | null {
  if (word === "[PAD]") return PAD_DIRECTION;
  const topic = tinyTopics.findIndex((t) => topicWords[t].includes(word));
  return topic >= 0 ? topic : null;
}

function modelBytes(sentenceEmbedding: boolean): Uint8Array {
  const embeddings = new Float32Array(vocabulary.length * TINY_DIMENSIONS);
  vocabulary.forEach((word, i) => {
    const d = direction(word);
    if (d !== null) embeddings[i * TINY_DIMENSIONS + d] = 1;
  });
  const nodes = [
    node("Gather", ["word_embeddings", "input_ids"], ["words"]),
    node("Gather", ["type_embeddings", "token_type_ids"], ["types"]),
    // attention_mask is an input, as in every BERT export, but (like BERT's states) the output ignores it.
    node("Cast", ["attention_mask"], ["mask"], [{ name: "to", int: FLOAT }]),
    node("Unsqueeze", ["mask"], ["mask3"], [{ name: "axes", ints: [2] }]),
    node("Mul", ["mask3", "zero"], ["nothing"]),
    node("Add", ["words", "types"], ["tokens"]),
    node("Add", ["tokens", "nothing"], ["last_hidden_state"]),
  ];
  const initializers = [
    tensor("word_embeddings", [vocabulary.length, TINY_DIMENSIONS], embeddings),
    tensor("type_embeddings", [2, TINY_DIMENSIONS], new Float32Array(2 * TINY_DIMENSIONS)),
    tensor("zero", [1], new Float32Array(1)),
  ];
  const outputs = [valueInfo("last_hidden_state", FLOAT, ["batch", "sequence", TINY_DIMENSIONS])];
  if (sentenceEmbedding) {
    // The model's own pooling, made recognisable: the unmasked sum of the states in reversed order.
    const reverse = new Float32Array(TINY_DIMENSIONS * TINY_DIMENSIONS);
    for (let i = 0; i < TINY_DIMENSIONS; i++) reverse[i * TINY_DIMENSIONS + (TINY_DIMENSIONS - 1 - i)] = 1;
    nodes.push(
      node("ReduceSum", ["last_hidden_state"], ["summed"], [{ name: "axes", ints: [1] }, { name: "keepdims", int: 0 }]),
      node("MatMul", ["summed", "reverse"], ["sentence_embedding"]),
    );
    initializers.push(tensor("reverse", [TINY_DIMENSIONS, TINY_DIMENSIONS], reverse));
    outputs.push(valueInfo("sentence_embedding", FLOAT, ["batch", TINY_DIMENSIONS]));
  }
  return model(
    { nodes, initializers, inputs: ["input_ids", "attention_mask", "token_type_ids"].map((name) => valueInfo(name, INT64, ["batch", "sequence"])), outputs },
    11,
  );
}

function configJson() {
  return {
    model_type: "bert",
    architectures: ["BertModel"],
    vocab_size: vocabulary.length,
    hidden_size: TINY_DIMENSIONS,
    max_position_embeddings: 512,
    type_vocab_size: 2,
  };
}

/** Writes the model folder into `dir` (created if missing) and returns `dir`. */
export async function writeTinyEmbedder(dir: string, options: { sentenceEmbedding?: boolean } = {}): Promise<string> {
  await mkdir(path.join(dir, "onnx"), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, "onnx", "model.onnx"), modelBytes(options.sentenceEmbedding ?? false)),
    writeFile(path.join(dir, "config.json"), JSON.stringify(configJson(), null, 2)),
    writeFile(path.join(dir, "tokenizer.json"), JSON.stringify(bertTokenizerJson(vocabulary))),
    writeFile(path.join(dir, "tokenizer_config.json"), JSON.stringify(bertTokenizerConfig, null, 2)),
  ]);
  return dir;
}
