// The transformers.js path on a tiny ONNX classifier the suite builds itself (testing/tiny-classifier.ts):
// real tokenizer, real ONNX runtime, remote loading off. Shapes and behaviour only, never quality.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairClassifier, softmax } from "./classifier";
import { nliLabels, relevantOutput } from "./label-map";
import { checkModelFolder } from "./model-folder";
import { tinyLabels, writeTinyClassifier } from "./testing/tiny-classifier";
import { env } from "./transformers";

let root: string;
let folder: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "gw-models-"));
  folder = await writeTinyClassifier(path.join(root, "tiny"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("local sequence classifier (transformers.js, ONNX)", () => {
  it("never loads from a model hub", () => {
    expect(env.allowRemoteModels).toBe(false);
  });

  it("returns one row of logits per pair, padded batches included, as the designed votes say", async () => {
    const classifier = await pairClassifier(folder);
    expect(classifier.id2label).toEqual({ "0": "CONTRADICTION", "1": "NEUTRAL", "2": "ENTAILMENT" });
    const rows = await classifier.logits(
      [
        ["deposit returned", "the deposit is returned"],
        ["deposit returned", "smoke alarm"],
        ["deposit returned", "the deposit is not returned"],
      ],
      { batchSize: 2 },
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(3);
    // [CLS] deposit returned [SEP] the deposit is returned [SEP]: 4 entailment votes over 9 tokens, × 4.
    expect(rows[0][2]).toBeCloseTo((4 / 9) * 4, 5);
    expect(rows[0][0]).toBeCloseTo(0, 5);
    // The padded pair (second in a batch with the longer first) is averaged over its own tokens only.
    expect(rows[1][1]).toBeCloseTo((2 / 7) * 4, 5);
    expect(rows[2][0]).toBeGreaterThan(0);
  });

  it("maps NLI label spellings, and says when a folder's labels are not NLI", () => {
    expect(nliLabels({ "0": "CONTRADICTION", "1": "NEUTRAL", "2": "ENTAILMENT" }, 3)).toEqual(["contradiction", "neutral", "entailment"]);
    expect(nliLabels({ "0": "entailment", "1": "not_enough_info", "2": "refutes" }, 3)).toEqual(["entailment", "neutral", "contradiction"]);
    expect(() => nliLabels({ "0": "LABEL_0", "1": "LABEL_1" }, 2)).toThrow('config.json label "LABEL_0" (output 0) is not entailment, neutral or contradiction');
    expect(relevantOutput({ "0": "CONTRADICTION", "1": "NEUTRAL", "2": "ENTAILMENT" }, 3)).toBe(2);
    expect(relevantOutput({ "0": "LABEL_0", "1": "LABEL_1" }, 2)).toBe(1);
    expect(relevantOutput({ "0": "LABEL_0" }, 1)).toBe(0);
    const p = softmax([1, 2, 3]);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 10);
  });

  it("checks a folder before it is registered, naming what is missing or wrong", async () => {
    await expect(checkModelFolder(folder, "nli")).resolves.toMatchObject({ modelType: "bert", labels: [...tinyLabels] });
    await expect(checkModelFolder("relative/path", "nli")).rejects.toThrow("is not an absolute path");
    await expect(checkModelFolder(path.join(root, "nowhere"), "nli")).rejects.toThrow("No folder at");
    const broken = await writeTinyClassifier(path.join(root, "no-tokenizer"));
    await rm(path.join(broken, "tokenizer.json"));
    await rm(path.join(broken, "onnx"), { recursive: true });
    await expect(checkModelFolder(broken, "rerank")).rejects.toThrow("lacks tokenizer.json, onnx/model*.onnx");
    const binary = await writeTinyClassifier(path.join(root, "binary"));
    await writeFile(path.join(binary, "config.json"), JSON.stringify({ model_type: "bert", id2label: { "0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2" } }));
    await expect(checkModelFolder(binary, "rerank")).resolves.toMatchObject({ labels: ["LABEL_0", "LABEL_1", "LABEL_2"] });
    await expect(checkModelFolder(binary, "nli")).rejects.toThrow("this folder is not an NLI model");
    const garbage = await writeTinyClassifier(path.join(root, "garbage"));
    await writeFile(path.join(garbage, "onnx", "model.onnx"), "not a model");
    await expect(checkModelFolder(garbage, "rerank")).rejects.toThrow("transformers.js could not load and run");
  });
});
