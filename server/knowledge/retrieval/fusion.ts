// Fusing ranked lists from several retrievers into one. Pure maths, shared by the hybrid retriever
// and the benchmark.
import type { ScoredChunk } from "./bm25";

export interface RankedList {
  hits: readonly ScoredChunk[];
  weight: number;
}

/** Reciprocal-rank fusion: Σ weight / (k + rank), rank from 1 (Cormack et al., k = 60). */
export function reciprocalRankFusion(lists: readonly RankedList[], k: number): ScoredChunk[] {
  const scores = new Map<string, number>();
  for (const { hits, weight } of lists) {
    hits.forEach((hit, index) => scores.set(hit.id, (scores.get(hit.id) ?? 0) + weight / (k + index + 1)));
  }
  return sorted(scores);
}

/**
 * Weighted score fusion: each list's scores min–max normalised to [0, 1] (a list of one hit scores 1),
 * then Σ weight × normalised score; a chunk missing from a list gets 0 from it.
 */
export function weightedScoreFusion(lists: readonly RankedList[]): ScoredChunk[] {
  const scores = new Map<string, number>();
  for (const { hits, weight } of lists) {
    if (hits.length === 0) continue;
    const values = hits.map((h) => h.score);
    const min = Math.min(...values);
    const span = Math.max(...values) - min;
    for (const hit of hits) {
      const normalised = span > 0 ? (hit.score - min) / span : 1;
      scores.set(hit.id, (scores.get(hit.id) ?? 0) + weight * normalised);
    }
  }
  return sorted(scores);
}

function sorted(scores: Map<string, number>): ScoredChunk[] {
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
