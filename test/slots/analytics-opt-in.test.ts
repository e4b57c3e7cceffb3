// Exposures, goal attribution and slot events are opt-in: `analytics()` brings them, and a
// learning policy carries what it learns from. Without either, nothing is recorded or sent.
import {
  analytics,
  createIntentful,
  defineSlots,
  type Feedback,
  type Policy,
  persistence,
  type SlotEvent,
} from 'intentful/core';
import { bandit, experiment, withHoldout, withUnit } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage, shopModel } from '../fixtures';

const variants = { standard: { fallback: true }, compare: { intents: ['compare'] } } as const;

/** A policy that records what the hub tells it, and always shows `compare`. */
function recording(): Policy & { heard: Feedback[] } {
  const heard: Feedback[] = [];
  return {
    name: 'recording',
    heard,
    decide: () => ({ variant: 'compare', reason: 'test' }),
    learn: (f) => void heard.push(f),
  };
}

function client(policy: Policy, plugins: Parameters<typeof createIntentful>[0]['plugins'] = []) {
  const onError = vi.fn();
  const c = createIntentful({
    model: shopModel,
    consent: 'granted',
    unitId: 'u1',
    slots: defineSlots({ hero: { variants, policy } }),
    plugins,
    onError,
  });
  c.mount();
  return { c, onError };
}

describe('analytics() is what records and sends', () => {
  it('with analytics(), a seen variant and a goal reach the sinks and the learning policy', async () => {
    const sent: SlotEvent[] = [];
    const policy = recording();
    const { c, onError } = client(policy, [analytics({ sinks: [(e) => void sent.push(e)] })]);
    c.slot('hero').get();
    c.slot('hero').expose();
    c.goal('purchase');
    await Promise.resolve();
    expect(sent.map((e) => e.type).sort()).toEqual(['decision', 'exposure', 'outcome']);
    expect(sent.find((e) => e.type === 'outcome')).toMatchObject({
      goal: 'purchase',
      exposures: [{ slot: 'hero', variant: 'compare' }],
    });
    expect(policy.heard.map((f) => f.kind)).toEqual(['exposure', 'outcome']);
    expect(onError).not.toHaveBeenCalled();
  });

  it('without it, a custom learning policy hears nothing and development says why, once', () => {
    const policy = recording();
    const { c, onError } = client(policy);
    c.slot('hero').get();
    c.slot('hero').expose();
    c.goal('purchase');
    c.goal('purchase');
    expect(policy.heard).toEqual([]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toMatch(/add analytics\(\) to the client's plugins/);
    // The slot itself works as before.
    expect(c.slot('hero').get().variant).toBe('compare');
  });

  it.each([
    ['bandit()', () => bandit({ seed: 1, persist: false })],
    ['withHoldout(bandit())', () => withHoldout(bandit({ seed: 1, persist: false }), { share: 0 })],
  ])('%s learns from exposures and goals without analytics()', (_name, make) => {
    const policy = make();
    const learn = vi.spyOn(policy as Required<Policy>, 'learn');
    const { c, onError } = client(policy);
    const shown = c.slot('hero').get().variant;
    c.slot('hero').expose();
    c.goal('purchase');
    expect(learn.mock.calls.map(([f]) => [f.kind, f.variant])).toEqual([
      ['exposure', shown],
      ['outcome', shown],
    ]);
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('the unit id comes with what needs it', () => {
  const seen = (policy?: Policy, late = false) => {
    const storage = memoryStorage();
    const c = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      plugins: [persistence()],
      ...(policy && !late && { policy }),
    });
    c.mount();
    const slot = c.slot('hero');
    slot.configure(
      { id: 'hero', ids: ['standard', 'compare'], variants, fallback: 'standard' },
      late ? policy : undefined,
    );
    const d = slot.get();
    slot.expose();
    // Assignments and the unit id share one record on the device.
    const record = JSON.parse(storage.getItem('intentful:slots') ?? '{}') as Record<string, string>;
    return { d, unit: record['intentful:unit'] ?? null };
  };

  it('intent match alone chooses and stores no unit id', () => {
    const { d, unit } = seen();
    expect(d.policy).toBe('intent-match');
    expect(unit).toBeNull();
  });

  it.each([
    ['as the default policy', false],
    ['on a slot configured after mount', true],
  ])('an experiment %s gets a unit, assigns by it and keeps it once seen', (_how, late) => {
    const { d, unit } = seen(experiment({ share: 0 }), late);
    expect(d.policy).toBe('experiment');
    expect(unit).toEqual(expect.any(String));
    expect(d.assignment?.unit).toBe(unit);
  });
});

describe('a policy of the app that hashes the unit', () => {
  const hashing: Policy = {
    name: 'mine',
    decide: (slot, ctx) => ({ variant: ctx.unit ? 'compare' : slot.fallback, reason: 'test' }),
  };
  const client = (policy: Policy) => {
    const c = createIntentful({ model: shopModel, consent: 'granted', policy });
    c.mount();
    return c.slot('hero');
  };
  const configure = (slot: ReturnType<typeof client>) => {
    slot.configure({ id: 'hero', ids: ['standard', 'compare'], variants, fallback: 'standard' });
    return slot.get().variant;
  };

  it('gets no unit on its own, and one with withUnit()', () => {
    expect(configure(client(hashing))).toBe('standard');
    expect(configure(client(withUnit(hashing)))).toBe('compare');
  });
});

describe('options an earlier version took', () => {
  it.each([
    ['sinks', { sinks: [() => {}] }, /plugins: \[analytics\(\{ sinks \}\)\]/],
    ['initialState', { initialState: { v: 1, at: 0, intents: {}, steps: {} } }, /hydrate\(state\)/],
  ])('%s is reported in development with what replaces it', (_name, old, says) => {
    const onError = vi.fn();
    createIntentful({ model: shopModel, onError, ...(old as object) });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toMatch(says);
  });
});
