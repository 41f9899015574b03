import { describe, expect, it } from "vitest";
import { stem } from "./stem";
import { chunkTokens, tokenize, tokenizeWord } from "./tokenize";

describe("tokenize", () => {
  it("lowercases, drops stopwords and reduces English words to Porter stems", () => {
    expect(tokenize("How much NOTICE must a landlord give before terminating the tenancy?")).toEqual(["notic", "landlord", "give", "termin", "tenanc"]);
    expect(tokenize("Notices given by landlords terminate tenancies")).toEqual(["notic", "given", "landlord", "termin", "tenanc"]);
  });

  it("keeps numbers, and related forms together while distinct roles stay apart", () => {
    expect(tokenize("The tenant's deposits were returned within 14 days.")).toEqual(["tenant", "deposit", "return", "within", "14", "dai"]);
    expect(new Set(["terminate", "terminated", "terminates", "terminating", "termination"].map(stem))).toEqual(new Set(["termin"]));
    expect(new Set(["agree", "agreed", "agreement", "agreements"].map(stem)).size).toBeLessThanOrEqual(2);
    expect(stem("process")).toBe(stem("processes"));
    expect(stem("employer")).not.toBe(stem("employee"));
  });

  it("segments Chinese into words with jieba's search mode (whole words and the words inside them)", () => {
    expect(tokenize("劳动合同解除后用人单位应当支付经济补偿金吗？")).toEqual([
      "劳动",
      "合同",
      "劳动合同",
      "解除",
      "后",
      "用人",
      "单位",
      "用人单位",
      "应当",
      "支付",
      "经济",
      "补偿",
      "补偿金",
    ]);
  });

  it("analyses mixed text run by run, by script", () => {
    expect(tokenize("GDPR第五条 applies since 2018年")).toEqual(["gdpr", "第五", "五条", "第五条", "appli", "sinc", "2018", "年"]);
  });

  it("gives a word the same term wherever it occurs, and every caller an array of its own", () => {
    const first = tokenize("Landlords' deposits: the landlord's deposit");
    expect(first).toEqual(["landlord", "deposit", "landlord", "deposit"]);
    first.push("changed");
    expect(tokenize("Landlords' deposits: the landlord's deposit")).toEqual(["landlord", "deposit", "landlord", "deposit"]);
    expect(tokenize("ΔΗΜΟΣ δήμος Ελλάδα")).toEqual(["δημος", "δήμος", "ελλάδα"]);
  });

  it("returns nothing for text without words", () => {
    expect(tokenize("  ... — !! ")).toEqual([]);
    expect(tokenize("the and of 的 了")).toEqual([]);
  });
});

describe("chunkTokens", () => {
  it("puts the title and heading path first, repeated by the field weight, then the text", () => {
    expect(chunkTokens("Aspirin lowers risk", { title: "Heart attacks", heading: ["Prevention"], fieldWeight: 2 })).toEqual([
      "heart",
      "attack",
      "prevent",
      "heart",
      "attack",
      "prevent",
      "aspirin",
      "lower",
      "risk",
    ]);
    expect(chunkTokens("Aspirin lowers risk")).toEqual(tokenize("Aspirin lowers risk"));
  });
});

describe("tokenizeWord", () => {
  it("gives a word's terms as tokenize does, the same shared and frozen list each time", () => {
    for (const word of ["Landlords", "the", "COVID-19", "租金", "p53's"]) expect(tokenizeWord(word)).toEqual(tokenize(word));
    const first = tokenizeWord("deposits");
    expect(tokenizeWord("deposits")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
