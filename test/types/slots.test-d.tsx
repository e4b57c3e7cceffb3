import {
  AdaptiveSlot,
  type Decision,
  defineSlots,
  type RegisteredSlot,
  useSlotDecision,
  Variant,
  type VariantOf,
  WhyThis,
} from 'intentful';
import { describe, expectTypeOf, it } from 'vitest';

const slots = defineSlots({
  hero: {
    variants: { standard: {}, compare: { intents: ['compare'] } },
    fallback: 'standard',
    rules: [{ variant: 'compare', when: { pageType: 'product' } }],
  },
  promo: { variants: { none: {}, 'free-shipping': {} } },
});

declare module 'intentful' {
  interface Register {
    slots: typeof slots;
  }
}

describe('typed slots and variants', () => {
  it('infers slot and variant ids from the registry', () => {
    expectTypeOf<RegisteredSlot>().toEqualTypeOf<'hero' | 'promo'>();
    expectTypeOf<VariantOf<'hero'>>().toEqualTypeOf<'standard' | 'compare'>();
    expectTypeOf<VariantOf<'promo'>>().toEqualTypeOf<'none' | 'free-shipping'>();
  });

  it('rejects unknown slot and variant ids', () => {
    <AdaptiveSlot id="hero" variant="compare">
      <Variant id="compare">x</Variant>
    </AdaptiveSlot>;
    // @ts-expect-error typo in a slot id
    <AdaptiveSlot id="heor" />;
    // @ts-expect-error variant of another slot
    <AdaptiveSlot id="hero" variant="free-shipping" />;
    // @ts-expect-error typo in a variant id
    <Variant id="comapre">x</Variant>;
    // @ts-expect-error typo in a slot id
    <WhyThis slot="promoo" />;
    // @ts-expect-error typo in a slot id
    useSlotDecision('heroo');
    // @ts-expect-error typo in a fallback variant id
    <AdaptiveSlot id="promo" fallback="free-shiping" />;
    // @ts-expect-error fallback variant of another slot
    <AdaptiveSlot id="promo" fallback="standard" />;
  });

  it('types the intents of a variant to the registered model', () => {
    <AdaptiveSlot id="hero" fallback="standard" live>
      <Variant id="standard" fallback>
        x
      </Variant>
      <Variant id="compare" intents={['compare', 'shipping-concern']} label="Compare">
        y
      </Variant>
    </AdaptiveSlot>;
    // @ts-expect-error typo in an intent id
    <Variant id="compare" intents={['compre']} />;
    // @ts-expect-error intents is a list of ids, not one id
    <Variant id="compare" intents="compare" />;
  });

  it('types decisions by slot', () => {
    expectTypeOf(useSlotDecision('promo')).toEqualTypeOf<Decision<
      'none' | 'free-shipping'
    > | null>();
  });

  it('rejects a fallback that is not a variant', () => {
    // @ts-expect-error 'b' is not a variant of this slot
    defineSlots({ x: { variants: { a: {} }, fallback: 'b' } });
  });
});

describe('intent ids in slot definitions', () => {
  it('rejects an intent the registered model lacks, in variants and in rules', () => {
    defineSlots({
      ok: {
        variants: { a: {}, b: { intents: ['compare'] } },
        rules: [{ variant: 'b', when: { intent: { id: 'shipping-concern', min: 0.6 } } }],
      },
    });
    // @ts-expect-error typo in a variant's intent
    defineSlots({ x: { variants: { a: {}, b: { intents: ['compre'] } } } });
    defineSlots({
      // @ts-expect-error typo in a rule's intent
      y: { variants: { a: {} }, rules: [{ variant: 'a', when: { intent: { id: 'compre' } } }] },
    });
  });
});
