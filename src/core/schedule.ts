/**
 * Where decay takes a belief over time: its score at any moment, and the next moment decay alone
 * changes what the engine publishes, so a caller can wake up then instead of polling.
 */
import type { CompiledStep } from './model';
import type { Runtime } from './runtime';
import { decay } from './scoring';
import type { StepStatus } from './types';

const INF = Number.POSITIVE_INFINITY;
const NO_STEPS: readonly number[] = [];

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
  // Thresholds as log-odds, the top's last: typed, so reading one allocates nothing.
  const logits = Float64Array.from([...steps.map((s) => s.minConfidence), topThreshold], logitOf);
  /**
   * When decay carries intent `i`'s score across threshold `l` (index in `logits`), stored in
   * `out[o]`. Decay moves the score toward the prior, so it crosses the threshold only if that lies
   * between, i.e. while the evidence left is more than the distance to the threshold. The answer
   * depends on the intent's state alone, not on when it is asked, so it is computed once per
   * change; a time already past means the crossing happened. A declared intent, or one without
   * evidence, never moves. Stored rather than returned, and given indices rather than numbers: a
   * double passed to or returned from a call that is not inlined is a heap allocation.
   */
  const cross = (out: Float64Array, o: number, rt: Runtime, l: number): void => {
    const ratio = rt.declared !== null || rt.acc === 0 ? 0 : rt.acc / (logits[l]! - rt.def.prior);
    out[o] = ratio > 1 && ratio < INF ? rt.at + Math.log(ratio) / rt.k : INF;
  };
  const stepsOf: number[][] = [];
  steps.forEach((s, j) => {
    (stepsOf[s.intentIndex] ??= []).push(j);
  });
  let topAt = new Float64Array(0);
  let stepAt = new Float64Array(steps.length);
  // Per intent: 1 = times to recompute, 2 = recomputed but not yet seen by a `changedOnly` call
  // (a full look from elsewhere must not hide a change from the caller that keeps a timer).
  let changed = new Uint8Array(0);
  return {
    /** Forget every cached time (new runtimes). */
    reset(n: number): void {
      topAt = new Float64Array(n);
      stepAt = new Float64Array(steps.length);
      changed = new Uint8Array(n).fill(1);
    },
    /** Intent `i` changed: its crossing times are recomputed when next asked. */
    touch(i: number): void {
      changed[i] = 1;
    },
    /**
     * Earliest time after `t` that decay changes the top intent or a step still open, or `null`.
     * With `changedOnly`, only intents changed since the last call count: enough for a caller that
     * keeps the earliest time it was told, since the others' times have not moved.
     */
    next(t: number, changedOnly?: boolean): number | null {
      const rts = runtimes();
      const status = done();
      for (let i = 0; i < rts.length; i++)
        if (changed[i] === 1 || rts[i]!.dirty) {
          cross(topAt, i, rts[i]!, steps.length);
          for (const j of stepsOf[i] ?? NO_STEPS) cross(stepAt, j, rts[i]!, j);
          changed[i] = 2;
        }
      let earliest = INF;
      for (let j = 0; j < steps.length; j++) {
        if (changedOnly && !changed[steps[j]!.intentIndex]) continue;
        const x = stepAt[j]!;
        if (!status[j] && x > t && x < earliest) earliest = x;
      }
      for (let i = 0; i < rts.length; i++) {
        // A full look leaves `i` unseen for the next `changedOnly` call.
        if (changedOnly) {
          if (!changed[i]) continue;
          changed[i] = 0;
        }
        let x = topAt[i]!;
        if (x > t && x < earliest) earliest = x;
        // A retired intent's belief changes when it comes back.
        x = rts[i]!.retiredUntil;
        if (x > t && x < earliest) earliest = x;
      }
      return earliest < INF ? Math.ceil(earliest) : null;
    },
  };
}
