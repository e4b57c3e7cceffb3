import {
  type Belief,
  createIntentful,
  defineModel,
  type Intentful,
  type IntentOf,
  IntentProvider,
  type NextStepView,
  type StepOf,
  useDeclare,
  useIntent,
  useIntentful,
  useNextStep,
  useTopIntent,
} from 'intentful';
import { IntentProfile, IntentQuestion } from 'intentful/profile';
import { describe, expectTypeOf, it } from 'vitest';
import { engineOf } from '../internal';

const model = defineModel({
  intents: {
    compare: { evidence: [{ when: { type: 'click', target: 'compare' }, weight: 1 }] },
    'shipping-concern': { evidence: [] },
  },
  steps: [{ id: 'comparison-table', intent: 'compare' }],
});

type Intent = 'compare' | 'shipping-concern';

declare module 'intentful' {
  interface Register {
    model: typeof model;
  }
}

describe('typed ids', () => {
  it('infers intent and step ids from the model', () => {
    expectTypeOf<IntentOf<typeof model>>().toEqualTypeOf<Intent>();
    expectTypeOf<StepOf<typeof model>>().toEqualTypeOf<'comparison-table'>();
  });

  it('rejects a step tied to an unknown intent', () => {
    defineModel({
      intents: { a: { evidence: [] } },
      // @ts-expect-error 'b' is not an intent of this model
      steps: [{ id: 's', intent: 'b' }],
    });
  });

  it('types the client from its model', () => {
    const client = createIntentful({ model });
    expectTypeOf(client).toEqualTypeOf<Intentful<Intent, 'comparison-table'>>();
    client.declare('compare', true);
    // @ts-expect-error typo in an intent id
    client.declare('compre', true);
    // @ts-expect-error unknown step
    client.dismissStep('nope');
    // @ts-expect-error unknown step
    client.completeStep('comparison-tabel');
    // @ts-expect-error typo in an intent id
    client.belief('shiping-concern');
    // @ts-expect-error typo in an intent id
    client.trail('compre');
    expectTypeOf(client.belief('compare')).toEqualTypeOf<Belief<Intent>>();
    expectTypeOf(client.getState().beliefs.compare).toEqualTypeOf<Belief<Intent>>();
    expectTypeOf(client.getState().top?.intent).toEqualTypeOf<Intent | undefined>();
    expectTypeOf(client.getState().nextStep?.id).toEqualTypeOf<'comparison-table' | undefined>();
    // @ts-expect-error not an intent of this model
    client.getState().beliefs.gift;
  });

  it('types a client from an inline model without Register', () => {
    const client = createIntentful({
      model: defineModel({ intents: { a: { evidence: [] } }, steps: [{ id: 's', intent: 'a' }] }),
    });
    client.declare('a', null);
    // @ts-expect-error 'compare' belongs to the registered model, not this one
    client.declare('compare', true);
    // @ts-expect-error unknown step
    client.dismissStep('t');
  });

  it('types the engine behind a client from its model', () => {
    const engine = engineOf(createIntentful({ model }));
    engine.declare('compare', true);
    // @ts-expect-error typo in an intent id
    engine.declare('compre', true);
    // @ts-expect-error unknown step
    engine.dismissStep('nope');
    expectTypeOf(engine.store.getState().beliefs.compare).toEqualTypeOf<Belief<Intent>>();
  });

  it('types the provider by the registered model', () => {
    <IntentProvider client={createIntentful({ model })}>x</IntentProvider>;
    // @ts-expect-error a client is required; there is no model prop any more
    <IntentProvider model={model}>x</IntentProvider>;
    const other = createIntentful({ model: defineModel({ intents: { zzz: { evidence: [] } } }) });
    // @ts-expect-error a client of another model than the registered one
    <IntentProvider client={other}>x</IntentProvider>;
  });

  it('types the hooks through Register', () => {
    expectTypeOf(useIntent('shipping-concern')).toEqualTypeOf<Belief<'shipping-concern'>>();
    // @ts-expect-error typo in an intent id
    useIntent('shiping-concern');
    // @ts-expect-error an intent id is required
    useIntent();
    expectTypeOf(useIntent('compare', (b) => b.confidence > 0.6)).toEqualTypeOf<boolean>();
    expectTypeOf(useIntent('compare', (b) => b.intent)).toEqualTypeOf<'compare'>();
    // @ts-expect-error typo in an intent id, with a selector
    useIntent('compre', (b) => b.confidence);

    const declare = useDeclare();
    // @ts-expect-error typo in an intent id
    declare('compre', true);

    expectTypeOf(useTopIntent()).toEqualTypeOf<Intent | null>();
    expectTypeOf(useTopIntent((b) => b.label)).toEqualTypeOf<string | null>();
    expectTypeOf(useTopIntent((b) => b.intent)).toEqualTypeOf<Intent | null>();
    // @ts-expect-error a top intent is never a typo
    useTopIntent() === 'compre';

    const step = useNextStep();
    expectTypeOf(step).toEqualTypeOf<NextStepView | null>();
    expectTypeOf(step?.id).toEqualTypeOf<'comparison-table' | undefined>();
    expectTypeOf(step?.intent).toEqualTypeOf<Intent | undefined>();
    expectTypeOf(step?.why).toEqualTypeOf<string | undefined>();
    expectTypeOf(step?.confidence).toEqualTypeOf<number | undefined>();
    // @ts-expect-error typo in a step id
    step?.id === 'comparison-tabel';

    const client = useIntentful();
    expectTypeOf(client).toEqualTypeOf<Intentful<Intent, 'comparison-table'>>();
    // @ts-expect-error typo in an intent id
    client.declare('compre', true);
    // @ts-expect-error typo in a step id
    client.dismissStep('comparison-tabel');
  });
});

describe('intentful/profile uses the registered ids', () => {
  it('rejects a typo in a question choice or a profile intent', () => {
    <IntentQuestion choices={['compare', { intent: 'shipping-concern', label: 'Delivery' }]} />;
    // @ts-expect-error typo in a choice's intent id
    <IntentQuestion choices={['compre']} />;
    // @ts-expect-error typo in a labelled choice's intent id
    <IntentQuestion choices={[{ intent: 'shiping-concern', label: 'Delivery' }]} />;
    <IntentQuestion
      choices={['compare']}
      onAnswer={(intent) => expectTypeOf(intent).toEqualTypeOf<Intent>()}
    />;
    <IntentProfile intents={['compare']} />;
    // @ts-expect-error typo in an intent id
    <IntentProfile intents={['compre']} />;
  });
});
