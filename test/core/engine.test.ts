import { defineModel, ModelError, type Signal, type SignalInput } from 'intentful/core';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, explainBelief, trailRecorder } from '../internal';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function setup(options: { historySize?: number } = {}) {
  const time = fakeClock();
  const onError = vi.fn();
  const engine = createIntentEngine({
    model: shopModel,
    clock: time.clock,
    onError,
    trails: trailRecorder(),
    ...options,
  });
  return { engine, time, onError, state: () => engine.store.getState() };
}

describe('beliefs', () => {
  it('start at the prior and rise with evidence', () => {
    const { engine, state } = setup();
    expect(state().beliefs.compare.confidence).toBeCloseTo(sigmoid(-2), 10);
    expect(state().top).toBeNull();
    engine.track({ type: 'click', target: 'compare' });
    const b = state().beliefs.compare;
    expect(b.score).toBeCloseTo(-0.5, 10);
    expect(b.confidence).toBeCloseTo(sigmoid(-0.5), 10);
    expect(b.observations).toBe(1);
    expect(b.evidence).toEqual([
      {
        rule: 'compare-click',
        label: 'opened the comparison',
        labelled: true,
        contribution: 1.5,
        count: 1,
        lastAt: 1_000_000,
        signal: { type: 'click', target: 'compare', at: 1_000_000 },
      },
    ]);
  });

  it('halve a contribution after one half-life', () => {
    const { engine, time } = setup();
    engine.track({ type: 'click', target: 'compare' });
    time.advance(60_000);
    const b = engine.belief('compare');
    expect(b.evidence[0]?.contribution).toBeCloseTo(0.75, 10);
    expect(b.score).toBeCloseTo(-2 + 0.75, 10);
    time.advance(60_000 * 20);
    expect(engine.belief('compare').confidence).toBeCloseTo(sigmoid(-2), 5);
  });

  it('are revised down by contradicting evidence', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const before = state().beliefs.compare.confidence;
    engine.track({ type: 'page-view', data: { pageType: 'checkout' } });
    const after = state().beliefs.compare;
    expect(after.confidence).toBeLessThan(before);
    expect(after.evidence.map((e) => [e.rule, e.contribution])).toEqual([
      ['compare-click', 3],
      ['checkout', -2],
    ]);
  });

  it('hold maxContribution however much evidence arrives, and regain room as it decays', () => {
    const { engine, time, state } = setup();
    for (let i = 0; i < 50; i++) engine.track({ type: 'click', target: 'compare' });
    expect(state().beliefs.compare.evidence[0]?.contribution).toBe(3);
    expect(state().beliefs.compare.score).toBe(1);
    time.advance(60_000);
    engine.track({ type: 'click', target: 'compare' });
    // 3 decays to 1.5; one more click adds its full 1.5 and meets the bound again.
    expect(state().beliefs.compare.evidence[0]?.contribution).toBeCloseTo(3, 10);
  });

  it('scale weights by a data field', () => {
    const { engine } = setup();
    engine.track({ type: 'dwell', target: 'shipping', data: { ms: 9000 } });
    expect(engine.belief('shipping-concern').score).toBeCloseTo(-2 + Math.log1p(9), 10);
    engine.track({ type: 'dwell', target: 'shipping', data: { seconds: 9 } });
    expect(engine.belief('shipping-concern').observations).toBe(1);
  });

  it('match targets by prefix and data by value', () => {
    const { engine } = setup();
    engine.track({ type: 'click', target: 'delivery-times' });
    engine.track({ type: 'click', target: 'returns' });
    engine.track({ type: 'page-view', data: { pageType: 'category' } });
    expect(engine.belief('shipping-concern').observations).toBe(1);
    expect(engine.belief('compare').observations).toBe(0);
  });

  it('count an out-of-order signal for what is left of it', () => {
    const { engine, time } = setup();
    time.advance(60_000);
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare', at: time.now - 60_000 });
    expect(engine.belief('compare').score).toBeCloseTo(-2 + 1.5 + 0.75, 10);
  });
});

describe('declarations', () => {
  it('outrank inference both ways and can be withdrawn', () => {
    const { engine, state } = setup();
    engine.declare('gift', true);
    expect(state().beliefs.gift).toMatchObject({ confidence: 1, declared: true });
    expect(state().top?.intent).toBe('gift');
    for (let i = 0; i < 5; i++) engine.track({ type: 'click', target: 'compare' });
    engine.declare('compare', false);
    expect(state().beliefs.compare).toMatchObject({ confidence: 0, declared: false });
    expect(state().nextStep?.id).toBe('gift-note');
    expect(state().nextStep?.why).toBe('gift-note: you said gift.');
    engine.declare('compare', null);
    expect(state().beliefs.compare.confidence).toBeCloseTo(sigmoid(1), 10);
  });

  it('reject an unknown intent without throwing', () => {
    const { engine, onError } = setup();
    expect(engine.declare('nope' as 'gift', true)).toBe(false);
    expect(engine.stats.droppedBy['unknown-intent']).toBe(1);
    expect(onError).toHaveBeenCalledOnce();
  });
});

describe('next step', () => {
  it('is null until an intent is confident enough', () => {
    const { engine, state } = setup();
    expect(state().nextStep).toBeNull();
    engine.track({ type: 'click', target: 'compare' });
    expect(state().nextStep).toBeNull();
    engine.track({ type: 'click', target: 'compare' });
    expect(state().nextStep).toMatchObject({ id: 'comparison-table', intent: 'compare' });
    expect(state().nextStep?.why).toBe(
      'comparison-table: you seem to be comparing options: you opened the comparison ×2.',
    );
  });

  it('prefers higher priority, then higher confidence', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'delivery-info' });
    engine.track({ type: 'click', target: 'delivery-info' });
    engine.track({ type: 'click', target: 'delivery-info' });
    expect(state().nextStep?.id).toBe('delivery-promise');
  });

  it('stays hidden once dismissed and lowers the whole intent', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const before = state().beliefs.compare.confidence;
    engine.dismissStep('comparison-table');
    expect(state().steps).toEqual({ 'comparison-table': 'dismissed' });
    const after = state().beliefs.compare;
    expect(after.confidence).toBeLessThan(before);
    expect(after.evidence.find((e) => e.rule === 'dismissed')?.contribution).toBe(-1.5);
    // The sibling step of the same intent is no longer due either: wrong category, not wrong item.
    expect(state().nextStep).toBeNull();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    expect(state().nextStep).toBeNull(); // capped at 3, minus 1.5
  });

  it('is not offered again once completed', () => {
    const { engine, state } = setup();
    engine.declare('gift', true);
    engine.completeStep('gift-note');
    expect(state().steps).toEqual({ 'gift-note': 'completed' });
    expect(state().nextStep).toBeNull();
    expect(state().beliefs.gift.confidence).toBe(1);
  });

  it('decays away, at the time nextChangeAt predicts', () => {
    const { engine, time, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const at = engine.nextChangeAt();
    expect(at).not.toBeNull();
    // score = -2 + 3·2^(−Δ/60s) crosses logit(0.6) ≈ 0.405 first.
    const expected = time.now + 60_000 * Math.log2(3 / (Math.log(0.6 / 0.4) + 2));
    expect(at).toBe(Math.ceil(expected));
    engine.refresh((at as number) - 2);
    expect(state().nextStep?.id).toBe('comparison-table');
    engine.refresh(at as number);
    expect(state().nextStep).toBeNull();
    expect(state().top?.intent).toBe('compare');
  });
});

describe('bad input', () => {
  it.each([
    ['not-an-object', null],
    ['not-an-object', 'click'],
    ['missing-type', { target: 'x' }],
    ['missing-type', { type: '' }],
    ['bad-timestamp', { type: 'click', at: Number.NaN }],
    ['bad-timestamp', { type: 'click', at: -1 }],
    ['bad-timestamp', { type: 'click', at: 1_000_000 + 3_600_000 }],
    ['bad-target', { type: 'click', target: 42 }],
    ['bad-data', { type: 'click', data: { nested: { a: 1 } } }],
    ['bad-data', { type: 'click', data: { fn: () => 1 } }],
    ['bad-data', { type: 'click', data: { n: Number.POSITIVE_INFINITY } }],
    ['bad-data', { type: 'click', data: new Date() }],
    ['too-large', { type: 'click', data: { big: 'x'.repeat(5000) } }],
    ['too-large', { type: 'x'.repeat(100) }],
    [
      'too-large',
      {
        type: 'click',
        data: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])),
      },
    ],
  ])('drops %s input and counts it', (reason, input) => {
    const { engine, onError, state } = setup();
    const before = state();
    expect(engine.track(input as never)).toBe(false);
    expect(engine.stats).toEqual({
      accepted: 0,
      resets: 0,
      dropped: 1,
      droppedBy: { [reason]: 1 },
    });
    expect(engine.history()).toEqual([]);
    expect(state()).toBe(before);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('reports each kind of problem once, not once per signal', () => {
    const { engine, onError } = setup();
    for (let i = 0; i < 100; i++) engine.track({ type: '' });
    expect(engine.stats.dropped).toBe(100);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('keeps what was collected when a rule weight throws or a listener throws', () => {
    const time = fakeClock();
    const onError = vi.fn();
    const model = defineModel({
      intents: {
        a: {
          evidence: [
            {
              when: { type: 'x' },
              weight: () => {
                throw new Error('boom');
              },
            },
            { when: { type: 'x' }, weight: 1 },
          ],
        },
      },
    });
    const engine = createIntentEngine({ model, clock: time.clock, onError });
    engine.onSignal(() => {
      throw new Error('listener');
    });
    expect(engine.track({ type: 'x' })).toBe(true);
    expect(engine.track({ type: 'x' })).toBe(true);
    expect(engine.belief('a').score).toBe(0);
    expect(engine.history()).toHaveLength(2);
    expect(onError.mock.calls.map((c) => (c[0] as Error).message)).toEqual(['boom', 'listener']);
  });

  it('copies and freezes signals so later mutation by the caller changes nothing', () => {
    const { engine } = setup();
    const data = { pageType: 'product', tags: ['a'] };
    engine.track({ type: 'page-view', data });
    data.pageType = 'checkout';
    data.tags.push('b');
    const [stored] = engine.history();
    expect(stored?.data).toEqual({ pageType: 'product', tags: ['a'] });
    expect(Object.isFrozen(stored)).toBe(true); // development builds freeze stored signals
  });
});

describe('memory', () => {
  it('keeps history bounded after 100k signals', () => {
    const { engine, state } = setup({ historySize: 300 });
    for (let i = 0; i < 100_000; i++) {
      engine.track({ type: i % 2 ? 'click' : 'scroll-depth', target: 'compare', data: { i } });
    }
    const history = engine.history();
    expect(history).toHaveLength(300);
    expect(history[0]?.data?.i).toBe(99_700);
    expect(history[299]?.data?.i).toBe(99_999);
    expect(engine.trail('compare')).toHaveLength(20);
    expect(state().beliefs.compare.evidence[0]).toMatchObject({ count: 50_000, contribution: 3 });
  });
});

describe('trail and explain', () => {
  it('trace a belief back to the signals that moved it', () => {
    const { engine, time } = setup();
    engine.track({ type: 'page-view', target: '/p/1', data: { pageType: 'product' } });
    time.advance(60_000);
    engine.track({ type: 'click', target: 'compare' });
    expect(
      engine.trail('compare').map((e) => [e.rule, e.signal.target, e.applied, e.contribution]),
    ).toEqual([
      ['product-view', '/p/1', 0.5, 0.25],
      ['compare-click', 'compare', 1.5, 1.5],
    ]);
    expect(explainBelief(engine.belief('compare'))).toBe(
      'comparing options 44%: opened the comparison (+1.50), viewed a product (+0.25)',
    );
  });
});

describe('persistence', () => {
  it('round-trips through serialize and initialState', () => {
    const { engine, time } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    engine.dismissStep('comparison-table');
    engine.declare('gift', true);
    time.advance(10_000);
    const saved = JSON.parse(JSON.stringify(engine.serialize()));
    const copy = createIntentEngine({ model: shopModel, clock: time.clock, initialState: saved });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(json(copy.store.getState().beliefs)).toEqual(
      json(
        Object.fromEntries(
          Object.keys(engine.store.getState().beliefs).map((k) => [k, engine.belief(k as 'gift')]),
        ),
      ),
    );
    expect(copy.store.getState().beliefs.compare.evidence).toEqual(
      engine.belief('compare').evidence,
    );
    expect(copy.store.getState().steps).toEqual({ 'comparison-table': 'dismissed' });
  });

  it('starts clean and reports once when the initial state is corrupt', () => {
    const onError = vi.fn();
    const engine = createIntentEngine({
      model: shopModel,
      clock: fakeClock().clock,
      onError,
      initialState: { v: 7 } as never,
    });
    expect(engine.store.getState().beliefs.compare.observations).toBe(0);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('restore puts an earlier visit under this page, as if it had been the initial state', () => {
    const earlier = setup();
    earlier.engine.track({ type: 'click', target: 'compare' });
    earlier.engine.dismissStep('comparison-table');
    earlier.time.advance(60_000);
    const saved = JSON.parse(JSON.stringify(earlier.engine.serialize()));

    // This page: signals arrive before consent allows reading what was saved.
    const page = setup();
    page.time.advance(120_000);
    const here: SignalInput[] = [
      { type: 'click', target: 'compare' },
      { type: 'dwell', target: 'shipping', data: { ms: 9000 } },
      { type: 'declare', target: 'gift', data: { value: true } },
    ];
    for (const s of here) page.engine.track(s);
    expect(page.engine.restore(saved)).toBe(true);

    const expected = createIntentEngine({
      model: shopModel,
      clock: page.time.clock,
      initialState: saved,
    });
    expected.batch(() => {
      for (const s of page.engine.history()) expected.track(s);
    });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(json(page.state().beliefs)).toEqual(json(expected.store.getState().beliefs));
    // The earlier click and dismissal, and this page's click.
    expect(page.state().beliefs.compare.observations).toBe(3);
    expect(page.state().steps).toEqual({ 'comparison-table': 'dismissed' });
    expect(page.state().beliefs.gift.declared).toBe(true);
    expect(page.engine.history()).toHaveLength(3);
  });

  it('restore keeps an earlier visit even when history no longer holds this page', () => {
    const earlier = setup();
    earlier.engine.track({ type: 'click', target: 'compare' });
    earlier.engine.declare('gift', true);
    const saved = JSON.parse(JSON.stringify(earlier.engine.serialize()));

    const page = setup({ historySize: 2 });
    for (let i = 0; i < 3; i++) page.engine.track({ type: 'click', target: 'compare' });
    page.engine.declare('gift', null);
    expect(page.engine.restore(saved)).toBe(true);
    const compare = page.state().beliefs.compare;
    expect(compare.observations).toBe(4);
    expect(compare.evidence[0]?.count).toBe(4);
    // Withdrawn here, after the earlier visit said it: the withdrawal stands.
    expect(page.state().beliefs.gift.declared).toBeNull();
  });

  it('restore sums evidence within each rule maxContribution', () => {
    // compare-click: weight 1.5, maxContribution 3. Two clicks on each visit would be 6 unbounded.
    const clicks = (engine: ReturnType<typeof setup>['engine']) => {
      engine.track({ type: 'click', target: 'compare' });
      engine.track({ type: 'click', target: 'compare' });
    };
    const earlier = setup();
    clicks(earlier.engine);
    const page = setup();
    clicks(page.engine);
    const alone = page.state().beliefs.compare.score;
    page.engine.restore(earlier.engine.serialize());
    const compare = page.state().beliefs.compare;
    expect(compare.score).toBeCloseTo(alone, 9);
    expect(compare.evidence[0]).toMatchObject({ rule: 'compare-click', count: 4 });
    expect(compare.evidence[0]?.contribution).toBeCloseTo(3, 9);
  });

  it('restore changes nothing and says so when the saved state is unusable', () => {
    const bad = setup();
    bad.engine.track({ type: 'click', target: 'compare' });
    const before = bad.state();
    expect(bad.engine.restore({ v: 9 } as never)).toBe(false);
    expect(bad.state()).toBe(before);
    expect(bad.onError).toHaveBeenCalledOnce();
  });

  it('reset forgets evidence, declarations, steps and history', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.declare('gift', true);
    engine.completeStep('gift-note');
    engine.reset();
    expect(engine.history()).toEqual([]);
    expect(state().steps).toEqual({});
    expect(state().top).toBeNull();
    expect(state().beliefs.gift.declared).toBeNull();
  });
});

describe('model validation', () => {
  it.each([
    [{ intents: {} }, 'at least one intent'],
    [
      { intents: { a: { evidence: [{ when: { type: 'x' }, weight: 'heavy' }] } } },
      'intent "a", evidence[0]: weight must be a number',
    ],
    [
      { intents: { a: { evidence: [{ when: {}, weight: 1 }] } } },
      'intent "a", evidence[0]: when.type',
    ],
    [
      { intents: { a: { evidence: [{ when: { type: 'x' }, weight: 1, maxContribution: -1 }] } } },
      'maxContribution must be > 0',
    ],
    [{ intents: { a: { halfLife: 0, evidence: [] } } }, 'halfLife must be > 0'],
    [
      { intents: { a: { evidence: [] } }, steps: [{ id: 's', intent: 'b' }] },
      'step "s": unknown intent "b" (known: a)',
    ],
    [
      { intents: { a: { evidence: [] } }, steps: [{ id: 's', intent: 'a', minConfidence: 2 }] },
      'minConfidence must be between 0 and 1',
    ],
    [
      {
        intents: { a: { evidence: [] } },
        steps: [
          { id: 's', intent: 'a' },
          { id: 's', intent: 'a' },
        ],
      },
      'duplicate step id',
    ],
  ])('rejects %j with a message naming the problem', (definition, message) => {
    expect(() => defineModel(definition as never)).toThrow(ModelError);
    expect(() => defineModel(definition as never)).toThrow(message);
  });
});

describe('batch', () => {
  it('publishes one snapshot for all the signals it tracks', () => {
    const { engine, state } = setup();
    const published = vi.fn();
    engine.store.subscribe(published);
    engine.batch(() => {
      engine.track({ type: 'click', target: 'compare' });
      engine.track({ type: 'click', target: 'gift-wrap' });
      engine.batch(() => engine.track({ type: 'click', target: 'compare' }));
      expect(published).not.toHaveBeenCalled();
    });
    expect(published).toHaveBeenCalledOnce();
    expect(state().beliefs.compare.observations).toBe(2);
    expect(state().beliefs.gift.observations).toBe(1);
    expect(state().nextStep?.id).toBe('comparison-table');
  });

  it('still publishes what was tracked when the batch callback throws', () => {
    const { engine, state } = setup();
    expect(() =>
      engine.batch(() => {
        engine.track({ type: 'click', target: 'gift-wrap' });
        throw new Error('app code failed');
      }),
    ).toThrow('app code failed');
    expect(state().beliefs.gift.observations).toBe(1);
  });
});

describe('snapshots as JSON', () => {
  it('serialize beliefs and steps with their lazily built evidence and reason', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const belief = JSON.parse(JSON.stringify(state().beliefs.compare));
    expect(belief).toMatchObject({ intent: 'compare', observations: 2, declared: null });
    expect(belief.evidence).toEqual([
      expect.objectContaining({ rule: 'compare-click', contribution: 3, count: 2 }),
    ]);
    const step = JSON.parse(JSON.stringify(state().nextStep));
    expect(step).toEqual({
      id: 'comparison-table',
      intent: 'compare',
      label: 'comparison-table',
      priority: 0,
      confidence: state().beliefs.compare.confidence,
      why: state().nextStep?.why,
    });
  });
});

describe('publishing', () => {
  it('keeps the same snapshot object for every belief a signal did not touch', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    const before = state();
    engine.track({ type: 'click', target: 'gift-wrap' });
    const after = state();
    expect(after.beliefs).not.toBe(before.beliefs);
    expect(after.beliefs.gift).not.toBe(before.beliefs.gift);
    expect(after.beliefs.compare).toBe(before.beliefs.compare);
    expect(after.beliefs['shipping-concern']).toBe(before.beliefs['shipping-concern']);
    // Evidence read from an older snapshot still describes that snapshot, not later writes.
    engine.track({ type: 'click', target: 'compare' });
    expect(before.beliefs.compare.evidence).toEqual([
      expect.objectContaining({ rule: 'compare-click', count: 1, contribution: 1.5 }),
    ]);
    expect(state().beliefs.compare.evidence[0]).toMatchObject({ count: 2, contribution: 3 });
    expect(state().beliefs.compare.evidence).toBe(state().beliefs.compare.evidence);
  });

  it('keeps top and next step objects while their intent is untouched', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const { top, nextStep } = state();
    expect(top?.intent).toBe('compare');
    engine.track({ type: 'click', target: 'gift-wrap' });
    expect(state().top).toBe(top);
    expect(state().nextStep).toBe(nextStep);
  });

  it('publishes nothing for a signal that matches no rule', () => {
    const { engine, state } = setup();
    const before = state();
    expect(engine.track({ type: 'click', target: 'unrelated' })).toBe(true);
    expect(engine.track({ type: 'scroll-depth', data: { percent: 50 } })).toBe(true);
    expect(state()).toBe(before);
  });
});

describe('rule index', () => {
  const model = defineModel({
    intents: {
      a: {
        evidence: [
          { id: 'exact', when: { type: 'click', target: ['x', 'y'] }, weight: 1 },
          { id: 'prefix', when: { type: ['click', 'tap'], target: 'size-*' }, weight: 2 },
          { id: 'mixed', when: { type: 'click', target: ['z', 'sz-*'] }, weight: 4 },
          {
            id: 'data',
            when: { type: 'click', target: 'x', data: { n: { gte: 2, lt: 5 }, tag: ['p', 'q'] } },
            weight: 8,
          },
          { id: 'any', when: { type: 'click' }, weight: (s) => (s.target ? 16 : 32) },
        ],
      },
    },
  });
  const fired = (signal: SignalInput): string[] => {
    const engine = createIntentEngine({ model, clock: () => 1000, trails: trailRecorder() });
    engine.track(signal);
    return engine
      .trail('a')
      .map((e) => e.rule)
      .sort();
  };

  it.each<[SignalInput, string[]]>([
    [{ type: 'click', target: 'x' }, ['any', 'exact']],
    [{ type: 'click', target: 'y' }, ['any', 'exact']],
    [{ type: 'click', target: 'size-m' }, ['any', 'prefix']],
    [{ type: 'tap', target: 'size-m' }, ['prefix']],
    [{ type: 'tap', target: 'x' }, []],
    [{ type: 'click', target: 'z' }, ['any', 'mixed']],
    [{ type: 'click', target: 'sz-1' }, ['any', 'mixed']],
    [{ type: 'click' }, ['any']],
    [{ type: 'click', target: 'x', data: { n: 2, tag: 'q' } }, ['any', 'data', 'exact']],
    [{ type: 'click', target: 'x', data: { n: 5, tag: 'q' } }, ['any', 'exact']],
    [
      { type: 'click', target: 'x', data: { n: [9, 3], tag: ['r', 'p'] } },
      ['any', 'data', 'exact'],
    ],
    [{ type: 'click', target: 'y', data: { n: 3, tag: 'p' } }, ['any', 'exact']],
  ])('%j fires %j, as matches() says', (signal, rules) => {
    expect(fired(signal)).toEqual(rules);
    const matching = (model.rulesByType.get(signal.type) ?? []).filter((r) =>
      r.matches({ at: 0, ...signal } as Signal),
    );
    expect(matching.map((r) => r.id).sort()).toEqual(rules);
  });

  it('indexes each rule once per type and target, in model order', () => {
    const click = model.ruleIndex.get('click');
    expect(click?.any.map((r) => r.rule.id)).toEqual(['prefix', 'mixed', 'any']);
    expect(click?.byTarget.get('x')?.map((r) => r.rule.id)).toEqual([
      'exact',
      'prefix',
      'mixed',
      'data',
      'any',
    ]);
    expect(model.ruleIndex.get('tap')?.any.map((r) => r.rule.id)).toEqual(['prefix']);
  });
});
