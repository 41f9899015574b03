import { describe, expect, it } from "vitest";
import { blendedPricePerMillion, estimateCostUsd } from "./prices";

describe("cost estimate", () => {
  it("prices tokens at the model's blended list price, matching the longest model prefix", () => {
    expect(blendedPricePerMillion("gpt-4o")).toBeCloseTo(2.5 * 0.75 + 10 * 0.25);
    expect(blendedPricePerMillion("gpt-4o-mini-2024-07-18")).toBeCloseTo(0.15 * 0.75 + 0.6 * 0.25);
    expect(blendedPricePerMillion("openai/GPT-4o-mini")).toBeCloseTo(0.2625);
    expect(estimateCostUsd("deepseek-chat", 1_000_000)).toBeCloseTo(0.27 * 0.75 + 1.1 * 0.25);
  });

  it("says unknown for a model without a list price, and zero when no tokens were used", () => {
    expect(estimateCostUsd("llama3.1:8b", 500)).toBeNull();
    expect(estimateCostUsd(null, 500)).toBeNull();
    expect(estimateCostUsd(null, 0)).toBe(0);
  });
});
