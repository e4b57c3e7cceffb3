// Guards: a rule counting signals `within` a window stopped holding when the window passed, but
// with no new signal nothing asked the policy again, so the slot kept the variant and a reason
// citing clicks that no longer counted.
import type { Policy } from 'intentful/core';
import { rules, withHoldout } from 'intentful/policies';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

const T0 = 1_000_000;
const fit = resolveSlot('fit', { standard: { fallback: true }, guide: {} });
const twiceInAMinute = () =>
  rules([
    {
      variant: 'guide',
      when: { signals: [{ type: 'click', target: 'sizing-chart', min: 2, within: 60_000 }] },
    },
  ]);

function setup(options: { live?: boolean; policy?: Policy; onError?: (e: Error) => void } = {}) {
  const clock = () => Date.now();
  const engine = createIntentEngine({ model: shopModel, clock });
  const hub = createSlotHub(engine, {
    unitId: 'u',
    clock,
    ...(options.onError && { onError: options.onError }),
  });
  const stop = hub.connect();
  const slot = hub.slot('fit');
  slot.configure(fit, options.policy ?? twiceInAMinute(), options.live);
  const changes = vi.fn();
  slot.subscribe(changes);
  slot.get();
  const sizing = () => engine.track({ type: 'click', target: 'sizing-chart' });
  return { engine, hub, stop, slot, changes, sizing };
}

// The count is the app's notation, so it stays in the evidence (for devtools), not the sentence.
const counted = (slot: { get(): { evidence: readonly { label: string }[] } }) =>
  slot.get().evidence.find((e) => e.label.startsWith('click'))?.label;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('rules windows expire without a new signal', () => {
  it('a live slot switches back when the window passes, on the first millisecond it no longer holds', () => {
    const { slot, changes, sizing } = setup({ live: true });
    sizing();
    vi.advanceTimersByTime(1000);
    sizing();
    expect(slot.get().variant).toBe('guide');
    expect(counted(slot)).toBe('click sizing-chart ×2');
    slot.expose();
    changes.mockClear();
    // The first click is exactly 60 s old: it still counts.
    vi.advanceTimersByTime(59_000);
    expect(changes).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(slot.get()).toMatchObject({
      variant: 'standard',
      fallback: true,
      reason: 'The standard version: nothing specific stood out yet.',
      at: T0 + 60_001,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the evidence counting three clicks drops to two when the oldest leaves, though the rule still holds', () => {
    const { slot, sizing } = setup({ live: true });
    sizing();
    vi.advanceTimersByTime(10_000);
    sizing();
    sizing();
    expect(counted(slot)).toBe('click sizing-chart ×3');
    vi.advanceTimersByTime(50_001);
    expect(slot.get().variant).toBe('guide');
    expect(counted(slot)).toBe('click sizing-chart ×2');
    vi.advanceTimersByTime(10_000);
    expect(slot.get().variant).toBe('standard');
  });

  it('an unseen slot switches back too: only a seen variant is held', () => {
    const { slot, sizing } = setup();
    sizing();
    sizing();
    expect(slot.get().variant).toBe('guide');
    vi.advanceTimersByTime(60_001);
    expect(slot.get().variant).toBe('standard');
  });

  it('a seen slot that is not live keeps its variant until navigation, then switches', () => {
    const { hub, slot, changes, sizing } = setup();
    sizing();
    sizing();
    const seen = slot.get();
    expect(seen.variant).toBe('guide');
    slot.expose();
    changes.mockClear();
    vi.advanceTimersByTime(120_000);
    expect(changes).not.toHaveBeenCalled();
    expect(slot.get()).toBe(seen);
    hub.navigate();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(slot.get().variant).toBe('standard');
  });

  it('a rule that holds only once signals have aged out becomes true by waiting', () => {
    const calm = rules([
      {
        variant: 'guide',
        label: 'No rage clicks lately',
        when: { signals: [{ type: 'rage-click', min: 0, max: 0, within: 10_000 }] },
      },
    ]);
    const { engine, slot } = setup({ live: true, policy: calm });
    expect(slot.get().variant).toBe('guide');
    engine.track({ type: 'rage-click', target: 'checkout' });
    expect(slot.get().variant).toBe('standard');
    vi.advanceTimersByTime(10_001);
    expect(slot.get()).toMatchObject({ variant: 'guide', reason: 'No rage clicks lately' });
  });

  it('wrapped in a holdout, the policy still says when it may change', () => {
    const { slot, sizing } = setup({
      live: true,
      policy: withHoldout(twiceInAMinute(), { share: 0 }),
    });
    sizing();
    sizing();
    expect(slot.get().variant).toBe('guide');
    vi.advanceTimersByTime(60_001);
    expect(slot.get().variant).toBe('standard');
  });
});

describe('the hub timer', () => {
  it('is one timer through a burst of signals, and is cleared on disconnect', () => {
    const { stop, sizing } = setup({ live: true });
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 50; i++) {
      sizing();
      vi.advanceTimersByTime(100);
    }
    // The earliest click leaves first: later clicks never move the timer.
    expect(setTimer.mock.calls.length).toBeLessThanOrEqual(1);
    expect(vi.getTimerCount()).toBe(1);
    setTimer.mockRestore();
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is armed again on reconnect for slots decided while disconnected', () => {
    const { hub, stop, slot, sizing } = setup({ live: true });
    sizing();
    sizing();
    expect(slot.get().variant).toBe('guide');
    stop();
    vi.advanceTimersByTime(60_001);
    hub.connect();
    expect(slot.get().variant).toBe('standard');
  });

  it('reports a throwing nextChangeAt once, and the slot keeps the decision it made', () => {
    const onError = vi.fn();
    const policy: Policy = {
      name: 'flaky',
      watchesSignals: true,
      decide: () => ({ variant: 'guide', reason: 'always' }),
      nextChangeAt: () => {
        throw new Error('nextChangeAt failed');
      },
    };
    const { slot, sizing } = setup({ live: true, policy, onError });
    sizing();
    sizing();
    expect(slot.get()).toMatchObject({ variant: 'guide', reason: 'always', fallback: false });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ message: 'nextChangeAt failed' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores a time that is not after now instead of waking over and over', () => {
    const decide = vi.fn(() => ({ variant: 'guide', reason: 'always' }));
    const policy: Policy = { name: 'past', decide, nextChangeAt: () => Date.now() };
    setup({ live: true, policy });
    expect(vi.getTimerCount()).toBe(0);
    expect(decide).toHaveBeenCalledTimes(1);
  });
});
