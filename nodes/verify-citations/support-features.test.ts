// The offline check's features, calibration and fitting on real sentences: the cues read what they
// should (and not the digits of a gene name), polarity is read in the aligned clause, the score is a
// probability that moves the right way, and the fit keeps each weight's sign.
import { describe, expect, it } from "vitest";
import { calibrations, entailmentProbability } from "./calibration";
import { fitCalibration } from "./fit-calibration";
import { judgeSupport } from "./lexical-support";
import { DEFAULT_MIN_COVERAGE } from "./spec";
import { antonymSwap, missingNumbers, negated } from "./support-cues";
import { featureNames, supportFeatures } from "./support-features";

describe("support cues", () => {
  it("reads a number standing alone, not the digits of a name", () => {
    expect(missingNumbers("TMEM27 is a marker for beta cells in HIV-1 patients.", "Tmem27 marks pancreatic beta cells.")).toEqual([]);
    expect(missingNumbers("Mortality fell by 12% in 2014.", "Mortality fell by 3% in 2014.")).toEqual(["12"]);
  });

  it("reads an antonym swap in whole words of either case, and in Chinese as substrings", () => {
    expect(antonymSwap("Treatment was NEVER effective.", "Treatment was always effective.")).toEqual(["never", "always"]);
    expect(antonymSwap("All patients were allowed home.", "None of the patients were allowed home.")).toEqual(["all", "none"]);
    expect(antonymSwap("Patients were allowed home.", "No patient was prohibited from going home.")).toEqual(["allowed", "prohibited"]);
    expect(antonymSwap("Overall, patients were sent home.", "None of the patients were sent home.")).toBeUndefined();
    expect(antonymSwap("费用提高了", "费用降低了")).toEqual(["高", "低"]);
  });

  it("reads a negating prefix only against the bare word on the other side", () => {
    expect(negated("Global protein synthesis is unchanged.", "Global protein synthesis changed.")).toBe(true);
    expect(negated("Global protein synthesis is unchanged.", "Mice were fed a diet.")).toBe(false);
  });
});

describe("judgeSupport, calibrated", () => {
  it("reads polarity in the clause that says the sentence, not anywhere in the passage", () => {
    expect(judgeSupport("政府支持民营企业发展", "政府支持民营企业发展，不搞一刀切").label).toBe("entailment");
    expect(judgeSupport("政府不支持民营企业发展", "政府支持民营企业发展，鼓励创新").label).toBe("contradiction");
  });

  it("reads an unchanged against a changed as a contradiction", () => {
    expect(judgeSupport("Global protein synthesis is unchanged in the mutant embryos.", "Global protein synthesis changed in the mutant embryos.").label).toBe("contradiction");
  });

  it("does not let a passage about something else support a sentence, whatever its calibration", () => {
    const judged = judgeSupport("Bariatric surgery reduces the risk of breast cancer.", "The tenant must give 21 days' written notice to end a periodic tenancy.");
    expect(supportFeatures("Bariatric surgery reduces the risk of breast cancer.", "The tenant must give 21 days' written notice.")!.coverage).toBeLessThan(DEFAULT_MIN_COVERAGE);
    expect(judged).toMatchObject({ label: "neutral" });
    expect(judged.score).toBeLessThan(0.5);
  });

  it("scores Chinese lower as the sentence adds what the passage does not say", () => {
    const passage = "学生们下午在操场上踢足球";
    const scores = ["学生们在操场上踢足球", "学生们在操场上踢足球并且赢得了市里的比赛冠军", "所有学生都在操场上踢足球"].map((s) => judgeSupport(s, passage));
    expect(scores[0].label).toBe("entailment");
    expect(scores[1].score).toBeLessThan(scores[0].score);
    expect(scores[1].label).not.toBe("entailment");
    expect(scores[2].score).toBeLessThan(scores[0].score);
  });

  it("gives a probability from the script's calibration", () => {
    const f = supportFeatures("Folic acid lowers homocysteine.", "Folic acid lowered homocysteine levels.")!;
    expect(entailmentProbability(f)).toBeGreaterThan(0.5);
    expect(entailmentProbability(f, calibrations.chinese)).not.toBeCloseTo(entailmentProbability(f, calibrations.english), 3);
  });
});

describe("fitCalibration", () => {
  it("learns that coverage supports, and never that a cue does", () => {
    const cue = featureNames.indexOf("negationAdded");
    const examples = Array.from({ length: 200 }, (_, i) => {
      const x = featureNames.map(() => 0);
      x[0] = (i % 10) / 10;
      // A cue that, in this sample, comes with entailment: the sign constraint must keep it at zero.
      x[cue] = i % 10 >= 7 ? 1 : 0;
      return { x, entailed: i % 10 >= 5 };
    });
    const fitted = fitCalibration(examples, { iterations: 1500 });
    expect(fitted.weights.coverage).toBeGreaterThan(1);
    expect(fitted.weights.negationAdded).toBe(0);
  });
});

describe("supportFeatures", () => {
  it("compares a quoted sentence of several clauses with the same clauses, so a negation inside it is on both sides", () => {
    const passage = "该岛于1898年被美国占领。居民依靠船只从大陆运来淡水和粮食，岛上没有医院。";
    const quote = "居民依靠船只从大陆运来淡水和粮食，岛上没有医院。";
    expect(supportFeatures(quote, passage)).toMatchObject({ negationAdded: false, negationDropped: false, coverage: 1 });
    expect(judgeSupport(quote, passage).label).toBe("entailment");
  });
});
