import {
  createIntentEngine,
  createSlotHub,
  experiment,
  type KeyValueStorage,
  resolveSlot,
} from 'intentful/core';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const hero = resolveSlot('hero', { a: { fallback: true }, b: {}, c: {} });

describe('sticky experiment assignment when consent arrives after load', () => {
  it('is saved once storage is allowed, as it was before experiments declared reads: []', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    // Like the provider's slotStorage: consent is checked on every access.
    let allowed = false;
    const data = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: (k) => (allowed ? (data.get(k) ?? null) : null),
      setItem: (k, v) => {
        if (allowed) data.set(k, v);
      },
    };
    const hub = createSlotHub(engine, { unitId: 'unit-1', clock: clock.clock, storage });
    hub.connect();
    const slot = hub.slot('hero');
    slot.configure(hero, experiment());
    slot.subscribe(() => {});
    const shown = slot.get().variant;

    // The consent banner is accepted; the visitor keeps browsing and moves to another page.
    allowed = true;
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'page-view', target: '/next', data: { pageType: 'product' } });
    slot.expose();

    expect(data.get('intentful:x:hero:experiment')).toBe(shown);
  });
});
