import { describe, expect, it } from "vitest";
import { blendedPricePerMillion, estimateCostUsd } from "./prices";

const total = (tokens: number) => ({ tokens, inputTokens: 0, outputTokens: 0 });

describe("cost estimate", () => {
  it("prices a total without a split at the model's blended list price, matching the longest model prefix", () => {
    expect(blendedPricePerMillion("gpt-4o")).toBeCloseTo(2.5 * 0.75 + 10 * 0.25);
    expect(blendedPricePerMillion("gpt-4o-mini-2024-07-18")).toBeCloseTo(0.15 * 0.75 + 0.6 * 0.25);
    expect(blendedPricePerMillion("openai/GPT-4o-mini")).toBeCloseTo(0.2625);
    expect(estimateCostUsd("deepseek-chat", total(1_000_000))).toBeCloseTo(0.27 * 0.75 + 1.1 * 0.25);
  });

  it("prices input and output tokens at their own list prices when the split is known", () => {
    expect(estimateCostUsd("gpt-4o", { tokens: 1_000_000, inputTokens: 900_000, outputTokens: 100_000 })).toBeCloseTo(0.9 * 2.5 + 0.1 * 10);
    expect(estimateCostUsd("gpt-4o", { tokens: 1_000_000, inputTokens: 0, outputTokens: 1_000_000 })).toBeCloseTo(10);
    // A sum over old rows (total only) and new rows (split): the unsplit part at the blended price.
    expect(estimateCostUsd("gpt-4o", { tokens: 2_000_000, inputTokens: 1_000_000, outputTokens: 0 })).toBeCloseTo(2.5 + 2.5 * 0.75 + 10 * 0.25);
  });

  it("says unknown for a model without a list price, and zero when no tokens were used", () => {
    expect(estimateCostUsd("llama3.1:8b", total(500))).toBeNull();
    expect(estimateCostUsd(null, total(500))).toBeNull();
    expect(estimateCostUsd(null, total(0))).toBe(0);
  });
});
