// Reads a retrieval data set in the BEIR layout: corpus.jsonl (_id, title, text), queries.jsonl
// (_id, text) and qrels.tsv (query-id, corpus-id, score, with a header). Used by the benchmarks.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const corpusLine = z.object({ _id: z.coerce.string(), title: z.string().default(""), text: z.string() });
const queryLine = z.object({ _id: z.coerce.string(), text: z.string() });

export interface BeirSet {
  name: string;
  corpus: Array<z.output<typeof corpusLine>>;
  queries: Array<z.output<typeof queryLine>>;
  /** query id → corpus id → graded relevance (> 0). */
  qrels: Map<string, Map<string, number>>;
}

async function jsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new Error(`Cannot read ${file}: a BEIR folder holds corpus.jsonl, queries.jsonl and qrels.tsv`, { cause: error });
  });
  return text
    .split("\n")
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, index }) => {
      let value: unknown;
      try {
        // Python's json module writes NaN for a missing number; read it as null rather than refuse the file.
        value = JSON.parse(line.replace(/:\s*NaN\b/g, ": null"));
      } catch (error) {
        throw new Error(`${file}, line ${index + 1}: not valid JSON`, { cause: error });
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new Error(`${file}, line ${index + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export async function readBeir(dir: string): Promise<BeirSet> {
  const [corpus, queries, qrelsText] = await Promise.all([
    jsonl(path.join(dir, "corpus.jsonl"), corpusLine),
    jsonl(path.join(dir, "queries.jsonl"), queryLine),
    readFile(path.join(dir, "qrels.tsv"), "utf8"),
  ]);
  const qrels = new Map<string, Map<string, number>>();
  qrelsText.split("\n").forEach((line, index) => {
    const cells = line.trim().split("\t");
    if (cells.length < 3 || (index === 0 && !/^\d+$/.test(cells[2]))) return;
    const score = Number(cells[2]);
    if (!(score > 0)) return;
    if (!qrels.has(cells[0])) qrels.set(cells[0], new Map());
    qrels.get(cells[0])?.set(cells[1], score);
  });
  return { name: path.basename(path.resolve(dir)), corpus, queries, qrels };
}
