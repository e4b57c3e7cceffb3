import {
  type Belief,
  createIntentEngine,
  defineModel,
  type IntentOf,
  type StepOf,
  useDeclare,
  useIntent,
  useNextStep,
} from 'intentful';
import { describe, expectTypeOf, it } from 'vitest';

const model = defineModel({
  intents: {
    compare: { evidence: [{ when: { type: 'click', target: 'compare' }, weight: 1 }] },
    'shipping-concern': { evidence: [] },
  },
  steps: [{ id: 'comparison-table', intent: 'compare' }],
});

declare module 'intentful' {
  interface Register {
    model: typeof model;
  }
}

describe('typed ids', () => {
  it('infers intent and step ids from the model', () => {
    expectTypeOf<IntentOf<typeof model>>().toEqualTypeOf<'compare' | 'shipping-concern'>();
    expectTypeOf<StepOf<typeof model>>().toEqualTypeOf<'comparison-table'>();
  });

  it('rejects a step tied to an unknown intent', () => {
    defineModel({
      intents: { a: { evidence: [] } },
      // @ts-expect-error 'b' is not an intent of this model
      steps: [{ id: 's', intent: 'b' }],
    });
  });

  it('types the engine from its model', () => {
    const engine = createIntentEngine({ model });
    engine.declare('compare', true);
    // @ts-expect-error typo in an intent id
    engine.declare('compre', true);
    // @ts-expect-error unknown step
    engine.dismissStep('nope');
    expectTypeOf(engine.store.getState().beliefs.compare).toEqualTypeOf<
      Belief<'compare' | 'shipping-concern'>
    >();
  });

  it('types the hooks through Register', () => {
    expectTypeOf(useIntent('shipping-concern')).toEqualTypeOf<Belief<'shipping-concern'>>();
    // @ts-expect-error typo in an intent id
    useIntent('shiping-concern');
    const declare = useDeclare();
    // @ts-expect-error typo in an intent id
    declare('compre', true);
    expectTypeOf(useNextStep()?.id).toEqualTypeOf<'comparison-table' | undefined>();
    expectTypeOf(useIntent().top?.intent).toEqualTypeOf<
      'compare' | 'shipping-concern' | undefined
    >();
  });
});
