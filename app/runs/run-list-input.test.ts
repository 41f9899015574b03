import { describe, expect, it } from "vitest";
import { emptyRunFilters } from "@/components/runs/run-filter-values";
import { filtersToSearch, runListInput } from "./run-list-input";

describe("runs page filters", () => {
  it("turns URL values into the list input, leaving out empty and unknown values", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    expect(runListInput({ ...emptyRunFilters, outcome: "flagged", source: "bogus", range: "24h", q: "  notice " }, now, 50)).toEqual({
      limit: 50,
      outcome: "flagged",
      from: new Date("2025-05-31T12:00:00Z"),
      q: "notice",
    });
    expect(runListInput({ ...emptyRunFilters, range: "forever" }, now, 10)).toEqual({ limit: 10 });
  });

  it("keeps only set filters in the URL", () => {
    expect(filtersToSearch({ ...emptyRunFilters, pipeline: "p1", q: "a b" })).toBe("?pipeline=p1&q=a+b");
    expect(filtersToSearch(emptyRunFilters)).toBe("");
  });
});
