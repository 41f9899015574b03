import { describe, expect, it } from "vitest";
import { contentDeltas } from "./completion";

describe("contentDeltas", () => {
  it("cuts after each sentence, keeping its citation markers and the space after them", () => {
    expect(contentDeltas("Deposits are capped [1]. Repairs start in 24 hours [2][3]. ")).toEqual(["Deposits are capped [1]. ", "Repairs start in 24 hours [2][3]. "]);
    expect(contentDeltas("押金不超过两个月[1]。维修须及时[2]！")).toEqual(["押金不超过两个月[1]。", "维修须及时[2]！"]);
  });

  it("adds up to the text exactly, whatever it holds", () => {
    for (const text of ["", "...and then [1]", "No punctuation at all", "Two!! Three?\n\nFour", "[1]. [2]."]) {
      expect(contentDeltas(text).join("")).toBe(text);
    }
  });
});
