import { describe, expect, it } from "vitest";
import { stem } from "./stem";
import { tokenize } from "./tokenize";

describe("tokenize", () => {
  it("lowercases, drops stopwords and folds inflections onto one stem", () => {
    expect(tokenize("How much NOTICE must a landlord give before terminating the tenancy?")).toEqual([
      "notic",
      "landlord",
      "giv",
      "termin",
      "tenanci",
    ]);
    expect(tokenize("Notices given by landlords terminate tenancies")).toEqual(["notic", "given", "landlord", "termin", "tenanci"]);
    expect(tokenize("The tenant's deposits were returned within 14 days.")).toEqual([
      "tenant",
      "deposit",
      "return",
      "within",
      "14",
      "day",
    ]);
  });

  it("keeps related forms together and distinct roles apart", () => {
    const family = ["terminate", "terminated", "terminates", "terminating", "termination", "terminations"];
    expect(new Set(family.map(stem))).toEqual(new Set(["termin"]));
    expect(new Set(["agree", "agreed", "agreement", "agreements"].map(stem)).size).toBe(1);
    expect(new Set(["policy", "policies"].map(stem)).size).toBe(1);
    expect(new Set(["run", "running", "runs"].map(stem)).size).toBe(1);
    expect(stem("process")).toBe(stem("processes"));
    expect(stem("employer")).not.toBe(stem("employee"));
  });

  it("splits Chinese into character unigrams and bigrams, and mixed text at the script boundary", () => {
    expect(tokenize("押金退还")).toEqual(["押", "押金", "金", "金退", "退", "退还", "还"]);
    expect(tokenize("租客的押金")).toEqual(["租", "租客", "客", "客的", "的押", "押", "押金", "金"]);
    expect(tokenize("GDPR第五条 applies")).toEqual(["gdpr", "第", "第五", "五", "五条", "条", "appli"]);
  });

  it("returns nothing for text without words", () => {
    expect(tokenize("  ... — !! ")).toEqual([]);
    expect(tokenize("the and of")).toEqual([]);
  });
});
