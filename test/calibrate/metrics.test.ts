// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  auc,
  aucInterval,
  bestF1Threshold,
  brier,
  confusion,
  ece,
  f1,
  f1Interval,
  logLoss,
  reliability,
} from '../../src/calibrate/metrics';

describe('metrics against hand-computed values', () => {
  it('AUC counts correctly ordered positive/negative pairs, ties as half', () => {
    // Pairs (pos, neg): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓ → 3/4.
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auc([0.5, 0.5], [true, false])).toBe(0.5);
    // (0.5 vs 0.5) half + (0.5 vs 0.2) one + (0.9 vs both) two → 3.5 / 4.
    expect(auc([0.5, 0.5, 0.9, 0.2], [true, false, true, false])).toBe(0.875);
    expect(auc([0.2, 0.9], [true, true])).toBeNaN();
  });

  it('F1 and the confusion counts at a threshold', () => {
    const scores = [0.9, 0.6, 0.4, 0.2];
    const labels = [true, false, true, false];
    expect(confusion(scores, labels, 0.5)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(f1(scores, labels, 0.5)).toBe(0.5);
    // Threshold 0.3 → tp 2, fp 1, fn 0 → 4 / 5.
    expect(f1(scores, labels, 0.3)).toBeCloseTo(0.8, 12);
    expect(f1(scores, labels, 0.95)).toBe(0);
  });

  it('picks the F1-maximising threshold between distinct scores', () => {
    const best = bestF1Threshold([0.9, 0.6, 0.4, 0.2], [true, false, true, false]);
    expect(best.f1).toBeCloseTo(0.8, 12);
    expect(best.threshold).toBeCloseTo(0.3, 12);
  });

  it('ECE weights each bin’s |confidence − observed| by its size', () => {
    const scores = [0.05, 0.15, 0.15, 0.95];
    const labels = [false, true, false, true];
    // Bins: [0,.1): |0.05 − 0|, [.1,.2): |0.15 − 0.5| twice, [.9,1]: |0.95 − 1|.
    expect(ece(scores, labels)).toBeCloseTo(0.25 * 0.05 + 0.5 * 0.35 + 0.25 * 0.05, 12);
    const bins = reliability(scores, labels);
    expect(bins).toHaveLength(10);
    expect(bins[1]).toEqual({ lo: 0.1, hi: 0.2, count: 2, confidence: 0.15, observed: 0.5 });
    expect(bins[2]!.count).toBe(0);
    expect(reliability([1], [true])[9]!.count).toBe(1);
    expect(ece([], [])).toBe(0);
  });

  it('log loss and Brier score', () => {
    expect(logLoss([0.8, 0.25], [true, false])).toBeCloseTo(
      -(Math.log(0.8) + Math.log(0.75)) / 2,
      12,
    );
    expect(Number.isFinite(logLoss([0, 1], [true, false]))).toBe(true);
    expect(brier([0.8, 0.25], [true, false])).toBeCloseTo((0.04 + 0.0625) / 2, 12);
  });

  it('bootstrap interval of the AUC brackets the estimate and is reproducible', () => {
    const scores = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) / 200);
    const labels = scores.map((s, i) => s + ((i * 13) % 7) / 10 > 0.8);
    const point = auc(scores, labels);
    const ci = aucInterval(scores, labels, 300, 5);
    expect(ci.lo).toBeLessThanOrEqual(point);
    expect(ci.hi).toBeGreaterThanOrEqual(point);
    expect(ci.hi - ci.lo).toBeGreaterThan(0);
    expect(aucInterval(scores, labels, 300, 5)).toEqual(ci);
    expect(aucInterval([0.1, 0.2], [true, true], 50)).toEqual({ lo: Number.NaN, hi: Number.NaN });
  });

  it('bootstrap interval of F1 at a fixed threshold brackets the estimate', () => {
    const scores = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) / 200);
    const labels = scores.map((s, i) => s + ((i * 13) % 7) / 10 > 0.8);
    const point = f1(scores, labels, 0.5);
    const ci = f1Interval(scores, labels, 0.5, 300, 5);
    expect(ci.lo).toBeLessThanOrEqual(point);
    expect(ci.hi).toBeGreaterThanOrEqual(point);
    expect(ci.hi - ci.lo).toBeGreaterThan(0.01);
    expect(f1Interval(scores, labels, 0.5, 300, 5)).toEqual(ci);
    // All predictions below the threshold: every resample has F1 0, so the interval is [0, 0].
    expect(f1Interval(scores, labels, 2, 50)).toEqual({ lo: 0, hi: 0 });
  });
});
