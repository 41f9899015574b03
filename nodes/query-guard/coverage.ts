// The offline domain test: how much of a question's vocabulary the knowledge base's best passage
// covers, each word weighted by its rarity in the base (IDF). A word the base never uses weighs as
// much as its rarest word, so "weather in Paris" against a tenancy base scores near zero while a
// tenancy question worded in the base's terms scores near one. Scores are comparable across
// questions (a share in [0, 1]), unlike raw BM25 scores.
import type { KnowledgeStore } from "@/server/knowledge/store";
import { contentWords } from "@/server/knowledge/vocabulary-words";
import { tokenize } from "@/server/knowledge/tokenize";

export interface Coverage {
  score: number;
  /** The question's words the base never uses. */
  unknown: string[];
  /** The best passage's source title, when one was found. */
  bestSource?: string;
}

const PASSAGES = 3;

export async function domainCoverage(knowledge: KnowledgeStore, knowledgeBaseId: string, question: string, signal?: AbortSignal): Promise<Coverage> {
  const words = [...new Set(contentWords(question))];
  if (words.length === 0) return { score: 0, unknown: [] };
  const [stats, passages] = await Promise.all([
    knowledge.vocabulary(knowledgeBaseId, words, { signal }),
    knowledge.bm25(knowledgeBaseId, question, { topK: PASSAGES, signal }),
  ]);
  const maxIdf = Math.log(stats.chunks + 1);
  const weights = stats.documentFrequency.map((df) => (df > 0 ? Math.log((stats.chunks + 1) / df) : maxIdf));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let best = { score: 0, source: undefined as string | undefined };
  for (const passage of passages) {
    const terms = new Set(tokenize(passage.text));
    const covered = words.reduce((sum, word, i) => (tokenize(word).every((t) => terms.has(t)) ? sum + weights[i] : sum), 0);
    const score = total > 0 ? covered / total : 0;
    if (score > best.score) best = { score, source: passage.source.title };
  }
  return {
    score: best.score,
    unknown: words.filter((_, i) => stats.documentFrequency[i] === 0),
    ...(best.source === undefined ? {} : { bestSource: best.source }),
  };
}
