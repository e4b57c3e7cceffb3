/**
 * Choosing what to show: the top intent and the next step, from each intent's confidence. A
 * shown choice is held until a challenger leads it clearly, because guidance that jumps around is
 * worse than none.
 */
import type { CompiledStep } from './model';
import type { StepStatus } from './types';

/**
 * Index of the most confident intent at or above `threshold`, or -1. `held` (the index shown now,
 * or -1) stays while it is above the threshold and no intent beats it by `margin`.
 */
export function pickTop(
  conf: Float64Array,
  threshold: number,
  margin: number,
  held: number,
): number {
  let best = -1;
  // The best confidence so far: below any threshold until one is found.
  let top = -Infinity;
  for (let i = 0; i < conf.length; i++) {
    const c = conf[i]!;
    if (c > top && c >= threshold) {
      best = i;
      top = c;
    }
  }
  if (best >= 0 && held >= 0 && conf[held]! >= threshold && conf[best]! < conf[held]! + margin)
    return held;
  return best;
}

/**
 * Index of the step to show, or -1: among steps not done whose intent is confident enough, the
 * highest priority, then the most confident. The step shown now (index `held`, or -1) stays while
 * it is still due, unless something more important or more likely by `margin` comes along.
 */
export function pickStep(
  steps: readonly CompiledStep[],
  done: readonly (StepStatus | undefined)[],
  conf: Float64Array,
  margin: number,
  held: number,
): number {
  let best = -1;
  let bestConf = 0;
  let bestPriority = -Infinity;
  let due = false;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const c = conf[step.intentIndex]!;
    if (done[i] || c < step.minConfidence) continue;
    if (i === held) due = true;
    const p = step.priority;
    if (p > bestPriority || (p === bestPriority && c > bestConf)) {
      best = i;
      bestConf = c;
      bestPriority = p;
    }
  }
  if (
    best >= 0 &&
    due &&
    steps[best]!.priority === steps[held]!.priority &&
    bestConf < conf[steps[held]!.intentIndex]! + margin
  )
    return held;
  return best;
}

/** Step states by step id, as the store publishes them. */
export function stepRecord<S extends string>(
  steps: readonly CompiledStep[],
  done: readonly (StepStatus | undefined)[],
): Partial<Record<S, StepStatus>> {
  const record: Partial<Record<S, StepStatus>> = {};
  done.forEach((status, i) => {
    if (status) record[steps[i]!.id as S] = status;
  });
  return record;
}
