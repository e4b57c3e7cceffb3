import { createIntentEngine, createSlotHub, resolveSlot, rules } from 'intentful/core';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const fit = resolveSlot('fit', { standard: { fallback: true }, guide: {} });

describe('rule facts when a listener tracks a signal of its own', () => {
  it('a signal tracked from an earlier onSignal listener does not shrink the rule window', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    // The app derives a goal from the first cart click (registered before the hub, as the
    // provider's `onSignal` prop is).
    let derived = false;
    engine.onSignal((s) => {
      if (s.type === 'click' && !derived) {
        derived = true;
        engine.track({ type: 'first-click' });
      }
    });
    const hub = createSlotHub(engine, { unitId: 'u', clock: clock.clock });
    hub.connect();
    const slot = hub.slot('fit');
    slot.configure(
      fit,
      rules([
        { variant: 'guide', when: { signals: [{ type: 'click', target: 'compare', min: 3 }] } },
      ]),
    );
    slot.subscribe(() => {});
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      engine.track({ type: 'click', target: 'compare' });
    }
    // History holds all three clicks: a rescan says the rule holds.
    expect(engine.history().filter((s) => s.target === 'compare')).toHaveLength(3);
    expect(slot.get().variant).toBe('guide');
  });
});
