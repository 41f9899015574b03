import { describe, expect, it } from "vitest";
import { batchProgress } from "./batch-progress";

const counts = (settled: number, pending: number) => ({ settled, total: settled + pending });

describe("batch progress", () => {
  it("counts documents settled since the upload began, over the files sent", () => {
    expect(batchProgress(counts(11, 0), counts(11, 0), 4)).toEqual({ done: 0, of: 4 });
    expect(batchProgress(counts(11, 0), counts(14, 1), 4)).toEqual({ done: 3, of: 4 });
  });

  it("grows the total when queued documents outnumber the files (a zip was unpacked)", () => {
    expect(batchProgress(counts(5, 0), counts(7, 18), 1)).toEqual({ done: 2, of: 20 });
  });

  it("counts re-queued documents of the base (a re-index) once they settle again", () => {
    expect(batchProgress(counts(0, 0), counts(3, 7), 0)).toEqual({ done: 3, of: 10 });
  });

  it("never runs backwards or past the end when documents are deleted meanwhile", () => {
    expect(batchProgress(counts(10, 0), counts(3, 0), 2)).toEqual({ done: 0, of: 2 });
    expect(batchProgress(counts(0, 0), counts(5, 0), 2)).toEqual({ done: 5, of: 5 });
  });
});
