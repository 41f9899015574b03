// The offline check's score is a probability: the support features weighed by a logistic model, one
// per script, so that the default threshold of 0.5 means "more likely supported than not". Chinese
// and English differ in how much two texts overlap by chance (jieba's terms and single characters
// meet far more often than English stems) and in how a paraphrase looks, so each has its own
// weights. Fitted on the dev NLI sets (scifact-nli for English, ocnli for Chinese) by
// `npm run bench:verify -- --fit`, which also reports two-fold cross-validated figures; refit
// and paste its output here when a feature changes.
import { featureNames, featureVector, type SupportFeatures } from "./support-features";

export interface Calibration {
  bias: number;
  weights: Record<(typeof featureNames)[number], number>;
}

export const calibrations: Record<"english" | "chinese", Calibration> = {
  english: {
    bias: 0.897,
    weights: {
      coverage: 0.234,
      clauseCoverage: 0.185,
      bigramCoverage: 0,
      missing: 0,
      missingNumber: -0.138,
      missingEntity: 0,
      addedAbsolute: 0,
      addedReason: 0,
      negationAdded: -1.577,
      negationDropped: -0.339,
      directionFlip: -1.722,
    },
  },
  chinese: {
    bias: -0.521,
    weights: {
      coverage: 0.889,
      clauseCoverage: 0,
      bigramCoverage: 0.187,
      missing: -1.436,
      missingNumber: -0.074,
      missingEntity: 0,
      addedAbsolute: -0.798,
      addedReason: -0.486,
      negationAdded: -1.016,
      negationDropped: -0.472,
      directionFlip: -1.017,
    },
  },
};

export function calibrationFor(features: SupportFeatures): Calibration {
  return features.chinese ? calibrations.chinese : calibrations.english;
}

/** 0–1: the calibrated probability that the passage entails the sentence. */
export function entailmentProbability(features: SupportFeatures, calibration = calibrationFor(features)): number {
  const x = featureVector(features);
  const z = featureNames.reduce((sum, name, i) => sum + calibration.weights[name] * x[i], calibration.bias);
  return 1 / (1 + Math.exp(-z));
}
