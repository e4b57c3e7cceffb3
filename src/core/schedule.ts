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
 * When, after `t`, decay carries the intent's score across `logit` (a threshold as log-odds), or
 * `Infinity`. Decay moves the score toward the prior, so it crosses the threshold only if that lies
 * between, i.e. when the evidence left is more than the distance to the threshold. A declared
 * intent, or one without evidence, never moves: most intents, on most signals.
 */
export function crossingAt(rt: Runtime, logit: number, t: number): number {
  if (rt.declared !== null || rt.acc === 0) return INF;
  const ratio = decay(rt.acc, rt.k, rt.at, t) / (logit - rt.def.prior);
  return ratio > 1 && ratio < INF ? t + Math.log(ratio) / rt.k : INF;
}

const logitOf = (p: number): number => Math.log(p / (1 - p));

/** Earliest time after `t` that decay changes the top intent or a step still open, or `null`. */
export function nextChangeAt(
  runtimes: readonly Runtime[],
  steps: readonly CompiledStep[],
  done: readonly (StepStatus | undefined)[],
  topThreshold: number,
  t: number,
): number | null {
  let earliest = INF;
  const top = logitOf(topThreshold);
  for (const rt of runtimes) {
    earliest = Math.min(earliest, crossingAt(rt, top, t));
    // A retired intent's belief changes when it comes back.
    if (rt.retiredUntil > t) earliest = Math.min(earliest, rt.retiredUntil);
  }
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const rt = runtimes[step.intentIndex]!;
    if (!done[i] && rt.declared === null && rt.acc !== 0)
      earliest = Math.min(earliest, crossingAt(rt, logitOf(step.minConfidence), t));
  }
  return earliest < INF ? Math.ceil(earliest) : null;
}
