import { describe, expect, it } from "vitest";
import { emptyGraph } from "@/nodes/graph";
import { chooseVersion, type PublishedEndpoint } from "./published-endpoint";

/** A seeded generator (mulberry32), so the proportion below is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function endpoint(canaryPercent: number | null): PublishedEndpoint {
  return {
    id: "e",
    slug: "s",
    workspaceId: "w",
    pipelineId: "p",
    enabled: true,
    pinned: { versionId: "v1", number: 1, graph: emptyGraph },
    canary: canaryPercent === null ? null : { versionId: "v2", number: 2, graph: emptyGraph, percent: canaryPercent },
  };
}

describe("chooseVersion", () => {
  it.each([1, 10, 25, 50, 90])("sends %i%% of calls to the canary, within 1.5 points over 20,000 calls", (percent) => {
    const random = seeded(percent);
    const draws = 20_000;
    let canary = 0;
    for (let i = 0; i < draws; i++) if (chooseVersion(endpoint(percent), random).versionId === "v2") canary++;
    expect(Math.abs((canary / draws) * 100 - percent)).toBeLessThan(1.5);
  });

  it("always serves the pinned version without a canary, and decides by the draw alone", () => {
    expect(chooseVersion(endpoint(null), () => 0).versionId).toBe("v1");
    expect(chooseVersion(endpoint(30), () => 0.299).versionId).toBe("v2");
    expect(chooseVersion(endpoint(30), () => 0.3).versionId).toBe("v1");
  });
});
