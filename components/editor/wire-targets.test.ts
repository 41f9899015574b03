import { describe, expect, it } from "vitest";
import { getSpec, nodeSpecs } from "@/nodes/registry";
import { wireTargets } from "./wire-targets";

describe("wireTargets", () => {
  it("offers only node types with an input that takes the dragged output", () => {
    const targets = wireTargets({ nodeType: "retrieve.bm25", handleId: "passages", handleType: "source" }, nodeSpecs, getSpec);
    expect(targets.length).toBeGreaterThan(0);
    for (const { spec, port } of targets) expect(["passages", "json"]).toContain(spec.inputs[port].type);
    expect(targets.some((t) => t.spec.type === "generate.extractive" && t.port === "passages")).toBe(true);
    expect(targets.some((t) => t.spec.type === "input.chat")).toBe(false);
  });

  it("offers node types with a fitting output when dragged from an input", () => {
    const targets = wireTargets({ nodeType: "retrieve.bm25", handleId: "query", handleType: "target" }, nodeSpecs, getSpec);
    expect(targets.some((t) => t.spec.type === "input.chat" && t.port === "query")).toBe(true);
    for (const { spec, port } of targets) expect(spec.outputs[port].type).toBe("query");
  });

  it("offers nothing for an unknown port", () => {
    expect(wireTargets({ nodeType: "retrieve.bm25", handleId: "nope", handleType: "source" }, nodeSpecs, getSpec)).toEqual([]);
  });
});
