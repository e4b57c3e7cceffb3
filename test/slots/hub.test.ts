import type { Policy, PolicyContext, SignalInput } from 'intentful/core';
import { experiment, intentMatch, type Rule, rules, withHoldout } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot, seededRandom } from '../internal';

const hero = resolveSlot('hero', {
  standard: { fallback: true },
  compare: { intents: ['compare'] },
});
const onOff = (id: string) => resolveSlot(id, { off: { fallback: true }, on: {} });

function setup(policy?: Policy, historySize?: number) {
  const clock = fakeClock();
  const engine = createIntentEngine({
    model: shopModel,
    clock: clock.clock,
    ...(historySize !== undefined && { historySize }),
  });
  const hub = createSlotHub(engine, { unitId: 'u', clock: clock.clock, ...(policy && { policy }) });
  const stop = hub.connect();
  return { clock, engine, hub, stop };
}

/** A connected hub whose `hero` slot is configured and subscribed to, as a mounted slot is. */
function heroOnScreen(policy?: Policy) {
  const made = setup(policy);
  const slot = made.hub.slot('hero');
  slot.configure(hero);
  slot.subscribe(() => {});
  return { ...made, slot };
}

/** Counts decisions and keeps each context it was given. */
function spy(reads?: readonly string[], watchesSignals?: boolean) {
  const contexts: PolicyContext[] = [];
  const policy: Policy = {
    name: 'spy',
    ...(reads && { reads: () => reads }),
    ...(watchesSignals && { watchesSignals }),
    decide: (slot, ctx) => {
      contexts.push(ctx);
      return { variant: slot.fallback, reason: 'spy' };
    },
  };
  return { policy, contexts };
}

describe('hub: re-deciding only what changed', () => {
  it('keeps the decision object of a slot whose intents did not change, without asking its policy', () => {
    const { policy, contexts } = spy(['compare']);
    const { engine, slot, stop } = heroOnScreen(policy);
    const first = slot.get();
    const asked = contexts.length;
    engine.track({ type: 'dwell', target: 'shipping', data: { ms: 5000 } });
    engine.track({ type: 'click', target: 'gift-wrap' });
    expect(contexts.length).toBe(asked);
    expect(slot.get()).toBe(first);
    engine.track({ type: 'click', target: 'compare' });
    expect(contexts.length).toBe(asked + 1);
    stop();
  });

  it('keeps the intent-match decision object while only other intents move', () => {
    const { engine, hub, stop } = setup();
    const slot = hub.slot('hero');
    slot.configure(hero);
    const listener = vi.fn();
    slot.subscribe(listener);
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const shown = slot.get();
    expect(shown.variant).toBe('compare');
    const calls = listener.mock.calls.length;
    engine.track({ type: 'dwell', target: 'shipping', data: { ms: 5000 } });
    engine.track({ type: 'click', target: 'delivery-times' });
    expect(slot.get()).toBe(shown);
    expect(listener).toHaveBeenCalledTimes(calls);
    stop();
  });

  it('shares one context among the slots deciding on the same publish', () => {
    const { policy, contexts } = spy();
    const { engine, hub, stop } = setup(policy);
    for (const id of ['a', 'b', 'c']) {
      const s = hub.slot(id);
      s.configure(resolveSlot(id, { x: {} }));
      s.subscribe(() => {});
      s.get();
    }
    contexts.length = 0;
    engine.track({ type: 'click', target: 'compare' });
    expect(contexts).toHaveLength(3);
    expect(new Set(contexts).size).toBe(1);
    stop();
  });

  it('decides a signal-watching slot once per signal, after the signal is known', () => {
    const { policy, contexts } = spy(undefined, true);
    const { engine, slot, stop } = heroOnScreen(policy);
    slot.get();
    contexts.length = 0;
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'scroll-depth', data: { percent: 10 } });
    expect(contexts).toHaveLength(2);
    expect(contexts[1]?.history().at(-1)?.type).toBe('scroll-depth');
    stop();
  });

  it('gives policies a context whose state is an own enumerable getter, read live', () => {
    const { policy, contexts } = spy();
    const { engine, hub, stop } = setup(policy);
    const slot = hub.slot('hero');
    slot.configure(hero);
    slot.get();
    const ctx = contexts[0]!;
    expect(Object.keys(ctx)[0]).toBe('state');
    expect(Object.getOwnPropertyDescriptor(ctx, 'state')).toMatchObject({
      enumerable: true,
      configurable: true,
      set: undefined,
    });
    engine.track({ type: 'click', target: 'compare' });
    expect(ctx.state).toBe(engine.store.getState());
    // Wrappers that copy or extend a context still read the state.
    expect({ ...ctx, previous: null }.state).toBe(engine.store.getState());
    expect(Object.create(ctx).state).toBe(engine.store.getState());
    stop();
  });

  it('asks nothing while a seen variant is locked, and decides on what changed once the lock ends', () => {
    for (const end of ['navigate', 'live', 'fail'] as const) {
      const { policy, contexts } = spy(['compare'], true);
      const { engine, hub, slot, stop } = heroOnScreen(policy);
      slot.expose();
      contexts.length = 0;
      engine.track({ type: 'click', target: 'compare' });
      engine.track({ type: 'scroll-depth', data: { percent: 10 } });
      expect(slot.get().reason).toBe('spy');
      expect(contexts).toHaveLength(0);
      if (end === 'navigate') hub.navigate();
      else if (end === 'live') slot.configure(hero, policy, true);
      else slot.fail('standard', new Error('broken'));
      slot.get();
      expect(contexts, end).toHaveLength(1);
      expect(contexts[0]?.history().map((s) => s.type)).toEqual(['click', 'scroll-depth']);
      stop();
    }
  });
});

describe('rules: facts kept signal by signal', () => {
  const conditions: NonNullable<Rule['when']>[] = [
    { pageType: 'product' },
    { pageType: ['cart', 'home'] },
    { categoriesViewed: ['shoes', 'bags'] },
    { campaign: 'spring' },
    { returning: true },
    { returning: false },
    { returning: 60_000 },
    { signals: [{ type: 'click', target: 'size-*', min: 2 }] },
    { signals: [{ type: 'click', target: 'compare', max: 3 }] },
    { signals: [{ type: 'page-view', within: 5_000 }] },
    { signals: [{ type: 'click' }], intent: { id: 'compare', min: 0.55 } },
  ];

  it('match a rescan of history over a random stream, as old signals leave the window', () => {
    const random = seededRandom(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const { clock, engine, hub, stop } = setup(undefined, 40);
    const policies = conditions.map((when) => rules([{ variant: 'on', when }]));
    const slots = conditions.map((_, i) => {
      const s = hub.slot(`r${i}`);
      s.configure(onOff(`r${i}`), policies[i], true);
      s.subscribe(() => {});
      return s;
    });
    for (let n = 0; n < 400; n++) {
      clock.advance(Math.floor(random() * 2000));
      const kind = random();
      const signal: SignalInput =
        kind < 0.3
          ? {
              type: 'page-view',
              target: `/p/${n}`,
              data: {
                ...(random() < 0.8 && { pageType: pick(['product', 'cart', 'home', 'list']) }),
                ...(random() < 0.5 && { category: pick(['shoes', 'bags', 'hats']) }),
                ...(random() < 0.1 && { utm_campaign: pick(['spring', 'fall']) }),
              },
            }
          : kind < 0.37
            ? {
                type: 'session',
                data:
                  random() < 0.5
                    ? { returning: random() < 0.5 }
                    : { lastVisitAt: clock.now - Math.floor(random() * 120_000) },
              }
            : { type: 'click', target: pick(['size-s', 'size-m', 'compare', 'other']) };
      engine.track(signal);
      const state = engine.store.getState();
      conditions.forEach((_, i) => {
        const rescan = policies[i]!.decide(onOff(`r${i}`), {
          state,
          unit: 'u',
          now: clock.now,
          storage: null,
          previous: null,
          ranked: () => [],
          history: () => engine.history(),
        });
        const d = slots[i]!.get();
        expect({ i, variant: d.variant, reason: d.reason }).toEqual({
          i,
          variant: rescan.variant,
          reason: rescan.reason,
        });
      });
    }
    expect(engine.history()).toHaveLength(40);
    stop();
  });

  it('forget everything the engine forgot on reset', () => {
    const { engine, hub, stop } = setup();
    const slot = hub.slot('p');
    slot.configure(onOff('p'), rules([{ variant: 'on', when: { pageType: 'product' } }]), true);
    slot.subscribe(() => {});
    engine.track({ type: 'page-view', data: { pageType: 'product' } });
    expect(slot.get().variant).toBe('on');
    engine.reset();
    expect(slot.get().variant).toBe('off');
    stop();
  });
});

describe('intent match', () => {
  it('reads only the intents its slot serves', () => {
    expect(intentMatch().reads?.(hero)).toEqual(['compare']);
  });
});

describe('experiments', () => {
  it('are not asked again when beliefs change, also behind a holdout', () => {
    const inner = experiment({ share: 0, salt: 'x' });
    const decide = vi.spyOn(inner, 'decide');
    const { engine, hub, stop } = setup(withHoldout(inner, { share: 0 }));
    const slot = hub.slot('hero');
    slot.configure(hero);
    slot.subscribe(() => {});
    const first = slot.get();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    expect(decide).toHaveBeenCalledTimes(1);
    expect(slot.get()).toBe(first);
    stop();
  });
});

describe('slots made per item', () => {
  it('stay bounded: unmounted slots go past 256, mounted and live ones stay', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const hub = createSlotHub(engine, { unitId: 'u', clock: clock.clock });
    hub.connect();
    const kept = hub.slot('hero');
    kept.configure(hero);
    kept.subscribe(() => {});
    for (let i = 0; i < 1000; i++) {
      const s = hub.slot(`product-${i}`);
      s.configure(onOff(`product-${i}`));
      s.subscribe(() => {})();
    }
    expect(hub.decisions().length).toBeLessThanOrEqual(257);
    expect(hub.slot('hero')).toBe(kept);
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    expect(kept.get().variant).toBe('compare');
  });
});
