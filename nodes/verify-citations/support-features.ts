// What the offline support check measures of a sentence against a passage, as numbers a calibrated
// model can weigh: how much of the sentence's content the passage contains, and the cues of a text
// that shares the words but says something else. Polarity is read on the passage's clauses that say
// most of the same as the sentence (as many clauses as the sentence has, so a quote is compared
// with itself), not on the whole passage: a "not" three clauses away is not about this claim.
import { perText, termSetOf, termsOf } from "@/nodes/text-memo";
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

/** What a sentence's coverage is measured against: a text's terms, its (lowercased) characters, and the first five letters of its longer terms. */
interface Measure {
  terms: ReadonlySet<string>;
  chars: ReadonlySet<string>;
  prefixes: ReadonlySet<string>;
}

function measure(text: string, terms: ReadonlySet<string>): Measure {
  const prefixes = new Set<string>();
  for (const term of terms) if (term.length >= 5) prefixes.add(term.slice(0, 5));
  return { terms, chars: new Set(text.toLowerCase()), prefixes };
}

// Half credit for a near miss the analyser did not unify: a shared stem of five letters
// ("inhibitor"/"inhibition"), or a Chinese word whose characters all occur in the passage
// (jieba cut it differently there).
function match(term: string, against: Measure): number {
  if (against.terms.has(term)) return 1;
  if (han.test(term)) return [...term].every((c) => against.chars.has(c)) ? 0.5 : 0;
  if (term.length < 5) return 0;
  return against.prefixes.has(term.slice(0, 5)) ? 0.5 : 0;
}

function coverageOf(terms: string[], weights: number[], against: Measure): { share: number; missing: number } {
  let total = 0;
  let covered = 0;
  for (let i = 0; i < terms.length; i++) {
    total += weights[i];
    covered += weights[i] * match(terms[i], against);
  }
  return { share: total === 0 ? 0 : covered / total, missing: total - covered };
}

// Adjacent pairs: of Han characters in Chinese (no segmentation to disagree on), of analysed terms
// otherwise (`terms`: the text's own, when it has no Han to leave out).
function pairs(text: string, terms: readonly string[] = tokenize(text.replace(/\p{Script=Han}+/gu, " | "))): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  for (let i = 0; i + 1 < terms.length; i++) out.add(`${terms[i]} ${terms[i + 1]}`);
  return out;
}

function pairCoverage(own: ReadonlySet<string>, theirs: ReadonlySet<string>): number {
  if (own.size === 0) return 0;
  let shared = 0;
  for (const pair of own) if (theirs.has(pair)) shared++;
  return shared / own.size;
}

/** Clauses: sentences, cut again at commas and semicolons in Chinese, where one sentence often strings several statements. */
export function clauses(passage: string): string[] {
  const sentences = splitSentences(passage).map((s) => s.text);
  const out = sentences.flatMap((s) => (/\p{Script=Han}/u.test(s) ? s.split(/[，,；;：:]/u) : [s])).filter((c) => c.trim() !== "");
  return out.length > 0 ? out : [passage];
}

/** The passage side of the check, which depends on the passage's text alone: worked out once per text. */
interface PassageSide {
  whole: Measure;
  pairs: ReadonlySet<string>;
  clauses: string[];
  /** By how many clauses a window spans: every run of that many consecutive clauses, joined, and measured. */
  windows: Map<number, Array<{ text: string; measure: Measure }>>;
}

const passageSide = perText(
  (passage): PassageSide => ({
    whole: measure(passage, termSetOf(passage)),
    pairs: pairs(passage, /\p{Script=Han}/u.test(passage) ? undefined : termsOf(passage)),
    clauses: clauses(passage),
    windows: new Map(),
  }),
);

function windowsOf(side: PassageSide, span: number): Array<{ text: string; measure: Measure }> {
  let windows = side.windows.get(span);
  if (!windows) {
    const units = side.clauses;
    windows = [];
    for (let start = 0; start + span <= Math.max(units.length, span); start++) {
      const text = units.slice(start, start + span).join("，");
      windows.push({ text, measure: measure(text, new Set(tokenize(text))) });
    }
    side.windows.set(span, windows);
  }
  return windows;
}

export function supportFeatures(sentence: string, passage: string): SupportFeatures | undefined {
  const analysed = tokenize(sentence);
  const terms = [...new Set(analysed)].filter((t) => !chineseFunctionWords.has(t));
  if (terms.length === 0) return undefined;
  const weights = terms.map(weight);
  const side = passageSide(passage);
  const whole = coverageOf(terms, weights, side.whole);
  // The aligned text: the run of consecutive clauses, as many as the sentence has, that holds most of it.
  let aligned = passage;
  let clauseCoverage = -1;
  for (const window of windowsOf(side, clauses(sentence).length)) {
    const share = coverageOf(terms, weights, window.measure).share;
    if (share > clauseCoverage) {
      aligned = window.text;
      clauseCoverage = share;
    }
  }
  const sentenceNegated = negated(sentence, aligned);
  const clauseNegated = negated(aligned, sentence);
  const sentenceDirection = direction(sentence);
  const chinese = /\p{Script=Han}/u.test(sentence);
  return {
    coverage: whole.share,
    clauseCoverage,
    bigramCoverage: pairCoverage(pairs(sentence, chinese ? undefined : analysed), side.pairs),
    missing: whole.missing,
    missingNumbers: missingNumbers(sentence, passage),
    missingEntities: missingEntities(sentence, passage),
    addedAbsolutes: addedAbsolutes(sentence, passage),
    addedReasons: addedReasons(sentence, passage),
    negationAdded: sentenceNegated && !clauseNegated,
    negationDropped: clauseNegated && !sentenceNegated,
    directionFlip: sentenceDirection !== 0 && sentenceDirection === -direction(aligned),
    antonym: antonymSwap(sentence, aligned),
    chinese,
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
