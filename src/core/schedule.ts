/**
 * Where decay takes a belief over time: its score at any moment, and the next moment decay alone
 * changes what the engine publishes, so a caller can wake up then instead of polling.
 */
import type { CompiledStep } from './model';
import type { Runtime } from './runtime';
import { decay } from './scoring';
import type { StepStatus } from './types';

const INF = Number.POSITIVE_INFINITY;

/** The intent's log-odds at `t`: its prior plus what is left of its evidence. */
export const scoreAt = (rt: Runtime, t: number): number =>
  rt.def.prior + decay(rt.acc, rt.k, rt.at, t);

/**
 * When, after `t`, decay carries the intent's confidence across `threshold`, or `Infinity`. Decay
 * moves the score toward the prior, so it crosses the threshold only if that lies between, i.e.
 * when the evidence left is more than the distance to the threshold. A declared intent never moves.
 */
export function crossingAt(rt: Runtime, threshold: number, t: number): number {
  const ratio =
    decay(rt.acc, rt.k, rt.at, t) / (Math.log(threshold / (1 - threshold)) - rt.def.prior);
  return rt.declared === null && ratio > 1 && ratio < INF ? t + Math.log(ratio) / rt.k : INF;
}

/** Earliest time after `t` that decay changes the top intent or a step still open, or `null`. */
export function nextChangeAt(
  runtimes: readonly Runtime[],
  steps: readonly CompiledStep[],
  done: readonly (StepStatus | undefined)[],
  topThreshold: number,
  t: number,
): number | null {
  let earliest = INF;
  for (const rt of runtimes) earliest = Math.min(earliest, crossingAt(rt, topThreshold, t));
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (!done[i])
      earliest = Math.min(earliest, crossingAt(runtimes[step.intentIndex]!, step.minConfidence, t));
  }
  return earliest < INF ? Math.ceil(earliest) : null;
}
