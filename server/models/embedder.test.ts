// The transformers.js embedding path on a tiny ONNX embedder the suite builds itself
// (testing/tiny-embedder.ts): real tokenizer, real ONNX runtime, remote loading off. Shapes, pooling
// and normalisation, never quality.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentenceEmbedder } from "./embedder";
import { checkModelFolder } from "./model-folder";
import { writeTinyClassifier } from "./testing/tiny-classifier";
import { TINY_DIMENSIONS, writeTinyEmbedder } from "./testing/tiny-embedder";

let root: string;
let folder: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "gw-embedder-"));
  folder = await writeTinyEmbedder(path.join(root, "tiny-embed"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const unit = (index: number) => Array.from({ length: TINY_DIMENSIONS }, (_, i) => (i === index ? 1 : 0));
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe("local sentence embedder (transformers.js, ONNX)", () => {
  it("mean-pools token states over the attention mask, padded batches included, into unit vectors", async () => {
    const embedder = await sentenceEmbedder(folder);
    expect(embedder.output).toBe("last_hidden_state");
    // Batches of 2: "Heart" is padded to the length of the next text; [PAD]'s own direction must not leak in.
    const vectors = await embedder.embed(["Heart", "the deposit is returned and the heart attack", "Flu vaccines", "nothing known here"], { batchSize: 2 });
    expect(vectors).toHaveLength(4);
    for (const v of vectors) expect(v).toHaveLength(TINY_DIMENSIONS);
    expect(Array.from(vectors[0])).toEqual(unit(0));
    // Two money words, two heart words: equal parts of both directions.
    expect(vectors[1][0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(vectors[1][1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(vectors[1][4]).toBe(0);
    expect(Array.from(vectors[2])).toEqual(unit(2));
    for (const v of vectors.slice(0, 3)) expect(norm(v)).toBeCloseTo(1, 6);
    // Only unknown words: no direction, and no NaN from normalising it.
    expect(Array.from(vectors[3])).toEqual(unit(-1));
  });

  it("uses the model's own sentence_embedding when it exports one", async () => {
    const own = await sentenceEmbedder(await writeTinyEmbedder(path.join(root, "pooled"), { sentenceEmbedding: true }));
    expect(own.output).toBe("sentence_embedding");
    // The fixture's pooling reverses the dimensions: "heart" (0) comes out on the last one.
    expect(Array.from((await own.embed(["heart"]))[0])).toEqual(unit(TINY_DIMENSIONS - 1));
  });

  it("stops between batches when aborted", async () => {
    const embedder = await sentenceEmbedder(folder);
    await expect(embedder.embed(["heart", "flu"], { batchSize: 1, signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it("checks an embedder folder, and refuses a classifier registered as one", async () => {
    await expect(checkModelFolder(folder, "embed")).resolves.toMatchObject({ modelType: "bert", labels: [], dimensions: TINY_DIMENSIONS });
    const classifier = await writeTinyClassifier(path.join(root, "classifier"));
    await expect(checkModelFolder(classifier, "embed")).rejects.toThrow(
      "as a sentence embedder: its ONNX model outputs logits, not last_hidden_state or sentence_embedding",
    );
  });
});
