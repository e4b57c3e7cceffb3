// Guards from the review: restoring the same saved visit twice (a consent callback firing twice)
// counted it twice; a saved state stamped by a clock that ran ahead decayed today's evidence to
// nothing; held-out units paid for rule windows that could never change their fallback.
import type { Policy } from 'intentful/core';
import { rules, withHoldout } from 'intentful/policies';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

afterEach(() => {
  vi.useRealTimers();
});

describe('restore', () => {
  it('adds a saved visit once, until reset', () => {
    const time = fakeClock();
    const earlier = createIntentEngine({ model: shopModel, clock: time.clock });
    earlier.track({ type: 'click', target: 'compare' });
    const saved = earlier.serialize();
    const onError = vi.fn();
    const page = createIntentEngine({ model: shopModel, clock: time.clock, onError });
    expect(page.restore(saved)).toBe(true);
    expect(page.restore(saved)).toBe(false);
    expect(page.store.getState().beliefs.compare.observations).toBe(1);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('already restored') }),
    );
    page.reset();
    expect(page.restore(saved)).toBe(true);
  });

  it('values state saved by a clock that ran ahead at now, so new evidence still counts', () => {
    const time = fakeClock();
    const ahead = createIntentEngine({ model: shopModel, clock: () => time.now + 86_400_000 });
    ahead.track({ type: 'click', target: 'gift-wrap' });
    const page = createIntentEngine({ model: shopModel, clock: time.clock });
    page.restore(ahead.serialize());
    const before = page.store.getState().beliefs.gift.score;
    page.track({ type: 'click', target: 'gift-wrap' });
    expect(page.store.getState().beliefs.gift.score - before).toBeGreaterThan(0.5);
  });
});

describe('withHoldout and rule windows', () => {
  it('asks nothing of the wrapped policy about time for a held-out unit', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const inner = rules([
      {
        variant: 'guide',
        when: { signals: [{ type: 'click', target: 'sizing-chart', min: 2, within: 60_000 }] },
      },
    ]);
    const decide = vi.spyOn(inner, 'decide');
    const policy: Policy = withHoldout(inner, { share: 1 });
    const engine = createIntentEngine({ model: shopModel });
    const hub = createSlotHub(engine, { unitId: 'u' });
    const stop = hub.connect();
    const slot = hub.slot('fit');
    slot.configure(resolveSlot('fit', { standard: { fallback: true }, guide: {} }), policy);
    slot.get();
    engine.track({ type: 'click', target: 'sizing-chart' });
    engine.track({ type: 'click', target: 'sizing-chart' });
    slot.get();
    expect(slot.get().variant).toBe('standard');
    expect(decide).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    stop();
  });
});
