/**
 * The arithmetic of evidence. The engine and calibration both score with these functions, so a
 * fitted model scores in the browser exactly what it was fitted on. Pure: no clock, no state.
 */
import type { EvidenceRule, ScaleBy } from './model';
import type { Signal } from './signal';

/** The `k` of exp(-k·Δt) for a half-life in ms; an infinite half-life gives 0, no decay. */
export const decayRate = (halfLife: number): number => Math.LN2 / halfLife;

/** What is left at `to` of `value` valued at `from`; an earlier `to` leaves it as it is. */
export const decay = (value: number, k: number, from: number, to: number): number =>
  // Skipping exp(0) matters: most evidence arrives at the time its intent was last updated.
  to > from ? value * Math.exp(-k * (to - from)) : value;

/**
 * The part of `added` that fits when a rule's live contribution is `current` and its
 * contribution stays within ±`max`. A rule at its bound takes nothing more in that direction and
 * is never pushed back toward zero by the bound itself.
 */
export const bounded = (current: number, added: number, max: number): number =>
  current + added > max
    ? Math.max(0, max - current)
    : current + added < -max
      ? Math.min(0, -max - current)
      : added;

/**
 * Log-odds one signal at `at` adds to a rule whose live contribution, valued at `now`, is
 * `current`: its weight decayed to `now` (an out-of-order signal counts for what would be left of
 * it by now) and bounded by the rule's `max`.
 */
export const contribution = (
  current: number,
  weight: number,
  k: number,
  at: number,
  now: number,
  max: number,
): number => bounded(current, decay(weight, k, at, now), max);

/** `x` within ±`max`. */
export const clamp = (x: number, max: number): number => Math.max(-max, Math.min(max, x));

/** Probability for a log-odds score. */
export const logistic = (score: number): number => 1 / (1 + Math.exp(-score));

/** A rule's `scaleBy`, compiled: the transform as a number so applying it calls Math directly. */
export interface Scale {
  readonly field: string;
  readonly factor: number;
  readonly max: number;
  /** 0 linear, 1 log1p, 2 sqrt. */
  readonly kind: number;
}

export const compileScale = ({ field, factor = 1, max, transform }: ScaleBy): Scale => ({
  field,
  factor,
  max: max ?? Infinity,
  kind: transform === 'log1p' ? 1 : transform === 'sqrt' ? 2 : 0,
});

/**
 * Writes to `out[0]` the signal's data field, transformed and within the scale's `max`, for the
 * caller to multiply by the rule's weight; `false` (and 0) when the field is missing or not a
 * number. Numbers go through `out`, not arguments or the return value: a double passed to or
 * returned from a call that is not inlined is a new heap number, and whether V8 inlines this
 * varies from run to run.
 */
export const scaleInto = (out: Float64Array, scale: Scale, signal: Signal): boolean => {
  const v = signal.data?.[scale.field];
  if (typeof v !== 'number') {
    out[0] = 0;
    return false;
  }
  let x = v * scale.factor;
  x =
    scale.kind === 1 ? Math.log1p(x > 0 ? x : 0) : scale.kind === 2 ? Math.sqrt(x > 0 ? x : 0) : x;
  out[0] = x < scale.max ? x : scale.max;
  return true;
};

/**
 * A rule's weight for a signal: its number (or function of the signal), times the transformed
 * data field when the rule scales by one. A missing or non-numeric field weighs 0.
 */
export function compileWeight(rule: EvidenceRule): (signal: Signal) => number {
  const { weight, scaleBy } = rule;
  if (!scaleBy) return typeof weight === 'function' ? weight : () => weight;
  const scale = compileScale(scaleBy);
  const out = new Float64Array(1);
  return (signal) =>
    scaleInto(out, scale, signal)
      ? (typeof weight === 'function' ? weight(signal) : weight) * out[0]!
      : 0;
}
