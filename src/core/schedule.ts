/**
 * Where decay takes a belief over time: its score at any moment, and the next moment decay alone
 * changes what the engine publishes, so a caller can wake up then instead of polling.
 */
import type { CompiledStep } from './model';
import type { Runtime } from './runtime';
import { decay } from './scoring';
import type { StepStatus } from './types';

// `Infinity` is written at each use in the per-signal code (here, the engine, the hub): read from
// a module constant, it made V8 box every double it was joined with in a conditional (measured).

/** The intent's log-odds at `t`: its prior plus what is left of its evidence. */
export const scoreAt = (rt: Runtime, t: number): number =>
  rt.def.prior + decay(rt.acc, rt.k, rt.at, t);

const logitOf = (p: number): number => Math.log(p / (1 - p));

/**
 * The next time decay changes the top intent or an open step, kept per intent and recomputed only
 * for intents that changed: asked after every publish, it must not rescan what did not move.
 */
export function createSchedule(
  runtimes: () => readonly Runtime[],
  steps: readonly CompiledStep[],
  done: () => readonly (StepStatus | undefined)[],
  topThreshold: number,
) {
  const S = steps.length;
  // Thresholds as log-odds: the steps', then the top's. Typed, so reading one allocates nothing.
  const logits = Float64Array.from([...steps.map((s) => s.minConfidence), topThreshold], logitOf);
  // Per threshold (step `j` at `j`, intent `i`'s top at `S + i`), 1 / its distance from the
  // intent's prior (a product costs less than a quotient) and when decay carries the score across
  // it; per intent, its thresholds. Filled in `reset`, which knows the runtimes.
  let gap = new Float64Array(0);
  let crossAt = new Float64Array(0);
  let of: number[][] = [];
  // Per intent: bit 1, its times need recomputing; bit 2, it is in `unseen`, the intents changed
  // since the last `changedOnly` look (a full look from elsewhere must not hide them from it).
  let flags = new Uint8Array(0);
  let unseen = new Int32Array(0);
  let count = 0;
  // [now, earliest so far, the caller's armed timer]: kept here, not passed or captured, so no
  // call boxes a number.
  const at = new Float64Array(3);
  /**
   * When decay carries intent `i`'s score across each of its thresholds. Decay moves the score
   * toward the prior, so it crosses a threshold only if that lies between, i.e. while the evidence
   * left is more than the distance to the threshold. The answer depends on the intent's state
   * alone, not on when it is asked, so it is computed once per change; a time already past means
   * the crossing happened. A declared intent, or one without evidence, never moves.
   */
  const recompute = (rt: Runtime, i: number): void => {
    const live = rt.declared === null && rt.acc !== 0;
    flags[i]! &= 2;
    const gs = of[i]!;
    for (let k = 0; k < gs.length; k++) {
      const g = gs[k]!;
      const ratio = live ? rt.acc * gap[g]! : 0;
      let x = Infinity;
      if (ratio > 1 && ratio < x) {
        // ln r ≥ 2(r − 1)/(r + 1): a crossing this bound puts no earlier than the caller's timer
        // (`at[2]`) is stored as that time, worked out at a later look, and costs no logarithm.
        if (2 * (ratio - 1) >= (at[2]! - rt.at) * rt.k * (ratio + 1)) {
          x = at[2]!;
          flags[i]! |= 1;
        } else x = rt.at + Math.log(ratio) / rt.k;
      }
      crossAt[g] = x;
    }
  };
  /** Brings `at[1]` down to intent `i`'s next change after `at[0]`, recomputing if needed. */
  const consider = (
    rts: readonly Runtime[],
    status: readonly (StepStatus | undefined)[],
    i: number,
  ): void => {
    const rt = rts[i]!;
    if (flags[i]! & 1 || rt.dirty) recompute(rt, i);
    const t = at[0]!;
    // A retired intent's belief changes when it comes back.
    let x = rt.retiredUntil;
    if (x > t && x < at[1]!) at[1] = x;
    const gs = of[i]!;
    for (let k = 0; k < gs.length; k++) {
      const g = gs[k]!;
      x = crossAt[g]!;
      if (!(g < S && status[g]) && x > t && x < at[1]!) at[1] = x;
    }
  };
  /**
   * Writes to `out[0]` the earliest time after `t` that decay changes the top intent or a step
   * still open, or `Infinity`: returned, a time past 2^30 ms would be a new heap number. With
   * `changedOnly`, only intents changed since the last such call count: enough for a caller that
   * keeps the earliest time it was told, since the others' times have not moved. `out[1]`, if
   * any, is when the caller's timer fires (the client's `times`): a change no earlier than that may
   * be reported as that time, and is worked out at a later look, so most per-signal looks take no
   * logarithm.
   */
  const into = (t: number, changedOnly: boolean, out: Float64Array): void => {
    const rts = runtimes();
    const status = done();
    at[0] = t;
    at[1] = Infinity;
    // NaN when `out` has no second slot: every crossing is then worked out.
    at[2] = out[1]!;
    if (changedOnly) {
      for (let k = 0; k < count; k++) {
        const i = unseen[k]!;
        consider(rts, status, i);
        flags[i]! &= 1;
      }
      count = 0;
    } else for (let i = 0; i < rts.length; i++) consider(rts, status, i);
    const earliest = at[1]!;
    out[0] = earliest < Infinity ? Math.ceil(earliest) : earliest;
  };
  return {
    /** Forget every cached time (new runtimes). */
    reset(n: number): void {
      const rts = runtimes();
      of = rts.map((_, i) => [S + i]);
      steps.forEach((step, j) => {
        of[step.intentIndex]!.push(j);
      });
      gap = Float64Array.from(
        { length: S + n },
        (_, g) =>
          1 / (logits[g < S ? g : S]! - rts[g < S ? steps[g]!.intentIndex : g - S]!.def.prior),
      );
      crossAt = new Float64Array(S + n);
      flags = new Uint8Array(n).fill(3);
      unseen = Int32Array.from({ length: n }, (_, i) => i);
      count = n;
    },
    /** Intent `i` changed: its crossing times are recomputed when next asked. */
    touch(i: number): void {
      if (!(flags[i]! & 2)) unseen[count++] = i;
      flags[i] = 3;
    },
    into,
    /** The next change after `t`, or `null` (tests, tools; the client uses `into`). */
    next(t: number, changedOnly?: boolean): number | null {
      const out = new Float64Array(1);
      into(t, changedOnly === true, out);
      return out[0]! < Infinity ? out[0]! : null;
    },
  };
}
