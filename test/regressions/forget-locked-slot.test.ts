import { createIntentEngine, createSlotHub, resolveSlot } from 'intentful/core';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

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
    // The user asks to be forgotten (useForget → engine.reset()).
    engine.reset();
    expect(engine.store.getState().beliefs.compare.observations).toBe(0);
    // "Why am I seeing this?" must not cite evidence the user just erased.
    expect(slot.get().reason).not.toMatch(/comparison/);
    expect(slot.get().variant).toBe('standard');
  });
});
