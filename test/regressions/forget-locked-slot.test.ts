import { createIntentful } from 'intentful/core';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

const hero = resolveSlot('hero', {
  standard: { fallback: true },
  compare: { intents: ['compare'] },
});

describe('reset (forget) and a seen variant', () => {
  it('after engine.reset() the slot no longer explains itself with forgotten evidence', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const hub = createSlotHub(engine, { unitId: 'u', clock: clock.clock });
    hub.connect();
    const slot = hub.slot('hero');
    slot.configure(hero);
    slot.subscribe(() => {});
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    expect(slot.get().variant).toBe('compare');
    slot.expose();
    // The user asks to be forgotten (client.forget() → engine.reset()).
    engine.reset();
    expect(engine.store.getState().beliefs.compare.observations).toBe(0);
    // "Why am I seeing this?" must not cite evidence the user just erased.
    expect(slot.get().reason).not.toMatch(/comparison/);
    expect(slot.get().variant).toBe('standard');
  });

  it('after client.forget() the slot no longer explains itself with forgotten evidence', () => {
    const clock = fakeClock();
    const client = createIntentful({ model: shopModel, clock: clock.clock, unitId: 'u' });
    client.mount();
    const slot = client.slot('hero');
    slot.configure(hero);
    slot.subscribe(() => {});
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: 'click', target: 'compare' });
    expect(slot.get().variant).toBe('compare');
    slot.expose();
    client.forget();
    expect(client.getState().beliefs.compare.observations).toBe(0);
    expect(slot.get().reason).not.toMatch(/comparison/);
    expect(slot.get().variant).toBe('standard');
    client.unmount();
  });
});
