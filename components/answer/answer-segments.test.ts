import { describe, expect, it } from "vitest";
import { answerSegments } from "./answer-segments";

describe("answerSegments", () => {
  it("separates markers from the text around them", () => {
    expect(answerSegments("Deposits are capped at one month [1]. Interest accrues [2][3].")).toEqual([
      { kind: "text", text: "Deposits are capped at one month " },
      { kind: "marker", marker: 1 },
      { kind: "text", text: ". Interest accrues " },
      { kind: "marker", marker: 2 },
      { kind: "marker", marker: 3 },
      { kind: "text", text: "." },
    ]);
  });

  it("leaves brackets that are not markers as text", () => {
    expect(answerSegments("See [a] and [ 2 ]")).toEqual([{ kind: "text", text: "See [a] and [ 2 ]" }]);
    expect(answerSegments("")).toEqual([]);
  });
});
