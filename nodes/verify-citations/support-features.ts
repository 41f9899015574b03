// What the offline support check measures of a sentence against a passage, as numbers a calibrated
// model can weigh: how much of the sentence's content the passage contains, and the cues of a text
// that shares the words but says something else. Polarity is read on the passage's clauses that say
// most of the same as the sentence (as many clauses as the sentence has, so a quote is compared
// with itself), not on the whole passage: a "not" three clauses away is not about this claim.
import { splitSentences } from "@/server/knowledge/sentences";
import { tokenize } from "@/server/knowledge/tokenize";
import { addedAbsolutes, addedReasons, antonymSwap, direction, missingEntities, missingNumbers, negated } from "./support-cues";

export interface SupportFeatures {
  /** 0–1: the weighted share of the sentence's content terms found in the passage. */
  coverage: number;
  /** 0–1: the same share within the best-matching run of clauses (as many as the sentence has). */
  clauseCoverage: number;
  /** 0–1: the share of the sentence's adjacent pairs (Chinese characters, English word stems) found as pairs in the passage: word order and phrasing. */
  bigramCoverage: number;
  /** The weight of the sentence's content the passage lacks (about one per missing word). */
  missing: number;
  missingNumbers: string[];
  missingEntities: string[];
  addedAbsolutes: string[];
  /** Words of cause or possibility ("because", 可能) the sentence adds: a reason the passage does not give. */
  addedReasons: string[];
  /** The sentence is negated where the aligned clause is not. */
  negationAdded: boolean;
  /** The aligned clause is negated where the sentence is not. */
  negationDropped: boolean;
  /** The sentence and the aligned clause change in opposite directions. */
  directionFlip: boolean;
  antonym: [string, string] | undefined;
  /** The sentence is Chinese (its calibration differs: jieba's terms overlap more by chance). */
  chinese: boolean;
}

// A term of several characters carries more meaning than a short one ("治疗" over "人", "homocysteine" over "low").
function weight(term: string): number {
  return Math.min(3, Math.log2(1 + [...term].length));
}

const han = /^[\p{Script=Han}]+$/u;

// Degree adverbs, measure words, light verbs, locative particles and indefinite nouns ("有人",
// "东西", "说话的人") the shared analyser keeps as terms: a sentence that drops or adds "很" or
// "一个", or calls the speaker "说话的人", says no more and no less, so they do not count as content here.
const chineseFunctionWords = new Set(
  ("很 比较 非常 特别 十分 挺 太 更 一个 一些 某些 某个 某 个 有 有人 有些 是 就 还 又 也 在 了 着 过 得 地 说 会 能 要 这位 那位 " +
    "这种 那种 这样 那样 这里 那里 一 人 人们 某人 说话 讲话 者 东西 事情 事 存在 进行 上 中 里 已经 正在 可以 应该").split(" "),
);

// Half credit for a near miss the analyser did not unify: a shared stem of five letters
// ("inhibitor"/"inhibition"), or a Chinese word whose characters all occur in the passage
// (jieba cut it differently there).
function match(term: string, passageTerms: Set<string>, passageChars: Set<string>): number {
  if (passageTerms.has(term)) return 1;
  if (han.test(term)) return [...term].every((c) => passageChars.has(c)) ? 0.5 : 0;
  if (term.length < 5) return 0;
  const stem = term.slice(0, 5);
  for (const other of passageTerms) if (other.startsWith(stem)) return 0.5;
  return 0;
}

function coverageOf(terms: string[], text: string): { share: number; missing: number } {
  const passageTerms = new Set(tokenize(text));
  const passageChars = new Set(text.toLowerCase());
  let total = 0;
  let covered = 0;
  for (const term of terms) {
    total += weight(term);
    covered += weight(term) * match(term, passageTerms, passageChars);
  }
  return { share: total === 0 ? 0 : covered / total, missing: total - covered };
}

// Adjacent pairs: of Han characters in Chinese (no segmentation to disagree on), of analysed terms otherwise.
function pairs(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  const terms = tokenize(text.replace(/\p{Script=Han}+/gu, " | "));
  for (let i = 0; i + 1 < terms.length; i++) out.add(`${terms[i]} ${terms[i + 1]}`);
  return out;
}

function pairCoverage(sentence: string, passage: string): number {
  const own = pairs(sentence);
  if (own.size === 0) return 0;
  const theirs = pairs(passage);
  return [...own].filter((p) => theirs.has(p)).length / own.size;
}

/** Clauses: sentences, cut again at commas and semicolons in Chinese, where one sentence often strings several statements. */
export function clauses(passage: string): string[] {
  const sentences = splitSentences(passage).map((s) => s.text);
  const out = sentences.flatMap((s) => (/\p{Script=Han}/u.test(s) ? s.split(/[，,；;：:]/u) : [s])).filter((c) => c.trim() !== "");
  return out.length > 0 ? out : [passage];
}

export function supportFeatures(sentence: string, passage: string): SupportFeatures | undefined {
  const terms = [...new Set(tokenize(sentence))].filter((t) => !chineseFunctionWords.has(t));
  if (terms.length === 0) return undefined;
  const whole = coverageOf(terms, passage);
  // The aligned text: the run of consecutive clauses, as many as the sentence has, that holds most of it.
  const span = clauses(sentence).length;
  const units = clauses(passage);
  let aligned = passage;
  let clauseCoverage = -1;
  for (let start = 0; start + span <= Math.max(units.length, span); start++) {
    const window = units.slice(start, start + span).join("，");
    const share = coverageOf(terms, window).share;
    if (share > clauseCoverage) {
      aligned = window;
      clauseCoverage = share;
    }
  }
  const sentenceNegated = negated(sentence, aligned);
  const clauseNegated = negated(aligned, sentence);
  const sentenceDirection = direction(sentence);
  return {
    coverage: whole.share,
    clauseCoverage,
    bigramCoverage: pairCoverage(sentence, passage),
    missing: whole.missing,
    missingNumbers: missingNumbers(sentence, passage),
    missingEntities: missingEntities(sentence, passage),
    addedAbsolutes: addedAbsolutes(sentence, passage),
    addedReasons: addedReasons(sentence, passage),
    negationAdded: sentenceNegated && !clauseNegated,
    negationDropped: clauseNegated && !sentenceNegated,
    directionFlip: sentenceDirection !== 0 && sentenceDirection === -direction(aligned),
    antonym: antonymSwap(sentence, aligned),
    chinese: /\p{Script=Han}/u.test(sentence),
  };
}

/** The features as the vector the calibration weighs, in `featureNames` order. An antonym swap is
 * too rare in the dev sets to be weighed from them; lexical-support.ts applies it as a rule. */
export const featureNames = ["coverage", "clauseCoverage", "bigramCoverage", "missing", "missingNumber", "missingEntity", "addedAbsolute", "addedReason", "negationAdded", "negationDropped", "directionFlip"] as const;

export function featureVector(f: SupportFeatures): number[] {
  return [
    f.coverage,
    f.clauseCoverage,
    f.bigramCoverage,
    Math.min(f.missing, 10) / 10,
    f.missingNumbers.length > 0 ? 1 : 0,
    f.missingEntities.length > 0 ? 1 : 0,
    f.addedAbsolutes.length > 0 ? 1 : 0,
    f.addedReasons.length > 0 ? 1 : 0,
    f.negationAdded ? 1 : 0,
    f.negationDropped ? 1 : 0,
    f.directionFlip ? 1 : 0,
  ];
}
