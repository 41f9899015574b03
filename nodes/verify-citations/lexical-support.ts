// The offline support check: does a passage support a sentence? Judged without a model, from how
// much of the sentence's content the passage contains (rarer, longer terms weigh more), then checked
// for the ways a lexically similar text says something else: a number the passage does not state, a
// name it does not mention (an acronym it spells out counts as mentioned), a negation on one side
// only, an opposite direction, and an antonym swapped in (higher for lower, 多 for 少). English and Chinese (terms
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

// Pairs of words where one side replacing the other reverses a statement; matched as whole words in
// English and as substrings in Chinese (where words are not delimited).
const antonymPairs: Array<[string, string]> = [
  ["always", "never"], ["all", "none"], ["true", "false"], ["success", "failure"], ["succeeded", "failed"], ["allowed", "prohibited"],
  ["safe", "unsafe"], ["effective", "ineffective"], ["present", "absent"], ["before", "after"], ["male", "female"], ["early", "late"],
  ["benign", "malignant"], ["same", "different"], ["similar", "different"], ["increase", "decrease"], ["accept", "reject"], ["win", "lose"],
  ["高", "低"], ["多", "少"], ["大", "小"], ["早", "晚"], ["长", "短"], ["快", "慢"], ["男", "女"], ["赢", "输"], ["胜", "负"], ["买", "卖"],
  ["真", "假"], ["新", "旧"], ["好", "坏"], ["喜欢", "讨厌"], ["成功", "失败"], ["同意", "反对"], ["允许", "禁止"], ["所有", "部分"], ["全部", "部分"],
  ["总是", "从不"], ["经常", "很少"], ["以前", "以后"], ["之前", "之后"], ["白天", "晚上"], ["冷", "热"], ["难", "易"], ["老", "年轻"], ["第一", "最后"],
];

function contains(text: string, word: string): boolean {
  return /^[a-z]/.test(word) ? new RegExp(`\\b${word}\\b`, "i").test(text) : text.includes(word);
}

/** An antonym swap: the sentence says one side where the passage sentence says only the other. */
function antonymSwap(sentence: string, passage: string): [string, string] | undefined {
  for (const [a, b] of antonymPairs) {
    for (const [said, other] of [[a, b], [b, a]] as const) {
      if (contains(sentence, said) && !contains(sentence, other) && contains(passage, other) && !contains(passage, said)) return [said, other];
    }
  }
  return undefined;
}

/** An acronym the passage spells out: "CKD" for "chronic kidney disease". */
function spelledOut(acronym: string, passage: string): boolean {
  if (!/^[a-z]{2,6}$/i.test(acronym)) return false;
  const initials = passage
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join("");
  return initials.includes(acronym.toLowerCase());
}

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
  const missingEntities = [...entities(sentence)].filter((e) => !passageLower.includes(e) && !spelledOut(e, passage));
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
  const swap = antonymSwap(sentence, closest);
  if (swap && !negationFlip) {
    reasons.push(`the sentence says "${swap[0]}" where the passage says "${swap[1]}"`);
    if (score >= options.threshold * 0.8) return { label: "contradiction", score: score * 0.3, reasons };
    score *= 0.6;
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
