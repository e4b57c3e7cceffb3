import { defineSlots, type PolicyContext } from 'intentful/core';
import { intentMatch } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine, createSlotHub, resolveSlot } from '../internal';

function setup() {
  const time = fakeClock();
  const engine = createIntentEngine({ model: shopModel, clock: time.clock });
  return { engine, time, state: () => engine.store.getState() };
}

const compareIndex = shopModel.intentIds.indexOf('compare');
const shippingIndex = shopModel.intentIds.indexOf('shipping-concern');

describe('published state, built when read', () => {
  it('keeps a state read earlier as it was, beliefs and evidence included', () => {
    const { engine, time, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    const before = state();
    const belief = before.beliefs.compare;
    time.advance(1000);
    engine.track({ type: 'click', target: 'compare' });
    const after = state();
    expect(after).not.toBe(before);
    expect(before.beliefs.compare).toBe(belief);
    expect(belief.observations).toBe(1);
    expect(belief.evidence[0]?.count).toBe(1);
    expect(after.beliefs.compare.observations).toBe(2);
    expect(after.beliefs.compare.evidence[0]?.count).toBe(2);
  });

  it('builds one state per publish, and keeps the objects of beliefs that did not change', () => {
    const { engine, state } = setup();
    const first = state();
    expect(state()).toBe(first);
    engine.track({ type: 'click', target: 'compare' });
    const second = state();
    expect(second.beliefs.compare).not.toBe(first.beliefs.compare);
    expect(second.beliefs['shipping-concern']).toBe(first.beliefs['shipping-concern']);
    // A signal no rule reads publishes nothing: the same state, not an equal copy.
    engine.track({ type: 'click', target: 'nothing-reads-this' });
    expect(state()).toBe(second);
  });

  it('describes the last publish when read inside a batch, evidence included', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    let inside: ReturnType<typeof state> | undefined;
    engine.batch(() => {
      engine.track({ type: 'click', target: 'compare' });
      engine.track({ type: 'click', target: 'delivery-info' });
      inside = state();
    });
    expect(inside!.beliefs.compare.observations).toBe(1);
    expect(inside!.beliefs.compare.evidence[0]?.count).toBe(1);
    expect(inside!.beliefs['shipping-concern'].evidence).toEqual([]);
    expect(state().beliefs.compare.evidence[0]?.count).toBe(2);
  });

  it('keeps step statuses as published when the state is first read inside a batch', () => {
    const { engine, state } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    engine.dismissStep('gift-note');
    let inside: ReturnType<typeof state> | undefined;
    engine.batch(() => {
      engine.completeStep('comparison-table');
      inside = state();
    });
    expect(inside!.nextStep?.id).toBe('comparison-table');
    expect(inside!.steps).toEqual({ 'gift-note': 'dismissed' });
    expect(state().steps).toEqual({ 'gift-note': 'dismissed', 'comparison-table': 'completed' });
  });

  it('moves versions and confidences only for beliefs that changed, without building state', () => {
    const { engine } = setup();
    const { versions, confidences } = engine;
    const shipping = versions[shippingIndex];
    const compare = versions[compareIndex]!;
    const generation = engine.generation();
    engine.track({ type: 'click', target: 'compare' });
    expect(engine.generation()).toBe(generation + 1);
    expect(versions[compareIndex]).toBe(compare + 1);
    expect(versions[shippingIndex]).toBe(shipping);
    expect(confidences[compareIndex]).toBe(engine.store.getState().beliefs.compare.confidence);
  });

  it('never hands out a version twice for one intent, even across reset', () => {
    const { engine } = setup();
    engine.track({ type: 'click', target: 'compare' });
    const seen = engine.versions[compareIndex]!;
    engine.reset();
    expect(engine.versions[compareIndex]).toBeGreaterThan(seen);
    expect(engine.store.getState().beliefs.compare.observations).toBe(0);
  });

  it('gives zustand subscribers the new state and the one before it', () => {
    const { engine } = setup();
    const calls: [number, number][] = [];
    engine.store.subscribe((next, prev) =>
      calls.push([next.beliefs.compare.observations, prev.beliefs.compare.observations]),
    );
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    expect(calls).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('tells plain subscribers about a publish without building the state', () => {
    const { engine } = setup();
    const heard = vi.fn(() => engine.generation());
    engine.subscribe(heard);
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'nothing-reads-this' });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

describe('intent match on published confidences', () => {
  const hero = resolveSlot('hero', {
    standard: { fallback: true },
    compare: { intents: ['compare'] },
    delivery: { intents: ['shipping-concern'] },
  });

  it('decides the same from the live context as from a hand-made one with only the state', () => {
    const { engine } = setup();
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const handMade = contextOf(engine);
    const policy = intentMatch();
    const fromState = policy.decide(hero, handMade);
    const fromNumbers = policy.decide(hero, {
      ...handMade,
      confidence: (intent) => engine.confidences[engine.indexOf(intent)] ?? Number.NaN,
      belief: (intent) => engine.published(engine.indexOf(intent)),
    });
    expect(fromState).toMatchObject({ variant: 'compare', intent: 'compare' });
    expect(fromNumbers).toEqual(fromState);
  });

  it('answers with the decision on screen when nothing about it changed', () => {
    const { engine, time } = setup();
    const hub = createSlotHub(engine, {
      clock: () => time.now,
      slots: defineSlots({
        hero: {
          variants: {
            standard: { fallback: true },
            compare: { intents: ['compare'] },
            delivery: { intents: ['shipping-concern'] },
          },
        },
      }),
    });
    hub.connect();
    const slot = hub.slot('hero');
    slot.subscribe(() => {});
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const shown = slot.get();
    expect(shown.variant).toBe('compare');
    // More evidence for the same intent: the same decision object, its reason kept.
    engine.track({ type: 'page-view', data: { pageType: 'product' } });
    expect(slot.get()).toBe(shown);
    // Evidence only for an intent the slot shows nothing for keeps it too.
    const other = resolveSlot('other', { standard: { fallback: true } });
    expect(intentMatch().decide(other, { ...contextOf(engine), previous: null })).toMatchObject({
      variant: 'standard',
      intent: null,
    });
  });
});

function contextOf(engine: ReturnType<typeof setup>['engine']): PolicyContext {
  const state = engine.store.getState();
  return {
    state,
    unit: null,
    now: state.asOf,
    storage: null,
    previous: null,
    ranked: () => [],
    history: () => [],
  };
}
