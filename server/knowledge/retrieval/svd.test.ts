import { describe, expect, it } from "vitest";
import { truncatedSvd, type SparseMatrix } from "./svd";
import { embedLsa, fitLsa } from "./lsa";

function sparse(dense: number[][]): SparseMatrix {
  const rowStart = [0];
  const colIndex: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((v, j) => {
      if (v !== 0) {
        colIndex.push(j);
        values.push(v);
      }
    });
    rowStart.push(colIndex.length);
  }
  return { rows: dense.length, cols: dense[0].length, rowStart: Int32Array.from(rowStart), colIndex: Int32Array.from(colIndex), values: Float32Array.from(values) };
}

describe("truncatedSvd", () => {
  it("finds the singular values of a matrix with a known spectrum", () => {
    // Orthogonal rows scaled by 5, 3 and 1: the singular values are exactly 5, 3, 1.
    const x = sparse([
      [5, 0, 0, 0],
      [0, 3, 0, 0],
      [0, 0, 0, 1],
    ]);
    const svd = truncatedSvd(x, 2);
    expect(svd.k).toBe(2);
    expect(svd.values[0]).toBeCloseTo(5, 4);
    expect(svd.values[1]).toBeCloseTo(3, 4);
    // The first right singular vector is ±e1.
    expect(Math.abs(svd.right[0 * 2 + 0])).toBeCloseTo(1, 4);
  });

  it("reconstructs a rank-2 matrix: ‖X v_j‖ = σ_j", () => {
    const x = [
      [1, 2, 0, 1],
      [2, 4, 0, 2],
      [0, 0, 3, 1],
      [0, 0, 6, 2],
    ];
    const svd = truncatedSvd(sparse(x), 2);
    for (let j = 0; j < 2; j++) {
      const xv = x.map((row) => row.reduce((sum, value, c) => sum + value * svd.right[c * 2 + j], 0));
      expect(Math.hypot(...xv)).toBeCloseTo(svd.values[j], 4);
    }
  });
});

describe("LSA", () => {
  it("puts chunks about one topic near each other, and near a query that shares only some of their words", () => {
    const docs = [
      ["heart", "attack", "aspirin"],
      ["heart", "aspirin", "dose"],
      ["aspirin", "dose", "attack"],
      ["contract", "tenant", "deposit"],
      ["tenant", "deposit", "landlord"],
      ["landlord", "contract", "notice"],
    ];
    const model = fitLsa(docs, 2);
    const vectors = docs.map((d) => embedLsa(model, d));
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
    expect(cos(vectors[0], vectors[1])).toBeGreaterThan(0.9);
    expect(Math.abs(cos(vectors[0], vectors[4]))).toBeLessThan(0.2);
    const query = embedLsa(model, ["dose"]);
    expect(cos(query, vectors[0])).toBeGreaterThan(cos(query, vectors[4]));
    expect(Array.from(embedLsa(model, ["unseen"]))).toEqual([0, 0]);
  });
});
