// Offline keywords: the question's words weighted by TF-IDF against one knowledge base, plus a few
// pseudo-relevance-feedback terms (the rarest words shared by the passages a first search finds), so
// a lay question can pick up the base's own term for what it describes.
import type { Passage } from "@/nodes/ports";
import type { KnowledgeStore } from "@/server/knowledge/store";
import { contentWords } from "@/server/knowledge/vocabulary-words";

export interface WeightedKeyword {
  keyword: string;
  weight: number;
  /** "question": a word of the question; "feedback": from the passages a first search found. */
  from: "question" | "feedback";
}

// A word in more than this share of the base's chunks names nothing in particular there.
const MAX_DOCUMENT_SHARE = 0.5;
const FEEDBACK_PASSAGES = 3;
const FEEDBACK_CANDIDATES = 40;

function counts(words: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of words) out.set(word, (out.get(word) ?? 0) + 1);
  return out;
}

export interface KeywordOptions {
  knowledgeBaseId: string;
  maxKeywords: number;
  expansion: number;
  signal?: AbortSignal;
}

export async function tfIdfKeywords(knowledge: KnowledgeStore, question: string, options: KeywordOptions): Promise<WeightedKeyword[]> {
  const questionCounts = counts(contentWords(question));
  const feedback: Passage[] =
    options.expansion > 0 && questionCounts.size > 0
      ? await knowledge.bm25(options.knowledgeBaseId, question, { topK: FEEDBACK_PASSAGES, signal: options.signal })
      : [];
  // In how many of the feedback passages each word occurs: a word all of them share is their topic.
  const shared = new Map<string, number>();
  for (const passage of feedback) for (const word of new Set(contentWords(passage.text))) shared.set(word, (shared.get(word) ?? 0) + 1);
  const feedbackWords = [...shared.entries()]
    .filter(([word, n]) => n >= Math.min(2, feedback.length) && !questionCounts.has(word))
    .sort((a, b) => b[1] - a[1])
    .slice(0, FEEDBACK_CANDIDATES)
    .map(([word]) => word);

  const words = [...questionCounts.keys(), ...feedbackWords];
  if (words.length === 0) return [];
  const stats = await knowledge.vocabulary(options.knowledgeBaseId, words, { signal: options.signal });
  const idf = (df: number) => (df > 0 && df <= stats.chunks * MAX_DOCUMENT_SHARE ? Math.log(stats.chunks / df) : 0);

  const fromQuestion = [...questionCounts.entries()]
    .map(([keyword, tf], i): WeightedKeyword => ({ keyword, weight: tf * idf(stats.documentFrequency[i]), from: "question" }))
    .filter((k) => k.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, options.maxKeywords);
  const fromFeedback = feedbackWords
    .map((keyword, i): WeightedKeyword => {
      const df = stats.documentFrequency[questionCounts.size + i];
      return { keyword, weight: ((shared.get(keyword) ?? 0) / feedback.length) * idf(df), from: "feedback" };
    })
    .filter((k) => k.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, options.expansion);
  return [...fromQuestion, ...fromFeedback];
}
