/**
 * The live state of one intent: its evidence per rule, valued at a reference time that only moves
 * forward, and how a signal changes it. The engine owns one per intent and publishes snapshots.
 */
import type { CompiledIntent } from './model';
import { contribution, decay, decayRate } from './scoring';
import type { Signal } from './signal';
import type { TrailEntry } from './types';

/** Evidence id of the record after the rules' that counts dismissed steps against their intent. */
export const DISMISSED = 'dismissed';

/**
 * An intent's evidence per rule, as numbers written in place. Rule `i` (the rule count for
 * dismissed steps) keeps at `nums[4i]` to `nums[4i + 3]` its contribution valued at its reference
 * time, that time, how many signals it counted and when the latest of them happened; `signals[i]`
 * is that signal (`null` when restored without one, `undefined` while the rule has no record). An
 * empty rule reads 0, 0, 0, -Infinity, so adding to it needs no check.
 */
export interface RuleRecords {
  // A plain array holding only numbers: V8 keeps them unboxed, as in a Float64Array, and copying
  // it after a publish is one bump allocation, where a typed array's copy allocates its memory
  // outside the heap at about ten times the cost.
  readonly nums: number[];
  readonly signals: (Signal | null | undefined)[];
}

/** Records for `rules` rules, none counted yet. */
const emptyRecords = (rules: number): RuleRecords => {
  const nums: number[] = [];
  for (let i = 0; i < rules; i++) nums.push(0, 0, 0, -Infinity);
  return { nums, signals: Array.from({ length: rules }, () => undefined) };
};

/** One intent's recent evidence events, kept by `trails()`. */
export interface TrailWriter {
  push(ruleIndex: number, applied: number, ref: number, cause: Signal): void;
  /** The events, oldest first, with what is left of each at `t`. */
  entries(def: CompiledIntent, k: number, t: number): TrailEntry[];
}

/** Makes one intent's trail. */
export type TrailRecorder = () => TrailWriter;

export interface Runtime {
  readonly def: CompiledIntent;
  /** ln 2 / halfLife, so decay is exp(-k·Δt). */
  readonly k: number;
  /** Sum of all rule contributions, valued at `at`. */
  acc: number;
  at: number;
  /** Per rule, plus one record for dismissed steps. Snapshots may hold it: copy to write. */
  records: RuleRecords;
  shared: boolean;
  count: number;
  /** Time of the latest evidence; `NaN` before any (a double field, so updating it allocates nothing). */
  last: number;
  declared: boolean | null;
  /** A declaration (or its withdrawal) arrived since init: it outranks a restored one. */
  said: boolean;
  /** Evidence since the last publish. */
  dirty: boolean;
  /** Satisfied (its goal reached): evidence before this time does not count. `-Infinity` when not. */
  retiredUntil: number;
  /** `null` without `trails()`. */
  readonly trail: TrailWriter | null;
}

export const createRuntime = (def: CompiledIntent, trail: TrailRecorder | undefined): Runtime => ({
  def,
  k: decayRate(def.halfLife),
  acc: 0,
  at: 0,
  records: emptyRecords(def.rules.length + 1),
  shared: false,
  count: 0,
  last: NaN,
  declared: null,
  said: false,
  dirty: true,
  retiredUntil: -Infinity,
  trail: trail ? trail() : null,
});

export const ruleId = (def: CompiledIntent, ruleIndex: number): string =>
  def.rules[ruleIndex]?.id ?? DISMISSED;

/** Moves an intent's reference time up to `t` (never back) and makes its records writable. */
export function prepare(rt: Runtime, t: number): void {
  if (t > rt.at) {
    rt.acc = decay(rt.acc, rt.k, rt.at, t);
    rt.at = t;
  }
  if (rt.shared) unshare(rt);
}

// A published snapshot holds the records: the first write after it copies them, once.
function unshare(rt: Runtime): void {
  const { nums, signals } = rt.records;
  rt.records = { nums: nums.slice(), signals: signals.slice() };
  rt.shared = false;
}

/**
 * [weight, max] of the evidence `addEvidence` counts next. The caller writes them here instead of
 * passing them: a double passed to a call that is not inlined is a new heap number.
 */
export const evidence = new Float64Array(2);

/**
 * Counts one signal for rule `ruleIndex` (the rule count for a dismissed step) with the weight
 * and bound ±max in `evidence`, and marks the intent dirty. Writes numbers in place: nothing is
 * allocated unless a snapshot holds the records (then they are copied once).
 */
export function addEvidence(rt: Runtime, ruleIndex: number, signal: Signal): void {
  const weight = evidence[0]!;
  const max = evidence[1]!;
  const t = signal.at;
  prepare(rt, t);
  const now = rt.at;
  const { nums, signals } = rt.records;
  const j = ruleIndex * 4;
  const cur = decay(nums[j]!, rt.k, nums[j + 1]!, now);
  const applied = contribution(cur, weight, rt.k, t, now, max);
  nums[j] = cur + applied;
  nums[j + 1] = now;
  nums[j + 2]! += 1;
  if (t >= nums[j + 3]!) {
    nums[j + 3] = t;
    signals[ruleIndex] = signal;
  }
  rt.trail?.push(ruleIndex, applied, now, signal);
  rt.acc += applied;
  rt.count++;
  if (!(t <= rt.last)) rt.last = t;
  rt.dirty = true;
}

/**
 * The user got what the intent was about: its evidence goes, and nothing counts toward it until
 * `satisfiedFor` after `t`, so the app stops offering more of what was just done.
 */
export function retire(rt: Runtime, t: number): void {
  prepare(rt, t);
  rt.records = emptyRecords(rt.def.rules.length + 1);
  rt.shared = false;
  rt.acc = 0;
  rt.retiredUntil = Math.max(rt.retiredUntil, t + rt.def.satisfiedFor);
  rt.dirty = true;
}
