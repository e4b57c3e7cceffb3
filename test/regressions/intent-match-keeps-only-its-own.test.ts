// Intent match answers with the decision on screen when nothing changed (so a signal builds no
// new decision). Review of that change: it must not keep a decision that another policy made, one
// that carries an experiment assignment, or one that belongs to another slot.
import type { Policy } from 'intentful/core';
import { intentMatch, rules, withHoldout } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import {
  analyticsFeatures,
  bucketOf,
  createIntentEngine,
  createSlotHub,
  resolveSlot,
} from '../internal';

const variants = { standard: { fallback: true }, compare: { intents: ['compare'] } } as const;
const hero = resolveSlot('hero', variants);

function setup(unitId?: string) {
  const time = fakeClock();
  const engine = createIntentEngine({ model: shopModel, clock: time.clock });
  const hub = createSlotHub(engine, {
    clock: time.clock,
    features: [analyticsFeatures({ sinks: [() => {}] })],
    ...(unitId !== undefined && { unitId }),
  });
  return { time, engine, hub };
}

describe('intent match keeps only its own decision', () => {
  it('names itself after the slot switches to it from another policy', () => {
    const { hub } = setup('u');
    const stop = hub.connect();
    const slot = hub.slot('hero');
    slot.configure(
      hero,
      rules([{ variant: 'compare', when: { signals: [{ type: 'click', target: 'x', min: 5 }] } }]),
    );
    expect(slot.get().policy).toBe('rules');
    slot.configure(hero, intentMatch());
    expect(slot.get()).toMatchObject({ policy: 'intent-match', variant: 'standard' });
    stop();
  });

  it('drops the holdout flag when the holdout no longer applies', () => {
    const { hub } = setup('u');
    const stop = hub.connect();
    const slot = hub.slot('hero');
    slot.configure(hero, withHoldout(intentMatch(), { share: 1 }));
    expect(slot.get().assignment?.holdout).toBe(true);
    slot.configure(hero, withHoldout(intentMatch(), { share: 0 }));
    expect(slot.get().assignment?.holdout).toBe(false);
    stop();
  });

  it('after forget(), decides for the new unit, not the forgotten one', () => {
    const units: string[] = [];
    for (let i = 0; units.length < 2 && i < 1000; i++) {
      const u = `unit-${i}`;
      const held = bucketOf(u, 'hero', 'holdout') < 0.5;
      if (units.length === 0 ? held : !held) units.push(u);
    }
    const uuid = vi.spyOn(globalThis.crypto, 'randomUUID');
    for (const u of units) uuid.mockReturnValueOnce(u as ReturnType<typeof crypto.randomUUID>);
    try {
      const { hub } = setup();
      const slot = hub.slot('hero');
      slot.configure(hero, withHoldout(intentMatch(), { share: 0.5 }));
      slot.subscribe(() => {});
      const stop = hub.connect();
      expect(slot.get().assignment).toMatchObject({ unit: units[0], holdout: true });
      hub.forget();
      expect(hub.unit).toBe(units[1]);
      expect(slot.get().assignment).toMatchObject({ unit: units[1], holdout: false });
      stop();
    } finally {
      uuid.mockRestore();
    }
  });

  it("keeps a slot's decision its own when its policy reads another slot first", () => {
    const { time, engine, hub } = setup('u');
    const match = intentMatch();
    const follower: Policy = {
      name: 'follow',
      reads: match.reads!,
      decide(slot, ctx) {
        hub.slot('b').get();
        return match.decide(slot, ctx);
      },
    };
    const a = hub.slot('a');
    hub.slot('b').configure(resolveSlot('b', variants), match);
    a.configure(resolveSlot('a', variants), follower);
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    a.get();
    time.advance(1000);
    engine.track({ type: 'click', target: 'compare' });
    expect(a.get()).toMatchObject({ slot: 'a', variant: 'compare' });
  });
});
