// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dense, fitLogistic, predict, sigmoid } from '../../src/calibrate/logistic';

/** Small seeded generator so the synthetic data is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function synthetic(n: number, weights: number[], intercept: number, seed = 7) {
  const r = rng(seed);
  const rows = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i++) {
    // A count-like feature, an indicator and a continuous one, like engine features.
    const x = [Math.floor(r() * 5), r() < 0.3 ? 1 : 0, r() * 2 - 1];
    const z = intercept + x.reduce((s, v, j) => s + v * weights[j]!, 0);
    rows.push(dense(x));
    labels.push(r() < sigmoid(z));
  }
  return { rows, labels };
}

describe('fitLogistic', () => {
  it('recovers known weights and intercept on synthetic data', () => {
    const truth = [0.8, -1.5, 2];
    const { rows, labels } = synthetic(20_000, truth, -1.2);
    const m = fitLogistic(rows, labels, 3, { lambda: 0.01 });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(-1.2, 0);
    truth.forEach((w, j) => {
      expect(Math.abs(m.weights[j]! - w)).toBeLessThan(0.12);
    });
  });

  it('does not depend on the order of a row’s entries', () => {
    const { rows, labels } = synthetic(500, [0.8, -1.5, 2], -1.2);
    const reversed = rows.map((r) => ({
      index: Int32Array.from(r.index).reverse(),
      value: Float64Array.from(r.value).reverse(),
    }));
    const a = fitLogistic(rows, labels, 3, { lambda: 1 });
    const b = fitLogistic(reversed, labels, 3, { lambda: 1 });
    [0, 1, 2].forEach((j) => {
      expect(b.weights[j]!).toBeCloseTo(a.weights[j]!, 9);
    });
  });

  it('shrinks weights toward zero as the L2 strength grows', () => {
    const { rows, labels } = synthetic(2000, [0.8, -1.5, 2], -1.2);
    const norms = [0.01, 10, 100, 10_000].map((lambda) => {
      const m = fitLogistic(rows, labels, 3, { lambda });
      return Math.hypot(...m.weights);
    });
    for (let i = 1; i < norms.length; i++) expect(norms[i]!).toBeLessThan(norms[i - 1]!);
    expect(norms[norms.length - 1]!).toBeLessThan(0.1);
  });

  it('returns a zero model for empty input', () => {
    const m = fitLogistic([], [], 4);
    expect(m.intercept).toBe(0);
    expect([...m.weights]).toEqual([0, 0, 0, 0]);
  });

  it('stays finite when every session has the same outcome', () => {
    const rows = [dense([1, 0]), dense([0, 1]), dense([2, 1])];
    for (const label of [true, false]) {
      const m = fitLogistic(rows, [label, label, label], 2, { lambda: 1 });
      expect(Number.isFinite(m.intercept)).toBe(true);
      expect([...m.weights].every(Number.isFinite)).toBe(true);
      expect(predict(m, rows[0]!) > 0.5).toBe(label);
    }
  });

  it('gives constant and all-zero features weight 0 and ignores NaN values', () => {
    const rows = [
      dense([1, 0, 1]),
      dense([1, 0, 0]),
      { index: Int32Array.from([0, 2]), value: Float64Array.from([1, Number.NaN]) },
      dense([1, 0, 1]),
    ];
    const m = fitLogistic(rows, [true, false, false, true], 3, { lambda: 1 });
    expect(m.weights[0]).toBe(0);
    expect(m.weights[1]).toBe(0);
    expect(m.weights[2]!).toBeGreaterThan(0);
    expect(Number.isFinite(m.intercept)).toBe(true);
  });

  it('stays finite on perfectly separable data', () => {
    const rows = [dense([0]), dense([0]), dense([1]), dense([1])];
    const m = fitLogistic(rows, [false, false, true, true], 1, { lambda: 0 });
    expect(Number.isFinite(m.weights[0]!)).toBe(true);
    expect(Number.isFinite(m.intercept)).toBe(true);
    expect(predict(m, rows[2]!)).toBeGreaterThan(0.9);
  });
});
