// An intent id a slot names that the model lacks: the variant or rule could never apply, so
// development says so where it was written instead of leaving a slot that silently never adapts.
import { render, screen } from '@testing-library/react';
import { AdaptiveSlot, createIntentful, defineSlots, IntentProvider, Variant } from 'intentful';
import { rules } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const known = 'known: compare, shipping-concern, gift';

describe('unknown intent ids are a clear error in development', () => {
  it('createIntentful rejects slots whose variants name an unknown intent', () => {
    const slots = defineSlots({
      hero: { variants: { standard: {}, compare: { intents: ['compre' as never] } } },
    });
    expect(() => createIntentful({ model: shopModel, slots })).toThrow(
      `intentful: slot "hero": variant "compare" names intent "compre", which the model does not define (${known})`,
    );
  });

  it('createIntentful rejects registered rules on an unknown intent, naming the rule', () => {
    const slots = defineSlots({
      hero: {
        variants: { standard: {}, compare: {} },
        rules: [
          { variant: 'standard', when: { pageType: 'home' } },
          { variant: 'compare', when: { intent: { id: 'comapre' as never } } },
        ],
      },
    });
    expect(() => createIntentful({ model: shopModel, slots })).toThrow(
      `intentful: slot "hero": rule 2 names intent "comapre"`,
    );
  });

  it('accepts slots whose ids all exist', () => {
    const slots = defineSlots({
      hero: {
        variants: { standard: {}, compare: { intents: ['compare'] } },
        rules: [{ variant: 'compare', when: { intent: { id: 'compare' } } }],
      },
    });
    expect(() => createIntentful({ model: shopModel, slots })).not.toThrow();
  });

  it('<Variant intents> naming an unknown intent is reported once, and the slot still renders', () => {
    const onError = vi.fn();
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock, onError });
    const ui = (
      <IntentProvider client={client}>
        <AdaptiveSlot id="hero">
          <Variant id="standard" fallback>
            Standard
          </Variant>
          <Variant id="compare" intents={['compre' as never]}>
            Compare
          </Variant>
        </AdaptiveSlot>
      </IntentProvider>
    );
    const { rerender } = render(ui);
    rerender(ui);
    expect(screen.getByText('Standard')).toBeTruthy();
    const messages = onError.mock.calls.map(([e]) => (e as Error).message);
    expect(messages).toEqual([
      `intentful: slot "hero": variant "compare" names intent "compre", which the model does not define (${known})`,
    ]);
  });

  it('a rules() policy on an unknown intent reports it and shows the fallback', () => {
    const onError = vi.fn();
    const client = createIntentful({ model: shopModel, clock: fakeClock().clock, onError });
    const policy = rules([
      { variant: 'compare', when: { intent: { id: 'compre' as never, min: 0 } } },
    ]);
    render(
      <IntentProvider client={client}>
        <AdaptiveSlot id="hero" policy={policy}>
          <Variant id="standard" fallback>
            Standard
          </Variant>
          <Variant id="compare">Compare</Variant>
        </AdaptiveSlot>
      </IntentProvider>,
    );
    expect(screen.getByText('Standard')).toBeTruthy();
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toContain(
      'slot "hero": rule 1 names intent "compre", which the model does not define',
    );
  });
});
