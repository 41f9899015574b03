// Latent semantic analysis: TF-IDF vectors of the base's own chunks (over the BM25 analyser's terms,
// so it reads Chinese through jieba) reduced by truncated SVD. A real dense method that needs no
// downloaded weights: chunks and queries that share no word can still meet through co-occurrence.
import { truncatedSvd, type SparseMatrix } from "./svd";

export interface LsaFit {
  terms: string[];
  idf: Float32Array;
  /** terms × dimensions, row-major. */
  projection: Float32Array;
  dimensions: number;
}

// Terms in a single chunk say nothing about co-occurrence; the vocabulary cap bounds the stored projection.
const MIN_DF = 2;
const MAX_TERMS = 30_000;

function termCounts(tokens: readonly string[], index: Map<string, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const t = index.get(token);
    if (t !== undefined) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

// Sublinear tf × idf, L2-normalised: long chunks do not dominate.
function weights(counts: Map<number, number>, idf: Float32Array): Array<[number, number]> {
  const entries = [...counts].map(([t, tf]): [number, number] => [t, (1 + Math.log(tf)) * idf[t]]);
  const norm = Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0));
  return norm > 0 ? entries.map(([t, w]) => [t, w / norm]) : [];
}

/** Fits the model on the chunks' analysed tokens. */
export function fitLsa(documents: readonly (readonly string[])[], dimensions: number): LsaFit {
  const df = new Map<string, number>();
  for (const tokens of documents) for (const term of new Set(tokens)) df.set(term, (df.get(term) ?? 0) + 1);
  const terms = [...df]
    .filter(([, n]) => n >= MIN_DF)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_TERMS)
    .map(([term]) => term);
  if (terms.length === 0) throw new Error("LSA needs at least two chunks sharing a term: the knowledge base is too small to fit");
  const index = new Map(terms.map((term, i) => [term, i]));
  const n = documents.length;
  const idf = Float32Array.from(terms, (term) => Math.log((n + 1) / ((df.get(term) ?? 0) + 1)) + 1);

  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  documents.forEach((tokens, i) => {
    for (const [t, w] of weights(termCounts(tokens, index), idf)) {
      cols.push(t);
      vals.push(w);
    }
    rowStart[i + 1] = cols.length;
  });
  const matrix: SparseMatrix = { rows: n, cols: terms.length, rowStart, colIndex: Int32Array.from(cols), values: Float32Array.from(vals) };
  const svd = truncatedSvd(matrix, dimensions, { powerIterations: 2 });
  return { terms, idf, projection: svd.right, dimensions: svd.k };
}

/** A chunk's or a query's LSA vector (unit length; all zeros when it shares no term with the vocabulary). */
export function embedLsa(model: LsaFit, tokens: readonly string[], index = new Map(model.terms.map((t, i) => [t, i]))): Float32Array {
  const out = new Float32Array(model.dimensions);
  for (const [t, w] of weights(termCounts(tokens, index), model.idf)) {
    const row = t * model.dimensions;
    for (let j = 0; j < model.dimensions; j++) out[j] += w * model.projection[row + j];
  }
  const norm = Math.sqrt(out.reduce((sum, x) => sum + x * x, 0));
  if (norm > 0) for (let j = 0; j < out.length; j++) out[j] /= norm;
  return out;
}
