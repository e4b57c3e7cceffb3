import {
  defineSlots,
  type KeyValueStorage,
  type Policy,
  type PolicyContext,
  type SlotEvent,
} from 'intentful/core';
import { bandit, experiment, intentMatch, rules, withHoldout } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import {
  analyticsFeatures,
  createIntentEngine,
  createSlotHub,
  resolveSlot,
  SlotError,
  seededRandom,
} from '../internal';

const hero = resolveSlot('hero', {
  standard: { fallback: true },
  compare: { intents: ['compare'] },
  delivery: { intents: ['shipping-concern'] },
});

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
  };
}

const idle = createIntentEngine({ model: shopModel, clock: fakeClock().clock });

function contextFor(
  unit: string | null,
  over: Partial<PolicyContext> = {},
  engine = idle,
): PolicyContext {
  const state = engine.store.getState();
  return {
    state,
    unit,
    now: state.asOf,
    storage: null,
    previous: null,
    ranked: () => Object.values(state.beliefs).sort((a, b) => b.confidence - a.confidence),
    history: () => engine.history(),
    ...over,
  };
}

describe('experiment', () => {
  it('assigns deterministically: the same unit always gets the same variant', () => {
    const policy = experiment({ salt: 's1' });
    const a = policy.decide(hero, contextFor('unit-42'));
    const b = experiment({ salt: 's1' }).decide(hero, contextFor('unit-42'));
    expect(b).toEqual(a);
    expect(a.assignment).toMatchObject({ unit: 'unit-42', salt: 's1' });
  });

  it('matches weights within ±2 % and keeps the holdout share over 10,000 units', () => {
    const policy = experiment({
      weights: { standard: 1, compare: 2, delivery: 1 },
      share: 0.2,
      salt: 'weights',
    });
    const counts: Record<string, number> = { standard: 0, compare: 0, delivery: 0, holdout: 0 };
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const choice = policy.decide(hero, contextFor(`u${i}`));
      if (choice.assignment?.holdout) counts.holdout!++;
      else counts[choice.variant]!++;
    }
    expect(Math.abs(counts.holdout! / n - 0.2)).toBeLessThan(0.02);
    // Outside the holdout, weights 1:2:1 over the remaining 80 %.
    expect(Math.abs(counts.standard! / n - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(counts.compare! / n - 0.4)).toBeLessThan(0.02);
    expect(Math.abs(counts.delivery! / n - 0.2)).toBeLessThan(0.02);
  });

  it('shows the holdout the fallback and says so', () => {
    const policy = experiment({ share: 1 - 1e-9, salt: 'all-holdout' });
    const choice = policy.decide(hero, contextFor('someone'));
    expect(choice.variant).toBe('standard');
    expect(choice.assignment?.holdout).toBe(true);
    expect(choice.reason).toMatch(/comparison group/);
  });

  it('sticks to the first assignment across reloads when storage is allowed, even after weights change', () => {
    const storage = memoryStorage();
    const first = experiment({ weights: { compare: 1 }, share: 0, salt: 'x' }).decide(
      hero,
      contextFor('u1', { storage }),
    );
    expect(first.variant).toBe('compare');
    const reloaded = experiment({ weights: { compare: 1, delivery: 1000 }, share: 0, salt: 'x' });
    const second = reloaded.decide(hero, contextFor('u1', { storage }));
    expect(second.variant).toBe('compare');
    expect(second.assignment?.sticky).toBe(true);
    // Without storage the hash decides again.
    expect(reloaded.decide(hero, contextFor('u1')).variant).not.toBe('compare');
  });

  it('falls back without a unit id (server render without one)', () => {
    expect(experiment().decide(hero, contextFor(null))).toMatchObject({ variant: 'standard' });
  });
});

describe('withHoldout', () => {
  it('wraps any policy so a share sees the fallback, the rest get the inner choice', () => {
    const always: Policy = {
      name: 'always-compare',
      decide: () => ({ variant: 'compare', reason: 'test' }),
    };
    const policy = withHoldout(always, { share: 0.3, salt: 'h' });
    let held = 0;
    for (let i = 0; i < 10_000; i++) {
      const c = policy.decide(hero, contextFor(`u${i}`));
      if (c.assignment?.holdout) {
        held++;
        expect(c.variant).toBe('standard');
      } else expect(c.variant).toBe('compare');
    }
    expect(Math.abs(held / 10_000 - 0.3)).toBeLessThan(0.02);
    expect(policy.name).toBe('always-compare');
  });
});

describe('intent match', () => {
  it('shows the variant of the most confident intent above the threshold, with evidence', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const policy = intentMatch({ threshold: 0.6 });
    expect(policy.decide(hero, contextFor('u', {}, engine))).toMatchObject({
      variant: 'standard',
      intent: null,
    });
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const choice = policy.decide(hero, contextFor('u', {}, engine));
    expect(choice.variant).toBe('compare');
    expect(choice.intent).toBe('compare');
    expect(choice.reason).toMatch(
      /^Shown because you seem to be comparing options \(\d+% sure\)\.$/,
    );
    expect(choice.describesIntent).toBe(true);
    expect(choice.evidence?.[0]).toMatchObject({ label: 'opened the comparison ×2' });
  });

  it('prefers what the user declared', () => {
    const engine = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
    engine.declare('shipping-concern', true);
    const choice = intentMatch().decide(hero, contextFor('u', {}, engine));
    expect(choice.variant).toBe('delivery');
    expect(choice.reason).toBe('Shown because you told us: worried about delivery.');
  });
});

describe('bandit', () => {
  it('sends at least 80 % of traffic to the clearly best variant in a seeded simulation', () => {
    const policy = bandit({ seed: 7 });
    const truth: Record<string, number> = { standard: 0.05, compare: 0.25, delivery: 0.08 };
    const world = seededRandom(99);
    const shown: Record<string, number> = { standard: 0, compare: 0, delivery: 0 };
    const rounds = 2000;
    for (let i = 0; i < rounds; i++) {
      const c = policy.decide(hero, contextFor('device'));
      shown[c.variant]!++;
      policy.learn?.({ slot: 'hero', variant: c.variant, intent: null, kind: 'exposure' });
      if (world() < truth[c.variant]!)
        policy.learn?.({ slot: 'hero', variant: c.variant, intent: null, kind: 'outcome' });
    }
    expect(shown.compare! / rounds).toBeGreaterThanOrEqual(0.8);
  });

  it('states its evidence: how often this version was shown and worked, never a claim it cannot back', () => {
    const policy = bandit({ seed: 4 });
    const ctx = contextFor('device');
    const first = policy.decide(hero, ctx);
    expect(first.reason).toBe(
      'We are trying versions of this part of the page; this one has been shown 0 times here so far.',
    );
    expect(first.reason).not.toMatch(/worked best/);
    for (let i = 0; i < 30; i++) {
      const c = policy.decide(hero, ctx);
      policy.learn?.({ slot: 'hero', variant: c.variant, intent: null, kind: 'exposure' });
      if (c.variant === 'compare')
        policy.learn?.({ slot: 'hero', variant: c.variant, intent: null, kind: 'outcome' });
    }
    const later = policy.decide(hero, ctx);
    expect(later.reason).toMatch(/this one helped \d+ of \d+ times here\.$/);
    // The counts behind the sentence are there for devtools, marked as not for end users.
    expect(later.evidence?.every((e) => e.internal)).toBe(true);
  });

  it('keeps what it learned across visits when storage is allowed', () => {
    const storage = memoryStorage();
    const first = bandit({ seed: 1 });
    const ctx = contextFor('device', { storage });
    for (let i = 0; i < 200; i++) {
      const c = first.decide(hero, ctx);
      first.learn?.({ slot: 'hero', variant: c.variant, intent: null, kind: 'exposure' });
      if (c.variant === 'delivery')
        first.learn?.({ slot: 'hero', variant: c.variant, intent: null, kind: 'outcome' });
    }
    const nextVisit = bandit({ seed: 2 });
    const picks = Array.from({ length: 100 }, () => nextVisit.decide(hero, ctx).variant);
    expect(picks.filter((v) => v === 'delivery').length).toBeGreaterThan(90);
    storage.data.set('intentful:b:bandit', '{corrupt');
    const fresh = bandit({ seed: 3 });
    const explored = Array.from({ length: 100 }, () => fresh.decide(hero, ctx).variant);
    expect(new Set(explored).size).toBeGreaterThan(1);
  });

  it('learns separately per top intent when contextual', () => {
    const policy = bandit({ seed: 3, perIntent: true });
    const engine = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
    engine.declare('gift', true);
    const ctx = contextFor('device', {}, engine);
    for (let i = 0; i < 300; i++) {
      const c = policy.decide(hero, ctx);
      expect(c.intent).toBe('gift');
      policy.learn?.({ slot: 'hero', variant: c.variant, intent: 'gift', kind: 'exposure' });
      if (c.variant === 'delivery')
        policy.learn?.({ slot: 'hero', variant: c.variant, intent: 'gift', kind: 'outcome' });
    }
    const picks = Array.from({ length: 100 }, () => policy.decide(hero, ctx).variant);
    expect(picks.filter((v) => v === 'delivery').length).toBeGreaterThan(80);
    // Another context has learned nothing: it still explores.
    const fresh = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
    fresh.declare('compare', true);
    const other = Array.from(
      { length: 100 },
      () => policy.decide(hero, contextFor('device', {}, fresh)).variant,
    );
    expect(new Set(other).size).toBeGreaterThan(1);
  });
});

describe('rules', () => {
  it('picks the first matching rule, readable as written', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const policy = rules([
      {
        variant: 'delivery',
        label: 'Shown because you came from the spring sale.',
        when: { campaign: 'spring' },
      },
      {
        variant: 'compare',
        when: {
          pageType: 'product',
          signals: [{ type: 'click', target: 'size-*', min: 2 }],
        },
      },
      { variant: 'delivery', when: { returning: true, categoriesViewed: ['shoes'] } },
    ]);
    const decide = () => policy.decide(hero, contextFor('u', { now: clock.now }, engine));
    expect(decide()).toMatchObject({ variant: 'standard' });
    engine.track({ type: 'page-view', target: '/p/1', data: { page: 'product' } });
    engine.track({ type: 'click', target: 'size-guide' });
    expect(decide().variant).toBe('standard');
    engine.track({ type: 'click', target: 'size-chart' });
    // The signal count is the app's notation: kept for devtools, left out of the sentence.
    expect(decide()).toMatchObject({
      variant: 'compare',
      reason: 'Shown because: on a product page.',
      evidence: [
        { label: 'rule 2 matched', internal: true },
        { label: 'on a product page' },
        { label: 'click size-* ×2', internal: true },
      ],
    });
    engine.track({ type: 'session', data: { returning: true, campaign: 'spring' } });
    expect(decide()).toMatchObject({
      variant: 'delivery',
      reason: 'Shown because you came from the spring sale.',
    });
  });

  it('checks intent confidence and returning windows', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const policy = rules([
      { variant: 'compare', when: { intent: { id: 'compare', min: 0.7 } } },
      { variant: 'delivery', when: { returning: 86_400_000 } },
    ]);
    const decide = () => policy.decide(hero, contextFor('u', { now: clock.now }, engine));
    engine.track({ type: 'session', data: { lastVisitAt: clock.now - 3 * 86_400_000 } });
    expect(decide().variant).toBe('standard');
    engine.track({ type: 'session', data: { lastVisitAt: clock.now - 3_600_000 } });
    expect(decide().variant).toBe('delivery');
    engine.declare('compare', true);
    expect(decide().variant).toBe('compare');
  });

  it('says when time alone may change its answer: the first counted signal leaving a window', () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const policy = rules([
      // Too many clicks now; fewer may be fine once the oldest leave its window.
      { variant: 'delivery', when: { signals: [{ type: 'click', max: 1, within: 30_000 }] } },
      { variant: 'compare', when: { signals: [{ type: 'click', min: 2, within: 60_000 }] } },
      // After the match: cannot change the answer, so its window does not count.
      { variant: 'delivery', when: { signals: [{ type: 'click', within: 1_000 }] } },
    ]);
    const ctx = () => contextFor('u', { now: clock.now }, engine);
    const t0 = clock.now;
    expect(policy.nextChangeAt?.(hero, ctx())).toBeNull();
    engine.track({ type: 'click', target: 'a' });
    // One click: rule 1 holds, and stops holding only when a new click arrives.
    expect(policy.nextChangeAt?.(hero, ctx())).toBe(t0 + 30_001);
    clock.advance(10_000);
    engine.track({ type: 'click', target: 'b' });
    const now = ctx();
    expect(policy.decide(hero, now).variant).toBe('compare');
    expect(policy.nextChangeAt?.(hero, now)).toBe(t0 + 30_001);
    clock.advance(20_001);
    expect(policy.decide(hero, ctx()).variant).toBe('delivery');
    // Without a window, only a signal changes a count.
    const plain = rules([{ variant: 'compare', when: { signals: [{ type: 'click', min: 2 }] } }]);
    expect(plain.nextChangeAt?.(hero, ctx())).toBeNull();
  });

  it('rejects invalid JSON at registration with the rule index and field', () => {
    const bad = (json: unknown) => () => rules(json as never);
    expect(bad({})).toThrow('intentful: rules: must be an array of rules, got {}');
    expect(bad([{ variant: 'a' }, { when: {} }])).toThrow(
      'intentful: rules[1].variant: must name a variant, got undefined',
    );
    expect(bad([{ variant: 'a', when: { pagetype: 'product' } }])).toThrow(
      /^intentful: rules\[0\]\.when\.pagetype: unknown condition \(known: pageType, /,
    );
    expect(bad([{ variant: 'a', when: { intent: { id: 'compare', min: 'high' } } }])).toThrow(
      'intentful: rules[0].when.intent.min: must be a confidence between 0 and 1, got "high"',
    );
    expect(bad([{ variant: 'a', when: { signals: [{ type: 'click', min: -1 }] } }])).toThrow(
      'intentful: rules[0].when.signals[0].min: must be a number ≥ 0, got -1',
    );
    expect(bad([{ variant: 'a', when: { pageType: [] } }])).toThrow(SlotError);
  });

  it('checks rule variants against the slot when registered with defineSlots', () => {
    expect(() =>
      defineSlots({
        hero: {
          variants: { standard: {}, compare: {} },
          rules: [{ variant: 'compare' }, { variant: 'comapre' }],
        },
      }),
    ).toThrow(
      'intentful: slot "hero": rules[1].variant: unknown variant (known: standard, compare), got "comapre"',
    );
    expect(() => defineSlots({ hero: { variants: { a: {} }, fallback: 'b' as never } })).toThrow(
      'intentful: slot "hero": fallback "b" is not a variant (known: a)',
    );
  });
});

describe('hub: stickiness', () => {
  it('keeps the unit id and its assignment across reloads when storage is allowed', () => {
    const storage = memoryStorage();
    const variants = new Set<string>();
    const units = new Set<string | null>();
    for (let load = 0; load < 5; load++) {
      const engine = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
      const hub = createSlotHub(engine, { storage, policy: experiment({ share: 0, salt: 'r' }) });
      // The unit id is read from (or written to) storage on connect, never at creation.
      const stop = hub.connect();
      const slot = hub.slot('hero');
      slot.configure(hero);
      variants.add(slot.get().variant);
      units.add(hub.unit);
      stop();
    }
    expect(variants.size).toBe(1);
    expect(units.size).toBe(1);
    expect(storage.data.get('intentful:unit')).toBe([...units][0]);
  });

  it('survives storage that throws', () => {
    const engine = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
    const storage: KeyValueStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const onError = vi.fn();
    const hub = createSlotHub(engine, { storage, policy: experiment({ share: 0 }), onError });
    const stop = hub.connect();
    const slot = hub.slot('hero');
    slot.configure(hero);
    expect(hub.unit).toEqual(expect.any(String));
    expect(slot.get().policy).toBe('experiment');
    expect(slot.get().assignment?.holdout).toBe(false);
    expect(onError).not.toHaveBeenCalled();
    stop();
  });
});

describe('hub: bad policies and sinks never break the page', () => {
  const setup = (policy: Policy, sinks: ((e: SlotEvent) => void)[] = [], onError = vi.fn()) => {
    const engine = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
    const hub = createSlotHub(engine, {
      policy,
      features: [analyticsFeatures({ sinks })],
      onError,
      unitId: 'u',
    });
    const slot = hub.slot('hero');
    slot.configure(hero);
    return { engine, hub, slot, onError };
  };

  it('falls back when a policy throws and reports once', () => {
    const policy: Policy = {
      name: 'broken',
      decide: () => {
        throw new Error('boom');
      },
    };
    const { engine, hub, slot, onError } = setup(policy);
    const stop = hub.connect();
    expect(slot.get()).toMatchObject({ variant: 'standard', fallback: true, policy: 'broken' });
    engine.track({ type: 'click', target: 'compare' });
    expect(slot.get().variant).toBe('standard');
    expect(onError).toHaveBeenCalledTimes(1);
    stop();
  });

  it('falls back when a policy returns an unknown variant, naming it', () => {
    const { slot, onError } = setup({
      name: 'typo',
      decide: () => ({ variant: 'nope', reason: '' }),
    });
    expect(slot.get().variant).toBe('standard');
    expect(onError.mock.calls[0]?.[0].message).toBe(
      'policy "typo" for slot "hero" chose unknown variant "nope" (known: standard, compare, delivery)',
    );
  });

  it('isolates a throwing sink from rendering and from other sinks', async () => {
    const good = vi.fn();
    const {
      slot,
      onError,
      hub: setupHub,
    } = setup(intentMatch(), [
      () => {
        throw new Error('sink down');
      },
      good,
    ]);
    // Decisions go to sinks once the hub is connected (mounted), not from a server render.
    setupHub.connect();
    slot.get();
    slot.expose();
    await Promise.resolve();
    expect(good).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('emits a decision event when the variant changes, not when only the confidence moves', async () => {
    const clock = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: clock.clock });
    const events: SlotEvent[] = [];
    const hub = createSlotHub(engine, {
      features: [analyticsFeatures({ sinks: [(e: SlotEvent) => events.push(e)] })],
      unitId: 'u',
    });
    const slot = hub.slot('hero');
    slot.configure(hero);
    const stop = hub.connect();
    slot.subscribe(() => {});
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const first = slot.get();
    engine.track({ type: 'page-view', data: { pageType: 'product' } });
    const second = slot.get();
    // Same variant for the same intent: the decision (and the reason that put it there) stays.
    expect(second).toBe(first);
    await Promise.resolve();
    expect(events.map((e) => e.type === 'decision' && e.variant)).toEqual(['standard', 'compare']);
    stop();
  });

  it('lists current decisions for devtools, skipping slots nobody configured', () => {
    const { clock } = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock });
    const onError = vi.fn();
    const hub = createSlotHub(engine, { unitId: 'u', onError, clock });
    hub.slot('hero').configure(hero);
    hub.slot('not-mounted-yet');
    expect(hub.decisions()).toEqual([
      {
        slot: 'hero',
        variant: 'standard',
        policy: 'intent-match',
        reason: 'The standard version: nothing specific stood out yet.',
        evidence: [],
        assignment: null,
        fallback: true,
        intent: null,
        describesIntent: false,
        at: 1_000_000,
      },
    ]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('sends nothing while consent is missing', async () => {
    const engine = createIntentEngine({ model: shopModel, clock: fakeClock().clock });
    const sink = vi.fn();
    let granted = false;
    const hub = createSlotHub(engine, {
      features: [analyticsFeatures({ sinks: [sink] })],
      canSend: () => granted,
      unitId: 'u',
    });
    const slot = hub.slot('hero');
    slot.configure(hero);
    slot.get();
    slot.expose();
    expect(sink).not.toHaveBeenCalled();
    granted = true;
    await Promise.resolve();
    expect(sink).not.toHaveBeenCalled();
    hub.goal('purchase');
    expect(sink).toHaveBeenCalledTimes(1);
  });
});
