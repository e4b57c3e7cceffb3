/** A sparse feature row: most engine features are zero for most sessions. */
export interface SparseRow {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

export interface FitOptions {
  /** L2 penalty on the (internally scaled) weights. @defaultValue `1` */
  lambda?: number;
  /** Tiny pull on the intercept so all-one-class data gives a finite prior. @defaultValue `1e-3` */
  interceptLambda?: number;
  /** Where `interceptLambda` pulls the intercept. @defaultValue `0` */
  interceptCenter?: number;
  /** @defaultValue `50` */
  maxIterations?: number;
  /** Stop when no parameter moves more than this. @defaultValue `1e-7` */
  tolerance?: number;
  /** Row weights (e.g. for class balancing). @defaultValue all 1 */
  weights?: readonly number[];
  /** Start from this model (e.g. the fit at a neighbouring `lambda`) to converge in fewer steps. */
  start?: LogisticModel;
}

export interface LogisticModel {
  /** Log-odds with all features at zero. */
  readonly intercept: number;
  /** One weight per feature, on the features' own scale (not the internal one). */
  readonly weights: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export const sigmoid = (x: number): number =>
  x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));

export function dense(values: readonly number[]): SparseRow {
  const idx: number[] = [];
  const val: number[] = [];
  values.forEach((v, i) => {
    if (v !== 0 && Number.isFinite(v)) {
      idx.push(i);
      val.push(v);
    }
  });
  return { index: Int32Array.from(idx), value: Float64Array.from(val) };
}

export function predict(model: LogisticModel, row: SparseRow): number {
  return sigmoid(linear(model, row));
}

export function linear(model: LogisticModel, row: SparseRow): number {
  let z = model.intercept;
  for (let k = 0; k < row.index.length; k++)
    z += (model.weights[row.index[k]!] ?? 0) * row.value[k]!;
  return z;
}

/** Solves A x = b for symmetric positive definite A (row-major n×n), in place; null if not SPD. */
function cholSolve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! ** 2;
    if (!(d > 1e-12)) return null;
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / l;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * n + k]! * y[k]!;
    y[i] = s / a[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= a[k * n + i]! * y[k]!;
    y[i] = s / a[i * n + i]!;
  }
  return y;
}

/**
 * L2-regularised logistic regression by Newton's method (IRLS) with step halving.
 * Features are scaled to unit standard deviation internally so one `lambda` treats counts and
 * indicators alike; constant features get weight 0. Never returns NaN: empty input gives a zero
 * model, one-class input a finite intercept (the small intercept penalty keeps it bounded).
 */
export function fitLogistic(
  rows: readonly SparseRow[],
  labels: readonly boolean[],
  dims: number,
  options: FitOptions = {},
): LogisticModel {
  const lambda = Math.max(0, options.lambda ?? 1);
  const lambda0 = Math.max(1e-9, options.interceptLambda ?? 1e-3);
  const center0 = Number.isFinite(options.interceptCenter)
    ? (options.interceptCenter as number)
    : 0;
  const maxIterations = options.maxIterations ?? 50;
  const tol = options.tolerance ?? 1e-7;
  const n = Math.min(rows.length, labels.length);
  const rw = options.weights;
  const w0 = (i: number): number => {
    const w = rw?.[i] ?? 1;
    return Number.isFinite(w) && w > 0 ? w : 0;
  };
  if (n === 0 || dims < 0) {
    return {
      intercept: 0,
      weights: new Float64Array(Math.max(0, dims)),
      iterations: 0,
      converged: true,
    };
  }
  // Scale: the standard deviation of each feature; 0 means constant, which the intercept covers.
  const sum = new Float64Array(dims);
  const sq = new Float64Array(dims);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const wi = w0(i);
    total += wi;
    for (let k = 0; k < r.index.length; k++) {
      const j = r.index[k]!;
      const v = r.value[k]!;
      if (j >= dims || !Number.isFinite(v)) continue;
      sum[j]! += wi * v;
      sq[j]! += wi * v * v;
    }
  }
  const scale = new Float64Array(dims);
  const active: number[] = [];
  for (let j = 0; j < dims; j++) {
    if (total <= 0) break;
    const mean = sum[j]! / total;
    const variance = sq[j]! / total - mean * mean;
    if (variance > 1e-12 * Math.max(1, sq[j]! / total)) {
      scale[j] = 1 / Math.sqrt(variance);
      active.push(j);
    }
  }
  // Parameters: 0 = intercept, then the active features in order.
  const p = active.length + 1;
  const pos = new Int32Array(dims).fill(-1);
  active.forEach((j, a) => {
    pos[j] = a + 1;
  });
  const xs: { index: Int32Array; value: Float64Array }[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const idx: number[] = [];
    const val: number[] = [];
    for (let k = 0; k < r.index.length; k++) {
      const j = r.index[k]!;
      if (j >= dims) continue;
      const a = pos[j]!;
      const v = r.value[k]!;
      if (a > 0 && Number.isFinite(v) && v !== 0) {
        idx.push(a);
        val.push(v * scale[j]!);
      }
    }
    // The Hessian loop fills one triangle and relies on ascending indices.
    const order = idx.map((_, q) => q).sort((q1, q2) => idx[q1]! - idx[q2]!);
    xs.push({
      index: Int32Array.from(order, (q) => idx[q]!),
      value: Float64Array.from(order, (q) => val[q]!),
    });
  }
  const y = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    y[i] = labels[i] ? 1 : 0;
    positives += w0(i) * y[i]!;
  }
  const beta = new Float64Array(p);
  if (total > 0) {
    // Start at the base rate, clamped so one-class data starts finite.
    const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / total));
    beta[0] = Math.log(rate / (1 - rate));
  }
  const start = options.start;
  if (start && Number.isFinite(start.intercept)) {
    beta[0] = start.intercept;
    active.forEach((j, a) => {
      const w = start.weights[j] ?? 0;
      if (Number.isFinite(w)) beta[a + 1] = w / scale[j]!;
    });
  }
  const penalty = (b: Float64Array): number => {
    let s = lambda0 * (b[0]! - center0) ** 2;
    for (let a = 1; a < p; a++) s += lambda * b[a]! * b[a]!;
    return s / 2;
  };
  const objective = (b: Float64Array): number => {
    let loss = penalty(b);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = b[0]!;
      for (let k = 0; k < x.index.length; k++) z += b[x.index[k]!]! * x.value[k]!;
      // log(1 + e^z) - y z, written to stay finite for large |z|.
      const l = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += w0(i) * (l - y[i]! * z);
    }
    return loss;
  };
  let current = objective(beta);
  let iterations = 0;
  let converged = false;
  const h = new Float64Array(p * p);
  const g = new Float64Array(p);
  while (iterations < maxIterations) {
    iterations++;
    h.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = beta[0]!;
      for (let k = 0; k < x.index.length; k++) z += beta[x.index[k]!]! * x.value[k]!;
      const mu = sigmoid(z);
      const wi = w0(i);
      const r = wi * (mu - y[i]!);
      const v = wi * Math.max(mu * (1 - mu), 1e-12);
      g[0]! += r;
      h[0]! += v;
      // Only the upper triangle (row index ≤ column index; rows' indices are ascending);
      // it is mirrored below, which halves the cost of the dominant loop.
      for (let k = 0; k < x.index.length; k++) {
        const a = x.index[k]!;
        const vx = v * x.value[k]!;
        g[a]! += r * x.value[k]!;
        h[a]! += vx;
        const row = a * p;
        for (let m = k; m < x.index.length; m++) h[row + x.index[m]!]! += vx * x.value[m]!;
      }
    }
    for (let a = 1; a < p; a++) for (let b = a + 1; b < p; b++) h[b * p + a] = h[a * p + b]!;
    for (let a = 1; a < p; a++) h[a * p] = h[a]!;
    g[0]! += lambda0 * (beta[0]! - center0);
    h[0]! += lambda0;
    for (let a = 1; a < p; a++) {
      g[a]! += lambda * beta[a]!;
      h[a * p + a]! += lambda;
    }
    let step: Float64Array | null = null;
    for (let jitter = 0; step === null && jitter < 8; jitter++) {
      const a = Float64Array.from(h);
      if (jitter > 0) for (let d = 0; d < p; d++) a[d * p + d]! += 10 ** (jitter - 8);
      step = cholSolve(a, Float64Array.from(g), p);
    }
    if (step === null) break;
    let t = 1;
    let next = beta;
    let value = current;
    for (let half = 0; half < 30; half++) {
      const cand = new Float64Array(p);
      for (let a = 0; a < p; a++) cand[a] = beta[a]! - t * step[a]!;
      const v = objective(cand);
      if (Number.isFinite(v) && v <= current + 1e-12) {
        next = cand;
        value = v;
        break;
      }
      t /= 2;
    }
    let moved = 0;
    for (let a = 0; a < p; a++) moved = Math.max(moved, Math.abs(next[a]! - beta[a]!));
    beta.set(next);
    current = value;
    if (moved < tol) {
      converged = true;
      break;
    }
  }
  const weights = new Float64Array(dims);
  active.forEach((j, a) => {
    weights[j] = beta[a + 1]! * scale[j]!;
  });
  return { intercept: beta[0]!, weights, iterations, converged };
}
