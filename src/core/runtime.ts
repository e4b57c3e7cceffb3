/**
 * The live state of one intent: its evidence per rule, valued at a reference time that only moves
 * forward, and how a signal changes it. The engine owns one per intent and publishes snapshots.
 */
import type { CompiledIntent } from './model';
import { contribution, decay, decayRate } from './scoring';
import { Ring, type Signal } from './signal';
import type { Belief } from './types';

/** Evidence id of the record after the rules' that counts dismissed steps against their intent. */
export const DISMISSED = 'dismissed';

/** One evidence event and the rule's state after it; immutable so snapshots and trails share it. */
export interface RuleRecord {
  /** The rule's contribution, valued at `ref`. */
  readonly acc: number;
  readonly ref: number;
  readonly count: number;
  readonly lastAt: number;
  /** The most recent signal the rule counted. */
  readonly signal: Signal | null;
  /** Index of the rule in its intent; the intent's rule count for dismissed steps. */
  readonly ruleIndex: number;
  /** What this event added, at `ref`, and the signal behind it (for `trail`). */
  readonly applied: number;
  readonly cause: Signal | null;
}

export interface Runtime<I extends string = string> {
  readonly def: CompiledIntent;
  /** ln 2 / halfLife, so decay is exp(-k·Δt). */
  readonly k: number;
  /** Sum of all rule contributions, valued at `at`. */
  acc: number;
  at: number;
  /** Indexed by rule, plus one record for dismissed steps. Snapshots may hold it: copy to write. */
  records: (RuleRecord | undefined)[];
  shared: boolean;
  count: number;
  last: number | null;
  declared: boolean | null;
  /** A declaration (or its withdrawal) arrived since init: it outranks a restored one. */
  said: boolean;
  /** Evidence since the last publish. */
  dirty: boolean;
  /** Satisfied (its goal reached): evidence before this time does not count. `-Infinity` when not. */
  retiredUntil: number;
  /** The published snapshot. */
  belief: Belief<I>;
  readonly trail: Ring<RuleRecord>;
}

export const createRuntime = <I extends string>(
  def: CompiledIntent,
  trailSize: number,
): Runtime<I> => ({
  def,
  k: decayRate(def.halfLife),
  acc: 0,
  at: 0,
  records: Array.from({ length: def.rules.length + 1 }),
  shared: false,
  count: 0,
  last: null,
  declared: null,
  said: false,
  dirty: true,
  retiredUntil: Number.NEGATIVE_INFINITY,
  belief: undefined as unknown as Belief<I>,
  trail: new Ring(trailSize),
});

export const ruleId = (def: CompiledIntent, ruleIndex: number): string =>
  def.rules[ruleIndex]?.id ?? DISMISSED;

/** Moves an intent's reference time up to `t` (never back) and makes its records writable. */
export function prepare(rt: Runtime, t: number): number {
  if (t > rt.at) {
    rt.acc = decay(rt.acc, rt.k, rt.at, t);
    rt.at = t;
  }
  if (rt.shared) {
    rt.records = rt.records.slice();
    rt.shared = false;
  }
  return rt.at;
}

/**
 * Counts one signal for rule `ruleIndex` (the rule count for a dismissed step) within ±`max`, and
 * marks the intent dirty.
 */
export function addEvidence(
  rt: Runtime,
  ruleIndex: number,
  signal: Signal,
  weight: number,
  max: number,
): void {
  const t = signal.at;
  const now = prepare(rt, t);
  const rec = rt.records[ruleIndex];
  const cur = rec ? decay(rec.acc, rt.k, rec.ref, now) : 0;
  const applied = contribution(cur, weight, rt.k, t, now, max);
  const newer = !rec || t >= rec.lastAt;
  const next: RuleRecord = {
    acc: cur + applied,
    ref: now,
    count: (rec?.count ?? 0) + 1,
    lastAt: newer ? t : rec.lastAt,
    signal: newer ? signal : rec.signal,
    ruleIndex,
    applied,
    cause: signal,
  };
  rt.records[ruleIndex] = next;
  rt.trail.push(next);
  rt.acc += applied;
  rt.count++;
  if (rt.last === null || t > rt.last) rt.last = t;
  rt.dirty = true;
}

/**
 * The user got what the intent was about: its evidence goes, and nothing counts toward it until
 * `satisfiedFor` after `t`, so the app stops offering more of what was just done.
 */
export function retire(rt: Runtime, t: number): void {
  prepare(rt, t);
  rt.records = Array.from({ length: rt.def.rules.length + 1 });
  rt.shared = false;
  rt.acc = 0;
  rt.retiredUntil = Math.max(rt.retiredUntil, t + rt.def.satisfiedFor);
  rt.dirty = true;
}
