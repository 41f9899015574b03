// The offline support check: does a passage support a sentence? Judged without a model, from how
// much of the sentence's content the passage contains (rarer, longer terms weigh more), then checked
// for the three ways a lexically similar text says something else: a number the passage does not
// state, a name it does not mention, and a negation on one side only. English and Chinese (terms
// from the shared analyser; negations and numbers read from the raw text). It cannot follow a
// paraphrase or an inference, so it errs towards "neutral": weaker than a model, and says so.
import type { z } from "zod";
import type { verdictLabel } from "@/nodes/ports";
import { splitSentences } from "@/server/knowledge/sentences";
import { tokenize } from "@/server/knowledge/tokenize";
import { DEFAULT_SUPPORT_THRESHOLD } from "./spec";

export type SupportLabel = z.output<typeof verdictLabel>;

export interface SupportJudgement {
  label: SupportLabel;
  /** 0–1: how well the passage supports the sentence. */
  score: number;
  /** Why, in a few words, for the trace. */
  reasons: string[];
}

export interface SupportOptions {
  /** A score at or above this is entailment. */
  threshold: number;
}

const englishNegation = /\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without|fails?|failed|lack(?:s|ed|ing)?|absence|absent)\b|n't\b/gi;
// Chinese negation characters and words; 非常 ("very") and 无论 ("no matter") are not negations.
const chineseNegation = /(?:不|没有?|无(?!论)|非(?!常)|未|别|莫|勿|否)/g;
const numberPattern =
  /\d+(?:[.,]\d+)*|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|twice|double|triple)\b|[零一二三四五六七八九十百千万亿两]+(?=[个岁年月日天次周%％人元块倍])/gi;
const entityPattern = /\b(?:[A-Z][a-z]*[A-Z0-9][A-Za-z0-9-]*|[A-Z]{2,}[0-9]*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b/g;

// Words that point one way or the other: "reduced" against "increased" reverses a claim as
// surely as a "not" does.
const upward = /\b(?:increas\w*|higher|more|greater|rais\w*|elevat\w*|improv\w*|enhanc\w*|promot\w*|up-?regulat\w*|gain\w*|positive(?:ly)?)\b|增加|增多|升高|提高|上升|更多|更高|促进|改善|增强/gi;
const downward = /\b(?:decreas\w*|reduc\w*|lower|less|fewer|smaller|declin\w*|inhibit\w*|suppress\w*|impair\w*|worsen\w*|down-?regulat\w*|los[st]\w*|negative(?:ly)?)\b|减少|降低|下降|更少|更低|抑制|恶化|减弱/gi;

function direction(text: string): number {
  return Math.sign((text.match(upward)?.length ?? 0) - (text.match(downward)?.length ?? 0));
}

function negations(text: string): number {
  return (text.match(englishNegation)?.length ?? 0) + (text.match(chineseNegation)?.length ?? 0);
}

function numbers(text: string): Set<string> {
  return new Set((text.match(numberPattern) ?? []).map((n) => n.replace(/,/g, "").toLowerCase()));
}

// Acronyms, CamelCase names and multi-word capitalised names; a sentence's first word is not a name.
function entities(text: string): Set<string> {
  return new Set((text.match(entityPattern) ?? []).map((e) => e.toLowerCase()));
}

// A term of several characters carries more meaning than a short one ("治疗" over "人", "homocysteine" over "low").
function weight(term: string): number {
  return Math.min(3, Math.log2(1 + [...term].length));
}

// Half credit for a near miss the analyser did not unify: a shared stem of five letters
// ("inhibitor"/"inhibition"), or a Chinese word whose characters all occur in the passage
// (jieba cut it differently there).
function partialMatch(term: string, passageTerms: Set<string>, passageChars: Set<string>): number {
  if (/^[\p{Script=Han}]+$/u.test(term)) return [...term].every((c) => passageChars.has(c)) ? 0.5 : 0;
  if (term.length < 5) return 0;
  const stem = term.slice(0, 5);
  for (const other of passageTerms) if (other.startsWith(stem)) return 0.5;
  return 0;
}

function closestSentence(terms: string[], passage: string): string {
  let best = passage;
  let bestShared = -1;
  for (const { text } of splitSentences(passage)) {
    const own = new Set(tokenize(text));
    const shared = terms.filter((t) => own.has(t)).length;
    if (shared > bestShared) {
      best = text;
      bestShared = shared;
    }
  }
  return best;
}

export function judgeSupport(sentence: string, passage: string, options: SupportOptions = { threshold: DEFAULT_SUPPORT_THRESHOLD }): SupportJudgement {
  const sentenceTerms = [...new Set(tokenize(sentence))];
  if (sentenceTerms.length === 0) return { label: "neutral", score: 0, reasons: ["the sentence has no content words"] };
  const passageTerms = new Set(tokenize(passage));
  const passageChars = new Set(passage.toLowerCase());
  let total = 0;
  let covered = 0;
  for (const term of sentenceTerms) {
    total += weight(term);
    covered += weight(term) * (passageTerms.has(term) ? 1 : partialMatch(term, passageTerms, passageChars));
  }
  let score = covered / total;
  const reasons = [`${Math.round(score * 100)}% of the sentence's content is in the passage`];

  const passageLower = passage.toLowerCase();
  const missingNumbers = [...numbers(sentence)].filter((n) => !numbers(passage).has(n) && !passageLower.includes(n));
  if (missingNumbers.length > 0) {
    score *= 0.5;
    reasons.push(`the passage does not state ${missingNumbers.join(", ")}`);
  }
  const missingEntities = [...entities(sentence)].filter((e) => !passageLower.includes(e));
  if (missingEntities.length > 0) {
    score *= 0.7;
    reasons.push(`the passage does not mention ${missingEntities.join(", ")}`);
  }

  // Polarity is compared with the passage sentence that says most of the same, not the whole passage.
  const closest = closestSentence(sentenceTerms, passage);
  const negationFlip = negations(sentence) % 2 !== negations(closest) % 2;
  const sentenceDirection = direction(sentence);
  const passageDirection = direction(closest);
  if (sentenceDirection !== 0 && sentenceDirection === -passageDirection) {
    reasons.push("they change in opposite directions");
    if (!negationFlip) return { label: "contradiction", score: score * 0.3, reasons };
  }
  if (negationFlip) {
    reasons.push("one of them is negated and the other not");
    // Saying the same words with the opposite polarity is a contradiction; otherwise it is unsupported.
    if (score >= options.threshold) return { label: "contradiction", score: score * 0.3, reasons };
    score *= 0.6;
  }
  if (missingNumbers.length > 0 && score >= options.threshold * 0.8) return { label: "contradiction", score, reasons };
  return { label: score >= options.threshold ? "entailment" : "neutral", score, reasons };
}
