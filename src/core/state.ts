/**
 * Engine state as JSON: what `serialize` writes, and how saved evidence joins live evidence when
 * a page starts from it (`hydrate()`) or consent arrives later (`restore`).
 */
import type { CompiledStep } from './model';
import { prepare, type Runtime, ruleId } from './runtime';
import { clamp, decay } from './scoring';
import type { Signal } from './signal';
import type { PersistedState, StepStatus } from './types';

type SavedRules = PersistedState['intents'][string]['rules'];

/** Each intent's evidence per rule, valued at the intent's reference time so one `at` fits all. */
export function serialize(
  runtimes: readonly Runtime[],
  steps: PersistedState['steps'],
  at: number,
): PersistedState {
  const intents: Record<string, PersistedState['intents'][string]> = {};
  for (const rt of runtimes) {
    const rules: Record<string, SavedRules[string]> = {};
    const { nums, signals } = rt.records;
    for (let i = 0; i < signals.length; i++) {
      const sig = signals[i];
      if (sig === undefined) continue;
      const tail: [] | [string] | [string, string] = sig
        ? sig.target === undefined
          ? [sig.type]
          : [sig.type, sig.target]
        : [];
      rules[ruleId(rt.def, i)] = [
        decay(nums[4 * i]!, rt.k, nums[4 * i + 1]!, rt.at),
        nums[4 * i + 2]!,
        nums[4 * i + 3]!,
        ...tail,
      ];
    }
    intents[rt.def.id] = {
      at: rt.at,
      count: rt.count,
      last: Number.isNaN(rt.last) ? null : rt.last,
      declared: rt.declared,
      ...(rt.retiredUntil > at && { satisfiedUntil: rt.retiredUntil }),
      rules,
    };
  }
  return { v: 1, at, intents, steps };
}

/**
 * Adds saved evidence to what is live, valued at the later of the two times: into a fresh engine
 * it is the initial state, after signals it is `restore`. Adding rather than replaying keeps an
 * earlier visit even when history no longer holds this page's first signals. Each rule's sum stays
 * within the rule's bound; what the user declared or did with steps on this page wins. Throws,
 * before changing anything, when `state` is not a version 1 state; bad fields are skipped.
 * `latest` is the furthest clock time a saved time may claim.
 */
export function merge(
  runtimes: readonly Runtime[],
  steps: readonly CompiledStep[],
  done: (StepStatus | undefined)[],
  state: PersistedState,
  latest: number,
): void {
  if (state?.v !== 1 || typeof state.intents !== 'object' || !state.intents)
    throw new Error('saved state is not a version 1 intentful state');
  for (const rt of runtimes) {
    const saved = state.intents[rt.def.id];
    if (!saved) continue;
    // A clock that was ahead when this was saved must not decay today's evidence to nothing.
    const from = Math.min(Number.isFinite(saved.at) ? saved.at : 0, latest);
    prepare(rt, from);
    const t = rt.at;
    const { rules } = rt.def;
    const { nums, signals } = rt.records;
    for (let ruleIndex = 0; ruleIndex <= rules.length; ruleIndex++) {
      const entry = saved.rules?.[ruleId(rt.def, ruleIndex)];
      if (!Array.isArray(entry)) continue;
      const [acc, count, at, type, target] = entry;
      if (![acc, count, at].every(Number.isFinite)) continue;
      const signal: Signal | null =
        typeof type === 'string'
          ? { type, at, ...(typeof target === 'string' && { target }) }
          : null;
      const j = ruleIndex * 4;
      const cur = decay(nums[j]!, rt.k, nums[j + 1]!, t);
      const max = rules[ruleIndex]?.rule.maxContribution ?? Infinity;
      const sum = clamp(cur + decay(acc, rt.k, from, t), max);
      nums[j] = sum;
      nums[j + 1] = t;
      nums[j + 2]! += Math.max(0, Math.floor(count));
      if (at > nums[j + 3]!) {
        nums[j + 3] = at;
        signals[ruleIndex] = signal;
      }
      rt.acc += sum - cur;
    }
    if (Number.isInteger(saved.count) && saved.count > 0) rt.count += saved.count;
    if (Number.isFinite(saved.last) && !(saved.last! <= rt.last)) rt.last = saved.last!;
    // What the user said on this page is newer than what they said before.
    if (!rt.said && typeof saved.declared === 'boolean') rt.declared = saved.declared;
    // Retired on an earlier page: evidence saved before it was satisfied was already cleared.
    if (Number.isFinite(saved.satisfiedUntil) && saved.satisfiedUntil! > rt.retiredUntil)
      rt.retiredUntil = Math.min(saved.satisfiedUntil!, latest + rt.def.satisfiedFor);
    rt.dirty = true;
  }
  for (const [id, status] of Object.entries(state.steps ?? {})) {
    const i = steps.findIndex((s) => s.id === id);
    if (i >= 0 && !done[i] && (status === 'dismissed' || status === 'completed')) done[i] = status;
  }
}

/** How an engine writes and joins saved state; given by what needs it (`persistence()`, `hydrate()`, `serialize()`). */
export interface StateCodec {
  readonly serialize: typeof serialize;
  readonly merge: typeof merge;
}

export const stateCodec: StateCodec = { serialize, merge };
