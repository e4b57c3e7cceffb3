import { createIntentful, type KeyValueStorage, type StorageLike } from 'intentful/core';
import { experiment } from 'intentful/policies';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

const hero = resolveSlot('hero', { a: { fallback: true }, b: {}, c: {} });

describe('sticky experiment assignment when consent arrives after load', () => {
  it('is saved once storage is allowed, as it was before experiments declared reads: []', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    // Like the client's slot storage: consent is checked on every access.
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

  it('is saved once the client is granted consent, in its slot record', () => {
    const clock = fakeClock();
    const data = new Map<string, string>();
    const storage: StorageLike = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
    const client = createIntentful({
      model: shopModel,
      clock: clock.clock,
      unitId: 'unit-1',
      storage,
      consent: 'pending',
    });
    client.mount();
    const slot = client.slot('hero');
    slot.configure(hero, experiment());
    slot.subscribe(() => {});
    const shown = slot.get().variant;
    expect(data.size).toBe(0);

    // The consent banner is accepted; the visitor keeps browsing and moves to another page.
    client.setConsent('granted');
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: 'page-view', target: '/next', data: { pageType: 'product' } });
    slot.expose();

    expect(JSON.parse(data.get('intentful:slots') ?? '{}')).toMatchObject({
      'intentful:x:hero:experiment': shown,
    });
    client.unmount();
  });
});
