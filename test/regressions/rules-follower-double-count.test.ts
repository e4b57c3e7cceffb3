import { rules } from 'intentful/policies';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

const fit = resolveSlot('fit', { standard: { fallback: true }, guide: {} });
const twice = () =>
  rules([{ variant: 'guide', when: { signals: [{ type: 'click', target: 'compare', min: 2 }] } }]);

describe('rule facts follower created mid-publish', () => {
  it('a store subscriber that reads the slot does not shrink the rule window to one signal', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const hub = createSlotHub(engine, { unitId: 'u', clock: clock.clock });
    hub.connect();
    const slot = hub.slot('fit');
    slot.configure(fit, twice());
    // A framework-free app re-renders from the engine store, reading the decision there.
    engine.store.subscribe(() => slot.get());
    engine.track({ type: 'click', target: 'compare' });
    clock.advance(1000);
    engine.track({ type: 'click', target: 'compare' });
    // History holds both clicks; a fresh rescan says the rule holds.
    expect(engine.history().filter((s) => s.target === 'compare')).toHaveLength(2);
    expect(slot.get().variant).toBe('guide');
  });

  it('an onSignal listener registered before connect that reads the slot does not either', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const hub = createSlotHub(engine, { unitId: 'u', clock: clock.clock });
    const slot = hub.slot('fit');
    slot.configure(fit, twice());
    const log: string[] = [];
    engine.onSignal(() =>
      log.push(
        hub
          .decisions()
          .map((d) => d.variant)
          .join(),
      ),
    );
    hub.connect();
    engine.track({ type: 'click', target: 'gift-wrap' });
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    expect(slot.get().variant).toBe('guide');
  });
});
