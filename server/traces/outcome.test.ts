import { describe, expect, it } from "vitest";
import { runOutcome } from "./outcome";

const verdict = (label: "entailment" | "neutral", supported: boolean) => ({ sentences: [{ sentence: "s", label, score: 0.4, markers: [1] }], supported });

describe("run outcome", () => {
  it("flags an answer that verification did not fully support", () => {
    expect(runOutcome("answered", [verdict("neutral", false)])).toBe("flagged");
    expect(runOutcome("answered", [undefined, verdict("neutral", true)])).toBe("flagged");
  });

  it("keeps the status otherwise: supported or unverified answers, refusals and failures", () => {
    expect(runOutcome("answered", [verdict("entailment", true)])).toBe("answered");
    expect(runOutcome("answered", [])).toBe("answered");
    expect(runOutcome("answered", [{ not: "a verdict" }])).toBe("answered");
    expect(runOutcome("refused", [verdict("neutral", false)])).toBe("refused");
    expect(runOutcome("failed", [])).toBe("failed");
    expect(runOutcome("cancelled", [])).toBe("cancelled");
  });
});
