// The offline domain test: how much of a question's vocabulary the knowledge base's best passage
// covers, each word weighted by its rarity in the base (IDF). A word the base never uses weighs as
// much as its rarest word, so "weather in Paris" against a tenancy base scores near zero while a
// tenancy question worded in the base's terms scores near one. Scores are comparable across
// questions (a share in [0, 1]), unlike raw BM25 scores.
import type { KnowledgeStore } from "@/server/knowledge/store";
import { termSetOf } from "@/nodes/text-memo";
import { tokenizeWord } from "@/server/knowledge/tokenize";
import { contentWords } from "@/server/knowledge/vocabulary-words";
import type { VocabularyStats } from "@/server/knowledge/vocabulary";

export interface Coverage {
  score: number;
  /** The question's words the base never uses. */
  unknown: string[];
  /** The best passage's source title, when one was found. */
  bestSource?: string;
}

const PASSAGES = 3;

/** Each word's weight: its IDF in the base, or the base's largest IDF for a word it never uses. */
export function rarityWeights(stats: VocabularyStats): number[] {
  const maxIdf = Math.log(stats.chunks + 1);
  return stats.documentFrequency.map((df) => (df > 0 ? Math.log((stats.chunks + 1) / df) : maxIdf));
}

/** The weighted share of `words` the best of `passages` (each as its set of index terms) contains, and which passage that is. */
export function bestCoverage(words: string[], weights: number[], passages: readonly { terms: ReadonlySet<string>; title?: string }[]): { score: number; source?: string } {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const wordTerms = words.map(tokenizeWord);
  let best = { score: 0, source: undefined as string | undefined };
  for (const passage of passages) {
    const covered = wordTerms.reduce((sum, terms, i) => (terms.every((t) => passage.terms.has(t)) ? sum + weights[i] : sum), 0);
    const score = total > 0 ? covered / total : 0;
    if (score > best.score) best = { score, source: passage.title };
  }
  return best;
}

export async function domainCoverage(knowledge: KnowledgeStore, knowledgeBaseId: string, question: string, signal?: AbortSignal): Promise<Coverage> {
  const words = [...new Set(contentWords(question))];
  if (words.length === 0) return { score: 0, unknown: [] };
  const [stats, passages] = await Promise.all([
    knowledge.vocabulary(knowledgeBaseId, words, { signal, text: question }),
    knowledge.bm25(knowledgeBaseId, question, { topK: PASSAGES, signal }),
  ]);
  const best = bestCoverage(
    words,
    rarityWeights(stats),
    passages.map((passage) => ({ terms: termSetOf(passage.text), title: passage.source.title })),
  );
  return {
    score: best.score,
    unknown: words.filter((_, i) => stats.documentFrequency[i] === 0),
    ...(best.source === undefined ? {} : { bestSource: best.source }),
  };
}
