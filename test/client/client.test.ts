import { collectors, createIntentful, defineSlots, persistence } from 'intentful/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, shopModel } from '../fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});

describe('createIntentful', () => {
  it('reads no clock, randomness, storage or DOM until mount', () => {
    const now = vi.spyOn(Date, 'now');
    const random = vi.spyOn(Math, 'random');
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    const listen = vi.spyOn(document, 'addEventListener');
    const clock = vi.fn(() => 5_000);
    const client = createIntentful({
      model: shopModel,
      clock,
      plugins: [collectors(), persistence()],
      consent: 'granted',
    });
    client.getState();
    client.slot('hero').get();
    expect(clock).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    expect(random).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();
    expect(listen).not.toHaveBeenCalled();
    expect(client.getState().asOf).toBe(0);
    client.mount();
    expect(clock).toHaveBeenCalled();
    expect(listen).toHaveBeenCalled();
    client.unmount();
  });

  it('stats counts live: accepted, dropped and resets as they happen', () => {
    const client = createIntentful({ model: shopModel, clock: () => 1_000, onError: () => {} });
    const { stats } = client;
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: '' });
    client.forget();
    expect(client.stats).toBe(stats);
    expect(stats).toMatchObject({ accepted: 1, dropped: 1, resets: 1 });
  });

  it('tracks and infers without mounting, as a server replay does', () => {
    let t = 1_000;
    const client = createIntentful({ model: shopModel, clock: () => t });
    const heard = vi.fn();
    client.subscribe(heard);
    t += 5;
    expect(client.track({ type: 'click', target: 'compare' })).toBe(true);
    client.track({ type: 'click', target: 'compare' });
    expect(heard).toHaveBeenCalled();
    expect(client.belief('compare').observations).toBe(2);
    expect(client.getState().top?.intent).toBe('compare');
    expect(client.getServerState().top).toBeNull();
  });

  it('counts mounts: nested mounts start once, the last unmount stops everything', () => {
    const attached: [string, unknown][] = [];
    for (const target of [document, window] as EventTarget[]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, fn, o) => {
        attached.push([type, fn]);
        add(type, fn, o);
      });
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, fn, o) => {
        const at = attached.findIndex(([t, f]) => t === type && f === fn);
        if (at >= 0) attached.splice(at, 1);
        remove(type, fn, o);
      });
    }
    const types = () => attached.map(([t]) => t).sort();
    const client = createIntentful({ model: shopModel, plugins: [collectors()] });
    client.mount();
    const first = types();
    expect(first.length).toBeGreaterThan(5);
    client.mount();
    expect(types()).toEqual(first);
    client.unmount();
    expect(types()).toEqual(first);
    client.unmount();
    expect(types()).toEqual([]);
    client.unmount();
    client.mount();
    expect(types()).toEqual(first);
    client.unmount();
  });

  it('holds a page view reported before mount until the collectors listen', () => {
    const client = createIntentful({ model: shopModel });
    client.pageView('/p/1', 'product');
    expect(client.history()).toHaveLength(0);
    client.mount();
    expect(client.history().map((s) => [s.type, s.target, s.data?.pageType])).toEqual([
      ['page-view', '/p/1', 'product'],
    ]);
    client.pageView('/p/1', 'product');
    expect(client.history()).toHaveLength(1);
    client.unmount();
  });

  it('a clock that throws or returns NaN is reported once and replaced by Date.now', () => {
    const onError = vi.fn();
    let bad: 'throw' | 'nan' = 'throw';
    const client = createIntentful({
      model: shopModel,
      onError,
      clock: () => {
        if (bad === 'throw') throw new Error('clock broke');
        return Number.NaN;
      },
    });
    expect(() => client.mount()).not.toThrow();
    expect(client.track({ type: 'click', target: 'compare' })).toBe(true);
    bad = 'nan';
    expect(client.track({ type: 'click', target: 'compare' })).toBe(true);
    expect(client.belief('compare').observations).toBe(2);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/clock broke/);
    client.unmount();
  });

  it('reports a plugin that is not one and keeps working', () => {
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      onError,
      // Options in an older shape, from untyped config.
      plugins: [{ dwell: false } as never],
    });
    expect(onError.mock.calls[0]?.[0].message).toMatch(
      /plugins take values such as collectors\(\)/,
    );
    expect(client.track({ type: 'click', target: 'compare' })).toBe(true);
  });

  it('consent: denied collects nothing, clears the device and stops collectors; granted restores the saved visit', () => {
    const storage = memoryStorage();
    const first = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      plugins: [persistence({ saveDelay: 0 })],
    });
    first.mount();
    first.track({ type: 'click', target: 'compare' });
    first.unmount();
    expect(storage.data.get('intentful')).toContain('compare');

    const second = createIntentful({
      model: shopModel,
      storage,
      plugins: [persistence(), collectors()],
    });
    second.mount();
    // Pending: nothing read from the device yet, inference in memory only.
    expect(second.belief('compare').observations).toBe(0);
    second.setConsent('granted');
    expect(second.belief('compare').observations).toBe(1);
    expect(second.privacy()).toMatchObject({ consent: 'granted', canPersist: true, canSend: true });
    second.declare('shipping-concern', true);
    second.setConsent('denied');
    expect(storage.data.size).toBe(0);
    // No behavioural inference at all once denied: what was inferred goes, what was said stays.
    expect(second.belief('compare').observations).toBe(0);
    expect(second.belief('shipping-concern').declared).toBe(true);
    expect(second.track({ type: 'click', target: 'compare' })).toBe(false);
    expect(second.declare('compare', true)).toBe(true);
    expect(second.getState().top?.intent).toBeDefined();
    second.unmount();
  });

  it('forget clears beliefs, history and the device', () => {
    const storage = memoryStorage();
    storage.setItem('intentful:visit', '1');
    storage.setItem('other', 'kept');
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      plugins: [persistence()],
    });
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    client.forget();
    expect(client.history()).toHaveLength(0);
    expect(client.belief('compare').observations).toBe(0);
    expect([...storage.data.keys()]).toEqual(['other']);
    client.unmount();
  });

  it('decides registered slots without React, and re-decides on evidence', () => {
    const slots = defineSlots({
      hero: { variants: { standard: { fallback: true }, compare: { intents: ['compare'] } } },
    });
    let t = 1_000;
    const client = createIntentful({ model: shopModel, slots, clock: () => t });
    client.mount();
    const hero = client.slot('hero');
    const seen: string[] = [];
    hero.subscribe(() => seen.push(hero.get().variant));
    expect(hero.get()).toMatchObject({ variant: 'standard', fallback: true });
    t += 10;
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: 'click', target: 'compare' });
    expect(hero.get()).toMatchObject({ variant: 'compare', intent: 'compare' });
    expect(seen).toContain('compare');
    expect(hero.get().reason).toMatch(/compar/i);
    client.unmount();
  });

  it('refreshes decayed beliefs on its one timer while mounted, and not after', () => {
    vi.useFakeTimers();
    const client = createIntentful({ model: shopModel, refreshInterval: 1_000 });
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    const before = client.getState().asOf;
    vi.advanceTimersByTime(1_000);
    expect(client.getState().asOf).toBeGreaterThan(before);
    client.unmount();
    const after = client.getState().asOf;
    vi.advanceTimersByTime(60_000);
    expect(client.getState().asOf).toBe(after);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('slot notifications', () => {
  it('a reader between a publish and the hub still lets the slot hear its new decision', () => {
    const slots = defineSlots({
      hero: {
        live: true,
        variants: { standard: { fallback: true }, compare: { intents: ['compare'] } },
      },
    });
    let t = 1_000;
    const client = createIntentful({ model: shopModel, slots, clock: () => t });
    // Subscribed before mount, so it runs before the hub's own listener on every publish.
    client.subscribe(() => client.decisions());
    client.mount();
    const hero = client.slot('hero');
    const heard: string[] = [];
    hero.subscribe(() => heard.push(hero.get().variant));
    hero.get();
    t += 10;
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: 'click', target: 'compare' });
    expect(hero.get().variant).toBe('compare');
    expect(heard).toContain('compare');
    client.unmount();
  });
});

describe('persistence after late consent', () => {
  it('saves what the page saw before consent even if nothing changes afterwards', () => {
    const storage = memoryStorage();
    const { data } = storage;
    const client = createIntentful({ model: shopModel, storage, plugins: [persistence()] });
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    client.setConsent('granted');
    client.unmount();
    expect(data.get('intentful')).toContain('compare');
  });
});

describe('what is written without persistence()', () => {
  it('experiment assignments and the unit id stay in memory, even with consent', async () => {
    const { experiment } = await import('intentful/policies');
    const storage = memoryStorage();
    const { data } = storage;
    const slots = defineSlots({
      hero: { policy: experiment(), variants: { a: { fallback: true }, b: {} } },
    });
    const client = createIntentful({ model: shopModel, consent: 'granted', storage, slots });
    client.mount();
    client.slot('hero').get();
    client.slot('hero').expose();
    client.unmount();
    expect([...data.keys()]).toEqual([]);
  });
});

describe('consent states', () => {
  const run = (consent: 'pending' | 'granted' | 'denied', gpc = false) => {
    const nav = globalThis.navigator as { globalPrivacyControl?: boolean };
    nav.globalPrivacyControl = gpc;
    try {
      const client = createIntentful({ model: shopModel, consent });
      client.mount();
      const tracked = client.track({ type: 'click', target: 'compare' });
      const declared = client.declare('gift' as never, true);
      const result = {
        tracked,
        declared,
        observed: client.belief('compare').observations,
        privacy: client.privacy(),
      };
      client.unmount();
      return result;
    } finally {
      delete nav.globalPrivacyControl;
    }
  };
  it('pending infers in memory only; granted also persists and sends; denied and GPC infer nothing from behaviour', () => {
    expect(run('pending')).toMatchObject({
      tracked: true,
      observed: 1,
      privacy: { canCollect: true, canPersist: false, canSend: false },
    });
    expect(run('granted')).toMatchObject({
      tracked: true,
      observed: 1,
      privacy: { canCollect: true, canPersist: true, canSend: true },
    });
    for (const r of [run('denied'), run('granted', true)])
      expect(r).toMatchObject({
        tracked: false,
        observed: 0,
        privacy: { canCollect: false, canPersist: false, canSend: false },
      });
  });
});
