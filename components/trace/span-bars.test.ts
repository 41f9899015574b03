import { describe, expect, it } from "vitest";
import { assignLanes, spanBar, timelineLength } from "./span-bars";

const start = new Date("2025-06-10T12:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("span bars", () => {
  it("places each span by its start and length within the run", () => {
    const spans = [
      { startedAt: at(0), durationMs: 10 },
      { startedAt: at(10), durationMs: 80 },
      { startedAt: at(90), durationMs: 10 },
    ];
    const total = timelineLength(start, 100, spans);
    expect(total).toBe(100);
    expect(spanBar(start, total, spans[1])).toEqual({ offsetPct: 10, widthPct: 80, offsetMs: 10 });
  });

  it("stretches the timeline to a span that outlasts the recorded run, and never hides a short span", () => {
    const spans = [{ startedAt: at(50), durationMs: 150 }];
    expect(timelineLength(start, 100, spans)).toBe(200);
    expect(spanBar(start, 1000, { startedAt: at(0), durationMs: 0 }).widthPct).toBeGreaterThan(0);
    expect(timelineLength(start, null, [])).toBe(1);
  });

  it("puts spans that overlap in time (parallel branches) in separate lanes, and a chain in one", () => {
    const input = { id: "input", startedAt: at(0), durationMs: 5 };
    const bm25 = { id: "bm25", startedAt: at(5), durationMs: 40 };
    const dense = { id: "dense", startedAt: at(6), durationMs: 30 };
    const fuse = { id: "fuse", startedAt: at(45), durationMs: 5 };
    const lanes = assignLanes([fuse, dense, bm25, input]).map((lane) => lane.map((s) => s.id));
    expect(lanes).toEqual([["input", "bm25", "fuse"], ["dense"]]);
  });
});
