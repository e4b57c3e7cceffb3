// Production builds drop the long validation sentences (they sit behind
// `process.env.NODE_ENV !== 'production'`); bad input must still fail, with an error that says
// where the problem is and which field is at fault.
import { defineModel, defineSlots, ModelError } from 'intentful/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlotError } from '../internal';

beforeEach(() => {
  vi.stubEnv('NODE_ENV', 'production');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const model = (definition: unknown) => () => defineModel(definition as never);
const slots = (definitions: unknown) => () => defineSlots(definitions as never);

describe('defineModel in production', () => {
  it.each([
    [{ intents: {} }, 'intentful: model: needs at least one intent'],
    [
      { intents: { a: { evidence: [{ when: { type: 'x' }, weight: 'heavy' }] } } },
      'intentful: intent "a", evidence[0]: bad weight',
    ],
    [
      { intents: { a: { evidence: [{ when: {}, weight: 1 }] } } },
      'intentful: intent "a", evidence[0]: bad when.type',
    ],
    [
      { intents: { a: { evidence: [{ when: { type: 'x', target: [] }, weight: 1 }] } } },
      'intentful: intent "a", evidence[0]: bad when.target',
    ],
    [
      { intents: { a: { evidence: [{ when: { type: 'x' }, weight: 1, maxContribution: -1 }] } } },
      'intentful: intent "a", evidence[0]: bad maxContribution',
    ],
    [
      { intents: { a: { evidence: [{ when: { type: 'x' }, weight: 1, scaleBy: {} }] } } },
      'intentful: intent "a", evidence[0]: bad scaleBy.field',
    ],
    [{ intents: { a: { halfLife: 0, evidence: [] } } }, 'intentful: intent "a": bad halfLife'],
    [
      { intents: { a: { evidence: [], satisfiedBy: { type: 7 } } } },
      'intentful: intent "a", satisfiedBy[0]: bad type',
    ],
    [
      { intents: { a: { evidence: [], satisfiedBy: [{ type: 'x', target: '' }] } } },
      'intentful: intent "a", satisfiedBy[0]: bad target',
    ],
    [
      JSON.parse('{ "intents": { "constructor": { "evidence": [] } } }'),
      'intentful: intent "constructor": reserved id "constructor"',
    ],
    [
      { intents: { a: { evidence: [] } }, steps: [{ id: 's', intent: 'b' }] },
      'intentful: step "s": unknown intent "b"',
    ],
    [
      { intents: { a: { evidence: [] } }, steps: [{ id: 's', intent: 'a', minConfidence: 2 }] },
      'intentful: step "s": bad minConfidence',
    ],
    [
      { intents: { a: { evidence: [] } }, minLeadToSwitch: -1 },
      'intentful: model: bad minLeadToSwitch',
    ],
  ])('rejects %j, naming where and which field', (definition, message) => {
    expect(model(definition)).toThrow(ModelError);
    expect(model(definition)).toThrow(message);
  });

  it('accepts what development accepts', () => {
    expect(
      model({ intents: { a: { evidence: [{ when: { type: 'x' }, weight: 1 }] } } }),
    ).not.toThrow();
  });
});

describe('defineSlots in production', () => {
  it.each([
    [{ hero: { variants: null } }, 'intentful: slot "hero": variants must be an object'],
    [{ hero: { variants: {} } }, 'intentful: slot "hero": needs at least one variant'],
    [
      JSON.parse('{ "toString": { "variants": { "a": {} } } }'),
      'intentful: slot "toString": reserved id "toString"',
    ],
    [
      JSON.parse('{ "hero": { "variants": { "a": {}, "valueOf": {} } } }'),
      'intentful: slot "hero": reserved variant id "valueOf"',
    ],
    [
      { hero: { variants: { a: { intents: 'compare' } } } },
      'intentful: slot "hero": variant "a": bad intents',
    ],
    [
      { hero: { variants: { a: {} }, fallback: 'b' } },
      'intentful: slot "hero": fallback "b" is not a variant',
    ],
  ])('rejects %j, naming the slot, variant and field', (definitions, message) => {
    expect(slots(definitions)).toThrow(SlotError);
    expect(slots(definitions)).toThrow(message);
  });
});
