import { describe, expect, it } from "vitest";
import type { Answer } from "@/nodes/ports";
import { extractAnswer } from "./extract-answer";

const answer: Answer = {
  text: "A deposit may not exceed one month's rent [1].",
  sentences: [{ text: "A deposit may not exceed one month's rent [1].", markers: [1] }],
  citations: [{ marker: 1, passageId: "c1", source: { documentId: "d1", title: "Deposits" }, quote: "one month's rent" }],
  refused: false,
  mode: "offline",
};

describe("extractAnswer", () => {
  it("reads an answer given directly or as the exit node's `answer` output", () => {
    expect(extractAnswer(answer)).toEqual(answer);
    expect(extractAnswer({ answer })).toEqual(answer);
  });

  it("refuses anything that is not a well-formed answer", () => {
    expect(extractAnswer(null)).toBeUndefined();
    expect(extractAnswer({ answer: { text: "no citations field" } })).toBeUndefined();
    expect(extractAnswer({ text: "x", citations: [{ marker: 0 }] })).toBeUndefined();
  });
});
