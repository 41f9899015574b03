// The offline support check: does a passage support a sentence? Judged without a model. The score is
// a calibrated probability (calibration.ts) from how much of the sentence's content the passage
// contains and from the cues of a text that shares the words but says something else: a negation
// or an opposite direction (more/less) on one side only, an antonym swapped in, an absolute word
// the passage never commits to (support-features.ts). Two rules stand above the score: a passage
// sharing almost nothing with the sentence does not support it, and neither does one that does not
// state the sentence's number, nor one whose clause says the sentence with an antonym swapped in.
// It cannot follow a paraphrase or an inference, so it is weaker than
// a model, and says so.
import type { z } from "zod";
import type { verdictLabel } from "@/nodes/ports";
import { entailmentProbability, type Calibration } from "./calibration";
import { DEFAULT_MIN_COVERAGE, DEFAULT_SUPPORT_THRESHOLD } from "./spec";
import { supportFeatures, type SupportFeatures } from "./support-features";

export type SupportLabel = z.output<typeof verdictLabel>;

export interface SupportJudgement {
  label: SupportLabel;
  /** 0–1: how likely the passage supports the sentence. */
  score: number;
  /** Why, in a few words, for the trace. */
  reasons: string[];
}

export interface SupportOptions {
  /** A score at or above this is entailment. */
  threshold: number;
  /** Weights other than the fitted ones for the sentence's script (the benchmark's cross-validation). */
  calibration?: Calibration;
  /** Below this share of the sentence's content in the passage, it is not supported whatever the score. */
  minCoverage?: number;
}

/** A cue of a different statement reads as a contradiction when the aligned clause says at least this share of the sentence. */
const CONTRADICTION_COVERAGE = 0.5;

function reasonsFor(f: SupportFeatures): string[] {
  const reasons = [`${Math.round(f.coverage * 100)}% of the sentence's content is in the passage`];
  if (f.missingNumbers.length > 0) reasons.push(`the passage does not state ${f.missingNumbers.join(", ")}`);
  if (f.missingEntities.length > 0) reasons.push(`the passage does not mention ${f.missingEntities.join(", ")}`);
  if (f.addedAbsolutes.length > 0) reasons.push(`the passage does not say "${f.addedAbsolutes.join('", "')}"`);
  if (f.addedReasons.length > 0) reasons.push(`the passage gives no "${f.addedReasons.join('", "')}"`);
  if (f.negationAdded || f.negationDropped) reasons.push("one of them is negated and the other not");
  if (f.directionFlip) reasons.push("they change in opposite directions");
  if (f.antonym) reasons.push(`the sentence says "${f.antonym[0]}" where the passage says "${f.antonym[1]}"`);
  return reasons;
}

export function judgeSupport(sentence: string, passage: string, options: SupportOptions = { threshold: DEFAULT_SUPPORT_THRESHOLD }): SupportJudgement {
  const f = supportFeatures(sentence, passage);
  if (!f) return { label: "neutral", score: 0, reasons: ["the sentence has no content words"] };
  const reasons = reasonsFor(f);
  let score = entailmentProbability(f, options.calibration);
  // Rules above the score: too little in common, a number the passage does not state, or a word
  // swapped for its antonym in what is otherwise the passage's own clause.
  const swapped = f.antonym !== undefined && f.clauseCoverage >= CONTRADICTION_COVERAGE;
  if (f.coverage < (options.minCoverage ?? DEFAULT_MIN_COVERAGE) || f.missingNumbers.length > 0 || swapped) score = Math.min(score, options.threshold / 2);
  if (score >= options.threshold) return { label: "entailment", score, reasons };
  const reversed = f.negationAdded || f.negationDropped || f.directionFlip || f.antonym !== undefined || f.missingNumbers.length > 0;
  return { label: reversed && f.clauseCoverage >= CONTRADICTION_COVERAGE ? "contradiction" : "neutral", score, reasons };
}
