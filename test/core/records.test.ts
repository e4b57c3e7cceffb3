// Rule records are written in place and copied only when a published snapshot holds them, and the
// trail is a ring of numbers. These pin what that must not change: a snapshot's evidence is what
// the intent held when the snapshot was taken, however much is added before it is first read, and
// the trail keeps the last `trailSize` events, oldest first.
import { defineModel, type Evidence, type PersistedState } from 'intentful/core';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, trailRecorder } from '../internal';

const T0 = 1_000_000;
const decayed = (value: number, halfLife: number, ms: number) =>
  expect.closeTo(value * 2 ** (-ms / halfLife), 10);

const compareClick = (contribution: unknown, count: number, at: number): Evidence =>
  ({
    rule: 'compare-click',
    label: 'opened the comparison',
    labelled: true,
    contribution,
    count,
    lastAt: at,
    signal: { type: 'click', target: 'compare', at },
  }) as Evidence;

describe('a snapshot keeps the evidence it was taken with', () => {
  it('when more evidence arrives before its evidence is first read', () => {
    const time = fakeClock(T0);
    const engine = createIntentEngine({ model: shopModel, clock: time.clock });
    engine.track({ type: 'click', target: 'compare' });
    const published = engine.store.getState().beliefs.compare;
    const asked = engine.belief('compare');
    time.advance(1_000);
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'page-view', data: { pageType: 'product' } });
    engine.track({ type: 'page-view', data: { pageType: 'checkout' } });
    const first = [compareClick(1.5, 1, T0)];
    expect(published.evidence).toEqual(first);
    expect(asked.evidence).toEqual(first);

    // Taken after those writes and read after more: each snapshot sees its own moment only.
    const middle = engine.belief('compare');
    time.advance(1_000);
    engine.track({ type: 'click', target: 'compare' });
    const later = engine.belief('compare');
    engine.track({ type: 'page-view', data: { pageType: 'product' } });
    expect(middle.evidence).toEqual([
      compareClick(expect.closeTo(1.5 * 2 ** (-1 / 60) + 1.5, 10), 2, T0 + 1_000),
      {
        rule: 'checkout',
        label: 'went to checkout',
        labelled: true,
        contribution: -2,
        count: 1,
        lastAt: T0 + 1_000,
        signal: { type: 'page-view', at: T0 + 1_000, data: { pageType: 'checkout' } },
      },
      {
        rule: 'product-view',
        label: 'viewed a product',
        labelled: true,
        contribution: 0.5,
        count: 1,
        lastAt: T0 + 1_000,
        signal: { type: 'page-view', at: T0 + 1_000, data: { pageType: 'product' } },
      },
    ]);
    expect(later.evidence.map((e) => [e.rule, e.count])).toEqual([
      ['compare-click', 3],
      ['checkout', 1],
      ['product-view', 1],
    ]);
    expect(engine.belief('compare').evidence.map((e) => [e.rule, e.count])).toEqual([
      ['compare-click', 3],
      ['checkout', 1],
      ['product-view', 2],
    ]);
  });

  it('when the intent is satisfied after it', () => {
    const model = defineModel({
      intents: {
        buy: {
          label: 'ready to buy',
          evidence: [{ id: 'cart', label: 'added to cart', when: { type: 'cart' }, weight: 1 }],
          satisfiedBy: { type: 'order' },
        },
      },
    });
    const time = fakeClock(T0);
    const engine = createIntentEngine({ model, clock: time.clock });
    engine.track({ type: 'cart' });
    const before = engine.belief('buy');
    engine.track({ type: 'order' });
    expect(engine.belief('buy').evidence).toEqual([]);
    expect(before.evidence).toEqual([
      {
        rule: 'cart',
        label: 'added to cart',
        labelled: true,
        contribution: 1,
        count: 1,
        lastAt: T0,
        signal: { type: 'cart', at: T0 },
      },
    ]);
  });

  it('when saved evidence is restored after it', () => {
    const time = fakeClock(T0);
    const saved = createIntentEngine({ model: shopModel, clock: time.clock });
    saved.track({ type: 'click', target: 'compare' });
    const state = saved.serialize();
    const engine = createIntentEngine({ model: shopModel, clock: time.clock });
    engine.track({ type: 'click', target: 'compare' });
    const before = engine.belief('compare');
    expect(engine.restore(state)).toBe(true);
    expect(engine.belief('compare').evidence).toEqual([compareClick(3, 2, T0)]);
    expect(before.evidence).toEqual([compareClick(1.5, 1, T0)]);
  });
});

describe('the trail', () => {
  const model = defineModel({
    intents: {
      a: {
        halfLife: 1_000,
        evidence: [
          { id: 'one', when: { type: 'click', target: 'one' }, weight: 1 },
          { id: 'two', when: { type: 'click', target: 'two' }, weight: 2 },
        ],
      },
    },
  });

  // Event `i` at T0 + 100·i, alternating rules, so each entry's rule, signal and amounts differ.
  const run = (events: number, trailSize?: number) => {
    const time = fakeClock(T0);
    const engine = createIntentEngine({
      model,
      clock: time.clock,
      trails: trailRecorder(trailSize),
    });
    for (let i = 0; i < events; i++) {
      engine.track({ type: 'click', target: i % 2 ? 'two' : 'one', at: T0 + 100 * i });
    }
    return engine;
  };
  const entry = (i: number, t: number) => {
    const target = i % 2 ? 'two' : 'one';
    const at = T0 + 100 * i;
    return {
      rule: target,
      signal: { type: 'click', target, at },
      applied: i % 2 ? 2 : 1,
      contribution: decayed(i % 2 ? 2 : 1, 1_000, t - at),
    };
  };
  const expected = (events: number, size: number, t: number) =>
    Array.from({ length: Math.min(events, size) }, (_, j) =>
      entry(Math.max(0, events - size) + j, t),
    );

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 10])(
    'keeps the last 3 of %i events, oldest first, with what is left of each',
    (events) => {
      const engine = run(events, 3);
      const t = T0 + 5_000;
      expect(engine.trail('a', t)).toEqual(expected(events, 3, t));
    },
  );

  it('keeps 20 by default and one with size 1', () => {
    const t = T0 + 10_000;
    expect(run(47).trail('a', t)).toEqual(expected(47, 20, t));
    expect(run(5, 1).trail('a', t)).toEqual(expected(5, 1, t));
  });

  it('values an out-of-order signal at the time the intent had reached', () => {
    const time = fakeClock(T0);
    const engine = createIntentEngine({ model, clock: time.clock, trails: trailRecorder(2) });
    engine.track({ type: 'click', target: 'one', at: T0 + 1_000 });
    engine.track({ type: 'click', target: 'two', at: T0 });
    engine.track({ type: 'click', target: 'one', at: T0 + 2_000 });
    expect(engine.trail('a', T0 + 2_000)).toEqual([
      {
        rule: 'two',
        signal: { type: 'click', target: 'two', at: T0 },
        applied: 1,
        contribution: expect.closeTo(0.5, 10),
      },
      {
        rule: 'one',
        signal: { type: 'click', target: 'one', at: T0 + 2_000 },
        applied: 1,
        contribution: 1,
      },
    ]);
  });
});

describe('saved state', () => {
  const empty = { at: 0, count: 0, last: null, declared: null, rules: {} };

  it('holds each rule as [contribution, count, last time, type, target]', () => {
    const time = fakeClock(T0);
    const engine = createIntentEngine({ model: shopModel, clock: time.clock });
    engine.track({ type: 'click', target: 'compare' });
    time.advance(60_000);
    engine.track({ type: 'page-view', data: { pageType: 'product' } });
    expect(engine.serialize()).toEqual({
      v: 1,
      at: T0 + 60_000,
      intents: {
        compare: {
          at: T0 + 60_000,
          count: 2,
          last: T0 + 60_000,
          declared: null,
          rules: {
            'compare-click': [expect.closeTo(0.75, 12), 1, T0, 'click', 'compare'],
            'product-view': [0.5, 1, T0 + 60_000, 'page-view'],
          },
        },
        'shipping-concern': empty,
        gift: empty,
      },
      steps: {},
    });
  });

  it('keeps a rule saved without its signal, and without counted signals', () => {
    const time = fakeClock(T0 + 60_000);
    const state: PersistedState = {
      v: 1,
      at: T0 + 60_000,
      intents: { compare: { ...empty, at: T0 + 60_000, rules: { 'compare-click': [1, 0, T0] } } },
      steps: {},
    };
    const engine = createIntentEngine({ model: shopModel, clock: time.clock, initialState: state });
    expect(engine.belief('compare').evidence).toEqual([
      { ...compareClick(1, 0, T0), signal: null },
    ]);
    expect(engine.serialize()).toEqual({
      ...state,
      intents: { ...state.intents, 'shipping-concern': empty, gift: empty },
    });
  });
});
