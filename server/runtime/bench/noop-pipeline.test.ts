import { describe, expect, it } from "vitest";
import { validateGraph } from "@/nodes/validate";
import { implLookup } from "../registry";
import { groundworkEngine, langGraphEngine, plainEngine } from "./engines";
import { benchGraph, benchImpls, benchTopology } from "./noop-pipeline";

describe("the benchmark pipeline", () => {
  it("has 50 nodes: a source, 10 branches of 4, a join and a chain of 8, and is a valid graph", () => {
    const topology = benchTopology();
    expect(topology).toHaveLength(50);
    expect(topology.filter((n) => n.kind === "join")[0].after).toHaveLength(10);
    const impls = implLookup(benchImpls);
    const validation = validateGraph(benchGraph(), (type) => impls(type)?.spec);
    expect(validation.ok).toBe(true);
  });

  it("runs the same node functions to the same result on every engine, tracing each call", async () => {
    for (const make of [plainEngine, langGraphEngine, groundworkEngine]) {
      const spans: string[] = [];
      const engine = make((runId, span) => spans.push(`${runId}:${span.nodeId}`));
      expect(await engine.run("r1", "a question")).toBe("a question");
      expect(spans).toHaveLength(50);
      expect(new Set(spans).size).toBe(50);
      expect(spans.every((s) => s.startsWith("r1:"))).toBe(true);
    }
  });
});
