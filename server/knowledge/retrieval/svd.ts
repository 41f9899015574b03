// Truncated SVD of a sparse matrix by randomized range finding (Halko, Martinsson & Tropp 2011):
// project onto a random subspace, sharpen it with power iterations, then solve the small problem
// exactly. Typed arrays throughout; the big matrix is only ever multiplied, never densified.

/** A rows × cols matrix in compressed sparse row form. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float32Array;
}

/** Dense matrices here are column-major: column j is data[j*rows ... (j+1)*rows). */
interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface TruncatedSvd {
  /** Singular values, largest first. */
  values: Float64Array;
  /** Right singular vectors, cols × k, row-major (row t = the k coordinates of column t). */
  right: Float32Array;
  k: number;
}

// A deterministic generator so a base fitted twice on the same chunks gets the same projection.
function gaussian(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** X · D for dense D (X.cols × l). */
function multiply(x: SparseMatrix, d: Dense): Dense {
  const out = new Float64Array(x.rows * d.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) {
      const col = x.colIndex[p];
      const value = x.values[p];
      for (let j = 0; j < d.cols; j++) out[j * x.rows + i] += value * d.data[j * d.rows + col];
    }
  }
  return { rows: x.rows, cols: d.cols, data: out };
}

/** Xᵀ · D for dense D (X.rows × l). */
function multiplyTransposed(x: SparseMatrix, d: Dense): Dense {
  const out = new Float64Array(x.cols * d.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) {
      const col = x.colIndex[p];
      const value = x.values[p];
      for (let j = 0; j < d.cols; j++) out[j * x.cols + col] += value * d.data[j * d.rows + i];
    }
  }
  return { rows: x.cols, cols: d.cols, data: out };
}

/** Orthonormalises the columns in place (modified Gram–Schmidt, twice for stability); null columns stay zero. */
function orthonormalise(m: Dense): Dense {
  const { rows, cols, data } = m;
  for (let j = 0; j < cols; j++) {
    const cj = j * rows;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const ci = i * rows;
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += data[ci + r] * data[cj + r];
        for (let r = 0; r < rows; r++) data[cj + r] -= dot * data[ci + r];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += data[cj + r] * data[cj + r];
    norm = Math.sqrt(norm);
    for (let r = 0; r < rows; r++) data[cj + r] = norm > 1e-10 ? data[cj + r] / norm : 0;
  }
  return m;
}

/** Eigen-decomposition of a symmetric n × n matrix (row-major) by cyclic Jacobi rotations. */
function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** The top `k` singular values and right singular vectors of `x`. */
export function truncatedSvd(x: SparseMatrix, k: number, options: { oversample?: number; powerIterations?: number; seed?: number } = {}): TruncatedSvd {
  const rank = Math.max(1, Math.min(k, x.rows, x.cols));
  const l = Math.min(rank + (options.oversample ?? 10), x.rows, x.cols);
  const next = gaussian(options.seed ?? 42);
  const omega: Dense = { rows: x.cols, cols: l, data: Float64Array.from({ length: x.cols * l }, next) };
  let q = orthonormalise(multiply(x, omega));
  for (let i = 0; i < (options.powerIterations ?? 3); i++) {
    q = orthonormalise(multiply(x, orthonormalise(multiplyTransposed(x, q))));
  }
  // B = Qᵀ X is l × cols; its right singular vectors are X's. Bᵀ is exactly Xᵀ Q.
  const bt = multiplyTransposed(x, q);
  const gram = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let dot = 0;
      for (let r = 0; r < bt.rows; r++) dot += bt.data[i * bt.rows + r] * bt.data[j * bt.rows + r];
      gram[i * l + j] = dot;
      gram[j * l + i] = dot;
    }
  }
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => values[b] - values[a]).slice(0, rank);
  const singular = Float64Array.from(order, (i) => Math.sqrt(Math.max(values[i], 0)));
  // V = Bᵀ U_B Σ⁻¹, stored row-major (one row per column of X).
  const right = new Float32Array(x.cols * rank);
  order.forEach((eig, j) => {
    const sigma = singular[j];
    if (sigma <= 1e-12) return;
    for (let r = 0; r < x.cols; r++) {
      let sum = 0;
      for (let i = 0; i < l; i++) sum += bt.data[i * bt.rows + r] * vectors[i * l + eig];
      right[r * rank + j] = sum / sigma;
    }
  });
  return { values: singular, right, k: rank };
}
