import { describe, expect, it } from "vitest";
import { jsonErrorAt } from "./json-error";

describe("jsonErrorAt", () => {
  it("is null for valid JSON and for an empty field", () => {
    expect(jsonErrorAt('{"a": [1, true, null]}')).toBeNull();
    expect(jsonErrorAt("   ")).toBeNull();
  });

  it("points at where parsing stopped", () => {
    const error = jsonErrorAt('{"a": 1,, "b": 2}');
    expect(error?.at).toBe(8);
    expect(error?.message).toMatch(/JSON/);
  });
});
