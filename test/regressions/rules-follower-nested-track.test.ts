import { createIntentful } from 'intentful/core';
import { rules } from 'intentful/policies';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

const fit = resolveSlot('fit', { standard: { fallback: true }, guide: {} });

describe('rule facts when a listener tracks a signal of its own', () => {
  it('a signal tracked from an earlier onSignal listener does not shrink the rule window', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    // The app derives a goal from the first cart click (registered before the hub).
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

  it.each([
    ['before', true],
    ['after', false],
  ])('neither through client.onSignal registered %s mount', (_, early) => {
    const clock = fakeClock();
    const client = createIntentful({ model: shopModel, clock: clock.clock, unitId: 'u' });
    let derived = false;
    const listen = () =>
      client.onSignal((s) => {
        if (s.type === 'click' && !derived) {
          derived = true;
          client.track({ type: 'first-click' });
        }
      });
    if (early) listen();
    client.mount();
    if (!early) listen();
    const slot = client.slot('fit');
    slot.configure(
      fit,
      rules([
        { variant: 'guide', when: { signals: [{ type: 'click', target: 'compare', min: 3 }] } },
      ]),
    );
    slot.subscribe(() => {});
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      client.track({ type: 'click', target: 'compare' });
    }
    expect(client.history().filter((s) => s.target === 'compare')).toHaveLength(3);
    expect(client.history().filter((s) => s.type === 'first-click')).toHaveLength(1);
    expect(slot.get().variant).toBe('guide');
    client.unmount();
  });
});
