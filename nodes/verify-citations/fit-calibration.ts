// Fits the offline check's calibration: a logistic regression from the support features to the
// probability that the passage entails the sentence, by batch gradient descent with a little L2.
// Signs are constrained to what each feature can mean: content found raises the probability, a cue
// of a different statement never does, so a quirk of the fitting data cannot teach that a missing
// number or an added "not" helps. Used by `npm run bench:verify -- --fit` to produce calibration.ts.
import { featureNames } from "./support-features";
import type { Calibration } from "./calibration";

export interface Example {
  x: number[];
  entailed: boolean;
}

// The first three features measure content found (may only raise); the rest are cues (may only lower).
const positiveFeatures = 3;

export function fitCalibration(examples: Example[], { iterations = 4000, rate = 2, l2 = 1 } = {}): Calibration {
  const size = featureNames.length;
  const w = new Array<number>(size).fill(0);
  let bias = 0;
  const n = examples.length;
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(size).fill(0);
    let gradBias = 0;
    for (const { x, entailed } of examples) {
      const p = 1 / (1 + Math.exp(-(bias + x.reduce((sum, v, i) => sum + v * w[i], 0))));
      const err = p - (entailed ? 1 : 0);
      for (let i = 0; i < size; i++) grad[i] += err * x[i];
      gradBias += err;
    }
    for (let i = 0; i < size; i++) {
      w[i] -= (rate * (grad[i] + l2 * w[i])) / n;
      w[i] = i < positiveFeatures ? Math.max(0, w[i]) : Math.min(0, w[i]);
    }
    bias -= (rate * gradBias) / n;
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { bias: round(bias), weights: Object.fromEntries(featureNames.map((name, i) => [name, round(w[i])])) as Calibration["weights"] };
}
