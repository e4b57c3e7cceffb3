/**
 * Trails: the last few signals that moved each belief, for debugging and audits. Opt-in, since
 * keeping them costs memory (the signals themselves) and a write per piece of evidence.
 */
import type { IntentfulPlugin } from './client';
import type { CompiledIntent } from './model';
import { ruleId, type TrailRecorder, type TrailWriter } from './runtime';
import { decay } from './scoring';
import { checkCapacity, type Signal } from './signal';
import type { TrailEntry } from './types';

/**
 * The last `capacity` evidence events, oldest first from slot `(next - size) mod capacity`. Slot
 * `j` keeps at `nums[3j]` to `nums[3j + 2]` the rule's index, what the event added and the
 * reference time that amount is valued at, and at `causes[j]` the signal behind it.
 */
class Trail implements TrailWriter {
  declare readonly capacity: number;
  declare readonly nums: Float64Array;
  declare readonly causes: (Signal | undefined)[];
  declare next: number;
  declare size: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.nums = new Float64Array(capacity * 3);
    this.causes = Array.from({ length: capacity }, () => undefined);
    this.next = 0;
    this.size = 0;
  }

  push(ruleIndex: number, applied: number, ref: number, cause: Signal): void {
    const j = this.next;
    const n = j * 3;
    this.nums[n] = ruleIndex;
    this.nums[n + 1] = applied;
    this.nums[n + 2] = ref;
    this.causes[j] = cause;
    this.next = j + 1 === this.capacity ? 0 : j + 1;
    if (this.size < this.capacity) this.size++;
  }

  /** Evidence events, oldest first, with what is left of each at `t`. */
  entries(def: CompiledIntent, k: number, t: number): TrailEntry[] {
    const { nums, causes, capacity } = this;
    const entries: TrailEntry[] = [];
    for (let i = 0; i < this.size; i++) {
      const j = (this.next - this.size + i + capacity) % capacity;
      const applied = nums[3 * j + 1]!;
      entries.push({
        rule: ruleId(def, nums[3 * j]!),
        signal: causes[j]!,
        applied,
        contribution: decay(applied, k, nums[3 * j + 2]!, t),
      });
    }
    return entries;
  }
}

/** Trail recording with `size` events kept per intent (validated once, here). */
export function trailRecorder(size = 20): TrailRecorder {
  const capacity = checkCapacity(size);
  return () => new Trail(capacity);
}

export interface TrailsOptions {
  /** Evidence events kept per intent. @defaultValue `20` */
  size?: number;
}

/**
 * Keeps the recent signals that moved each belief, for `client.trail(intent)`: what a debugging
 * panel or an audit shows. Without it `trail()` answers `[]` and no signal is kept for it.
 */
export function trails(options: TrailsOptions = {}): IntentfulPlugin {
  return { name: 'trails', engine: { trails: trailRecorder(options.size) }, setup: () => ({}) };
}
