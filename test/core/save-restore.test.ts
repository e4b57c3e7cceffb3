// Save and restore are opt-in: `serialize(client)`, `hydrate(state)` and `persistence()` bring
// the code, and a client made without them still works as before.
import {
  createIntentful,
  hydrate,
  type IntentfulPlugin,
  type PersistedState,
  persistence,
  serialize,
} from 'intentful/core';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, memoryStorage, shopModel } from '../fixtures';

/** A state in which the user compared twice and declared a gift. */
function earlierVisit(): { state: PersistedState; at: number } {
  const time = fakeClock();
  const server = createIntentful({ model: shopModel, clock: time.clock });
  server.track({ type: 'click', target: 'compare' });
  server.track({ type: 'click', target: 'compare' });
  server.declare('gift', true);
  return { state: JSON.parse(JSON.stringify(serialize(server))) as PersistedState, at: time.now };
}

/** A granted client `later` ms after that visit, on a device where `persistence()` saved it. */
function onSavedDevice(plugins: IntentfulPlugin[], later = 0) {
  const { state, at } = earlierVisit();
  const storage = memoryStorage();
  storage.setItem('intentful', JSON.stringify({ v: 1, savedAt: at, state }));
  const clock = () => at + later;
  return createIntentful({ model: shopModel, consent: 'granted', clock, storage, plugins });
}

describe('save and restore as their own imports', () => {
  it('serialize(client) works on a client made with no plugins, and hydrate() starts from it', () => {
    const { state, at } = earlierVisit();
    expect(state.intents.compare?.count).toBe(2);
    const client = createIntentful({
      model: shopModel,
      clock: () => at,
      plugins: [hydrate(state)],
    });
    // The server snapshot is the hydrated state: server and browser render the same.
    expect(client.getServerState().beliefs.compare.observations).toBe(2);
    expect(client.getServerState().beliefs.gift.declared).toBe(true);
    expect(client.getServerState().asOf).toBe(state.at);
    // And it round-trips.
    expect(serialize(client).intents.compare?.count).toBe(2);
  });

  it('a hydrated state wins over what persistence() saved, whatever the plugin order', () => {
    const { state, at } = earlierVisit();
    const device = createIntentful({ model: shopModel, clock: () => at });
    for (let i = 0; i < 5; i++) device.track({ type: 'click', target: 'gift-wrap' });
    for (const order of ['persistence first', 'hydrate first'] as const) {
      const storage = memoryStorage();
      storage.setItem('intentful', JSON.stringify({ v: 1, savedAt: at, state: serialize(device) }));
      const plugins =
        order === 'persistence first'
          ? [persistence(), hydrate(state)]
          : [hydrate(state), persistence()];
      const onError = vi.fn();
      const client = createIntentful({
        model: shopModel,
        consent: 'granted',
        clock: () => at,
        storage,
        plugins,
        onError,
      });
      client.mount();
      expect([order, client.belief('compare').observations]).toEqual([order, 2]);
      // The device's gift-wrap clicks were not added on top.
      expect([order, client.belief('gift').observations]).toEqual([order, 0]);
      // Persistence knew not to load over it, and goes on saving this visit.
      expect([order, onError.mock.calls]).toEqual([order, []]);
      client.unmount();
      const kept = JSON.parse(storage.getItem('intentful') ?? '{}') as { state: PersistedState };
      expect([order, kept.state.intents.compare?.count]).toEqual([order, 2]);
    }
  });

  it('a state this version cannot read is reported once and the client starts fresh', () => {
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      plugins: [hydrate({ v: 9 } as never)],
      onError,
    });
    expect(client.getState().beliefs.compare.observations).toBe(0);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toMatch(/version 1/);
    client.track({ type: 'click', target: 'compare' });
    expect(client.belief('compare').observations).toBe(1);
  });

  it('a state without a usable time (untyped JSON) still hydrates, dated by its evidence', () => {
    const { state, at } = earlierVisit();
    for (const bad of [undefined, 'soon', Number.NaN]) {
      const given = { ...state, at: bad } as unknown as PersistedState;
      const client = createIntentful({ model: shopModel, plugins: [hydrate(given)] });
      const server = client.getServerState();
      expect(server.asOf).toBe(0);
      expect(server.beliefs.compare.observations).toBe(2);
      expect(Number.isFinite(server.beliefs.compare.confidence)).toBe(true);
      client.mount();
      client.track({ type: 'click', target: 'compare', at: at + 1000 });
      expect(client.belief('compare').observations).toBe(3);
      expect(client.belief('compare').confidence).toBeGreaterThan(0);
      client.unmount();
    }
  });

  it('persistence() alone restores the saved visit on mount, as before', () => {
    const client = onSavedDevice([persistence()], 1000);
    expect(client.belief('compare').observations).toBe(0);
    client.mount();
    expect(client.belief('compare').observations).toBe(2);
    client.unmount();
  });
});

describe('a plugin of its own without save/restore code', () => {
  it('is told, once, and nothing breaks', () => {
    const onError = vi.fn();
    const { state } = earlierVisit();
    let restored: boolean | undefined;
    let serialized: unknown;
    const client = createIntentful({
      model: shopModel,
      onError,
      plugins: [
        {
          name: 'mine',
          setup: (ctx) => ({
            start() {
              restored = ctx.restore(state);
              try {
                ctx.serialize();
              } catch (error) {
                serialized = error;
              }
              return undefined;
            },
          }),
        },
      ],
    });
    client.mount();
    expect(restored).toBe(false);
    expect(onError).toHaveBeenCalledTimes(1);
    // Both say what brings the code, not a TypeError from inside.
    expect(String(onError.mock.calls[0]![0])).toMatch(/persistence\(\), hydrate\(\)/);
    expect(String(serialized)).toMatch(/serialize\(client\)/);
    expect(client.belief('compare').observations).toBe(0);
    client.unmount();
  });
});

describe('hydrate() with nothing to start from', () => {
  it('(null from untyped code) leaves the device state to persistence()', () => {
    const client = onSavedDevice([hydrate(null as unknown as PersistedState), persistence()]);
    client.mount();
    expect(client.belief('compare').observations).toBe(2);
    client.unmount();
  });
});
