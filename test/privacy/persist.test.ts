import { createIntentful, persistence, type StorageLike } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createPersistence, PERSIST_VERSION } from '../internal';

function mapStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function stateAfterEvidence() {
  const time = fakeClock();
  const engine = createIntentEngine({ model: shopModel, clock: time.clock });
  engine.track({ type: 'click', target: 'compare' });
  return { state: engine.serialize(), time };
}

describe('persistence', () => {
  it('round-trips a versioned envelope that an engine can start from', () => {
    const storage = mapStorage();
    const { state, time } = stateAfterEvidence();
    const p = createPersistence({ storage, clock: time.clock });
    p.save(state);
    expect(JSON.parse(storage.map.get('intentful')!)).toEqual({
      v: PERSIST_VERSION,
      savedAt: time.now,
      state,
    });
    const loaded = p.load();
    expect(loaded).toEqual(state);
    const engine = createIntentEngine({
      model: shopModel,
      clock: time.clock,
      initialState: loaded!,
    });
    expect(engine.belief('compare').observations).toBe(1);
  });

  it.each([
    ['not JSON', '{oops'],
    ['an unknown version', JSON.stringify({ v: 99, savedAt: 1, state: {} })],
    ['a wrong shape', JSON.stringify({ v: 1, savedAt: 1, state: { v: 1, intents: 'x' } })],
    ['null', 'null'],
    ['no state', JSON.stringify({ v: 1, savedAt: 1 })],
    ['a state without a time', JSON.stringify({ v: 1, savedAt: 1, state: { v: 1, intents: {} } })],
    ['a bad savedAt', JSON.stringify({ v: 1, savedAt: '1', state: { v: 1, at: 1, intents: {} } })],
    [
      'bad steps',
      JSON.stringify({ v: 1, savedAt: 1, state: { v: 1, at: 1, intents: {}, steps: 2 } }),
    ],
  ])('resets cleanly when storage holds %s', (_, raw) => {
    const storage = mapStorage();
    storage.map.set('intentful', raw);
    const onError = vi.fn();
    const p = createPersistence({ storage, onError });
    expect(p.load()).toBeNull();
    expect(storage.map.has('intentful')).toBe(false);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('drops state older than maxAge', () => {
    const storage = mapStorage();
    const { state, time } = stateAfterEvidence();
    const p = createPersistence({ storage, clock: time.clock, maxAge: 1000 });
    p.save(state);
    time.advance(1001);
    expect(p.load()).toBeNull();
  });

  it('falls back to memory when storage is full, and keeps working', () => {
    const storage = mapStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const { state } = stateAfterEvidence();
    const p = createPersistence({ storage, onError: () => {} });
    expect(() => p.save(state)).not.toThrow();
    expect(p.backend).toBe('memory');
    expect(p.load()).toEqual(state);
    p.clear();
    expect(p.load()).toBeNull();
  });

  it('reports what happened with the cause, survives a throwing onError, and drops the older state', () => {
    const storage = mapStorage();
    const { state, time } = stateAfterEvidence();
    const errors: Error[] = [];
    createPersistence({ storage, clock: time.clock }).save(state);
    const full = new DOMException('full', 'QuotaExceededError');
    storage.setItem = () => {
      throw full;
    };
    const p = createPersistence({
      storage,
      clock: time.clock,
      onError: (error) => {
        errors.push(error);
        throw new Error('handler bug');
      },
    });
    expect(() => p.save(state)).not.toThrow();
    expect(errors.map((e) => [e.message, e.cause])).toEqual([
      ['intentful: storage is full or blocked; using memory', full],
    ]);
    expect(storage.map.has('intentful')).toBe(false);
    expect(p.load()).toEqual(state);
  });

  it('reports a JSON error as the cause of a reset', () => {
    const storage = mapStorage();
    storage.map.set('intentful', '{oops');
    const onError = vi.fn();
    createPersistence({ storage, onError }).load();
    const error: Error = onError.mock.calls[0]![0];
    expect(error.message).toBe('intentful: stored state was corrupt or outdated; reset');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('falls back to memory when storage cannot even be read', () => {
    const storage: StorageLike = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    const p = createPersistence({ storage, onError: () => {} });
    expect(p.load()).toBeNull();
    expect(p.backend).toBe('memory');
  });

  it('uses localStorage by default and clear() removes the key', () => {
    localStorage.clear();
    const { state } = stateAfterEvidence();
    const p = createPersistence();
    p.save(state);
    expect(localStorage.getItem('intentful')).not.toBeNull();
    p.clear();
    expect(localStorage.length).toBe(0);
  });
});

describe('persistence() on a client', () => {
  const visit = (storage: StorageLike, consent: 'granted' | 'pending', clock = fakeClock()) =>
    createIntentful({
      model: shopModel,
      clock: clock.clock,
      consent,
      storage,
      storageKey: 'shop',
      plugins: [persistence({ saveDelay: 10 })],
    });

  it('saves under storageKey with consent and restores on the next mount', () => {
    const storage = mapStorage();
    const first = visit(storage, 'granted');
    first.mount();
    first.track({ type: 'click', target: 'compare' });
    // Unmounting saves what is pending at once.
    first.unmount();
    expect(JSON.parse(storage.map.get('shop')!)).toMatchObject({ v: PERSIST_VERSION });

    const next = visit(storage, 'granted');
    // Loaded on mount, not at creation.
    expect(next.belief('compare').observations).toBe(0);
    next.mount();
    expect(next.belief('compare').observations).toBe(1);
    next.unmount();
  });

  it('writes nothing until consent is granted, then loads and saves', () => {
    const storage = mapStorage();
    const saved = visit(storage, 'granted');
    saved.mount();
    saved.track({ type: 'click', target: 'gift-wrap' });
    saved.unmount();
    const before = storage.map.get('shop');

    const client = visit(storage, 'pending');
    const written = vi.spyOn(storage, 'setItem');
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    expect(client.belief('gift').observations).toBe(0);
    client.unmount();
    client.mount();
    expect(written).not.toHaveBeenCalled();
    expect(storage.map.get('shop')).toBe(before);

    client.setConsent('granted');
    expect(client.belief('gift').observations).toBe(1);
    expect(client.belief('compare').observations).toBe(1);
    client.track({ type: 'click', target: 'compare' });
    client.unmount();
    expect(written).toHaveBeenCalled();
    const again = visit(storage, 'granted');
    again.mount();
    expect(again.belief('gift').observations).toBe(1);
    expect(again.belief('compare').observations).toBe(2);
    again.unmount();
  });
});
