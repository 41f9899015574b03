import { describe, expect, it } from "vitest";
import { formatTokens } from "./token-count";

describe("token counts in the trace", () => {
  it("shows input and output apart when the split is known", () => {
    expect(formatTokens({ tokens: 1280, inputTokens: 1200, outputTokens: 80 })).toBe("1,200 in / 80 out");
    expect(formatTokens({ tokens: 5, inputTokens: 0, outputTokens: 5 })).toBe("0 in / 5 out");
  });

  it("shows the total alone for spans traced before the split, and for none", () => {
    expect(formatTokens({ tokens: 1280, inputTokens: 0, outputTokens: 0 })).toBe("1,280");
    expect(formatTokens({ tokens: 1280 })).toBe("1,280");
    expect(formatTokens({ tokens: 0, inputTokens: 0, outputTokens: 0 })).toBe("0");
  });
});
