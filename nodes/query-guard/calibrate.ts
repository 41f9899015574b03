// Fits the offline guard's coverage threshold to one knowledge base. A fixed threshold refuses too
// many answerable questions on a base whose passages are long or whose wording is varied, and too few
// on a narrow one; so the base's own text says where the line is:
// - in-domain pseudo-questions: a sentence of a sampled chunk, cut to a few of its content words with
//   three words of other chunks mixed in (real questions share only part of their wording with the
//   passage that answers them);
// - out-of-domain pseudo-questions: words drawn each from a different chunk (the base's vocabulary,
//   but no passage speaks of them together) and words the base never uses.
// The threshold is the in-domain scores' quantile at the target false-refusal rate; the out-of-domain
// refusal rate at that threshold is reported beside it, so a base where the two overlap says so.
import { splitSentences } from "@/server/knowledge/sentences";
import { contentWords } from "@/server/knowledge/vocabulary-words";

export interface CalibrationResult {
  threshold: number;
  /** Pseudo-questions scored on each side. */
  inDomain: number;
  outOfDomain: number;
  /** Share of out-of-domain pseudo-questions the threshold refuses. */
  outOfDomainRefused: number;
}

/** A small deterministic generator (mulberry32), so the same base always gives the same threshold. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUESTION_WORDS = 6;
const MIN_SENTENCE_WORDS = 3;
const FOREIGN_WORDS = 3;
const YIELD_EVERY_MS = 10;

function pick<T>(items: T[], next: () => number): T {
  return items[Math.floor(next() * items.length)];
}

function sample<T>(items: T[], count: number, next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** Words that no base uses: letters drawn at random, so they are out of every vocabulary. */
function unknownWord(next: () => number): string {
  return Array.from({ length: 7 }, () => String.fromCharCode(0x71 + Math.floor(next() * 9))).join("") + "zx";
}

export function pseudoQuestions(chunkTexts: string[], seed = 1): { inDomain: string[]; outOfDomain: string[] } {
  const next = random(seed);
  const words = chunkTexts.map((text) => [...new Set(contentWords(text))]).filter((w) => w.length > 0);
  const inDomain: string[] = [];
  for (const text of chunkTexts) {
    const sentences = splitSentences(text)
      .filter((s) => !s.heading)
      .map((s) => [...new Set(contentWords(s.text))])
      .filter((w) => w.length >= MIN_SENTENCE_WORDS);
    if (sentences.length === 0 || words.length < 2) continue;
    const sentence = pick(sentences, next);
    const kept = sample(sentence, Math.min(QUESTION_WORDS - 1, Math.max(MIN_SENTENCE_WORDS, Math.ceil(sentence.length / 2))), next);
    const foreign = Array.from({ length: FOREIGN_WORDS }, () => pick(pick(words, next), next));
    inDomain.push([...kept, ...foreign].join(" "));
  }
  const outOfDomain: string[] = [];
  for (let i = 0; i < inDomain.length; i++) {
    const drawn = Array.from({ length: QUESTION_WORDS - 2 }, () => pick(pick(words, next), next));
    outOfDomain.push([...drawn, unknownWord(next), unknownWord(next)].join(" "));
  }
  return { inDomain, outOfDomain };
}

/** The score below which the target share of in-domain scores falls (the lower quantile). */
export function thresholdAt(inDomainScores: number[], targetFalseRefusal: number): number {
  if (inDomainScores.length === 0) throw new Error("No in-domain pseudo-question could be made from the base's chunks: it has no sentences of three or more content words");
  const sorted = [...inDomainScores].sort((a, b) => a - b);
  return sorted[Math.floor(targetFalseRefusal * (sorted.length - 1))];
}

export async function calibrate(
  chunkTexts: string[],
  score: (question: string) => Promise<number>,
  options: { targetFalseRefusal: number; signal?: AbortSignal },
): Promise<CalibrationResult> {
  const { inDomain, outOfDomain } = pseudoQuestions(chunkTexts);
  const scores = async (questions: string[]) => {
    const out: number[] = [];
    let since = performance.now();
    for (const q of questions) {
      options.signal?.throwIfAborted();
      out.push(await score(q));
      // A fit is seconds of work beside a serving process: it gives the event loop back every few
      // milliseconds, or every answer in flight would wait for all of it.
      if (performance.now() - since > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    return out;
  };
  const threshold = thresholdAt(await scores(inDomain), options.targetFalseRefusal);
  const outside = await scores(outOfDomain);
  return {
    threshold,
    inDomain: inDomain.length,
    outOfDomain: outside.length,
    outOfDomainRefused: outside.length === 0 ? 0 : outside.filter((s) => s < threshold).length / outside.length,
  };
}
