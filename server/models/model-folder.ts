// Checks a local model folder before it is registered: the files transformers.js needs are there, and
// the model loads and classifies one pair with labels its task can use, or (an embedder) embeds one text.
// Each problem is said plainly.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { LocalModelTask } from "@/nodes/model-config";
import { pairClassifier } from "./classifier";
import { sentenceEmbedder } from "./embedder";
import { nliLabels } from "./label-map";

export class ModelFolderError extends Error {}

async function isFile(file: string): Promise<boolean> {
  return stat(/* turbopackIgnore: true */ file).then((s) => s.isFile(), () => false);
}

/** What was checked, for the settings page to show. */
export interface FolderCheck {
  path: string;
  modelType: string;
  labels: string[];
  onnxFile: string;
  /** An embedder's vector size. */
  dimensions?: number;
}

async function checkEmbedder(folder: string): Promise<number> {
  try {
    const embedder = await sentenceEmbedder(folder);
    const [vector] = await embedder.embed(["a passage"]);
    if (!vector || vector.length === 0) throw new Error("it returned an empty vector");
    return vector.length;
  } catch (error) {
    throw new ModelFolderError(`transformers.js could not load and run ${folder} as a sentence embedder: ${(error as Error).message}`);
  }
}

export async function checkModelFolder(folder: string, task: LocalModelTask): Promise<FolderCheck> {
  if (!path.isAbsolute(folder)) throw new ModelFolderError(`"${folder}" is not an absolute path: give the folder's full path on the server`);
  const info = await stat(/* turbopackIgnore: true */ folder).catch(() => null);
  if (!info?.isDirectory()) throw new ModelFolderError(`No folder at ${folder} on the server`);
  const missing: string[] = [];
  for (const file of ["config.json", "tokenizer.json"]) if (!(await isFile(path.join(/* turbopackIgnore: true */ folder, file)))) missing.push(file);
  const onnx = (await readdir(path.join(/* turbopackIgnore: true */ folder, "onnx")).catch(() => [] as string[])).filter((f) => /^model.*\.onnx$/.test(f)).sort();
  if (onnx.length === 0) missing.push("onnx/model*.onnx");
  if (missing.length > 0) throw new ModelFolderError(`${folder} lacks ${missing.join(", ")} (export the model with Optimum / transformers.js conversion)`);
  if (!onnx.includes("model.onnx")) throw new ModelFolderError(`${folder}/onnx has ${onnx.join(", ")} but not model.onnx, the full-precision file the CPU runtime loads`);
  let config: { model_type?: string };
  try {
    config = JSON.parse(await readFile(path.join(/* turbopackIgnore: true */ folder, "config.json"), "utf8"));
  } catch (error) {
    throw new ModelFolderError(`${folder}/config.json is not valid JSON: ${(error as Error).message}`);
  }
  const base = { path: folder, modelType: config.model_type ?? "unknown", onnxFile: "onnx/model.onnx" };
  if (task === "embed") return { ...base, labels: [], dimensions: await checkEmbedder(folder) };
  let classifier;
  try {
    classifier = await pairClassifier(folder);
    const [row] = await classifier.logits([["a question", "a passage"]]);
    if (row.length !== classifier.outputs) throw new Error(`it returned ${row.length} logits but config.json names ${classifier.outputs} label(s)`);
  } catch (error) {
    throw new ModelFolderError(`transformers.js could not load and run ${folder} as a sequence classifier: ${(error as Error).message}`);
  }
  if (task === "nli") {
    try {
      nliLabels(classifier.id2label, classifier.outputs);
    } catch (error) {
      throw new ModelFolderError((error as Error).message);
    }
  }
  return { ...base, labels: Object.values(classifier.id2label) };
}
