// Maximal marginal relevance over TF-IDF vectors of the passages themselves (IDF from the candidate
// set): relevance is the cosine with the question, redundancy the highest cosine with a passage
// already chosen.
import type { Passage } from "@/nodes/ports";
import { tokenize } from "@/server/knowledge/tokenize";

type Vector = Map<string, number>;

function vectors(texts: string[]): Vector[] {
  const bags = texts.map((text) => {
    const bag = new Map<string, number>();
    for (const term of tokenize(text)) bag.set(term, (bag.get(term) ?? 0) + 1);
    return bag;
  });
  const df = new Map<string, number>();
  for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return bags.map((bag) => {
    const vector: Vector = new Map();
    let norm = 0;
    for (const [term, tf] of bag) {
      const weight = (1 + Math.log(tf)) * Math.log(1 + texts.length / (df.get(term) ?? 1));
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) sum += weight * (large.get(term) ?? 0);
  return sum;
}

/** The passages in MMR order, at most `topK`, each scored by its relevance to the question. */
export function mmr(question: string, passages: Passage[], options: { topK: number; lambda: number }): Passage[] {
  const [questionVector, ...passageVectors] = vectors([question, ...passages.map((p) => p.text)]);
  const relevance = passageVectors.map((v) => cosine(questionVector, v));
  const chosen: number[] = [];
  const redundancy = passages.map(() => 0);
  const left = new Set(passages.keys());
  while (chosen.length < options.topK && left.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of left) {
      const value = options.lambda * relevance[i] - (1 - options.lambda) * redundancy[i];
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    chosen.push(best);
    left.delete(best);
    for (const i of left) redundancy[i] = Math.max(redundancy[i], cosine(passageVectors[i], passageVectors[best]));
  }
  return chosen.map((i, position) => ({ ...passages[i], score: relevance[i], rank: position + 1 }));
}
