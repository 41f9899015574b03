import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, firstFreeSlug, slugify } from "./slug";

describe("slugs", () => {
  it("turns a pipeline name into a URL-safe slug", () => {
    expect(slugify("Tenancy answers (example)")).toBe("tenancy-answers-example");
    expect(slugify("  Crème brûlée FAQ!  ")).toBe("creme-brulee-faq");
    expect(slugify("租房问答")).toBe("pipeline");
    expect(slugify("x".repeat(100))).toHaveLength(60);
    for (const name of ["Tenancy answers (example)", "-a--b-", "租房问答"]) expect(slugify(name)).toMatch(SLUG_PATTERN);
  });

  it("numbers a slug that is taken", () => {
    expect(firstFreeSlug("faq", new Set())).toBe("faq");
    expect(firstFreeSlug("faq", new Set(["faq", "faq-2"]))).toBe("faq-3");
  });
});
