// @vitest-environment node
import { AdaptiveSlot, createIntentful, IntentProvider, Variant, WhyThis } from 'intentful';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { shopModel } from '../fixtures';

describe('server HTML of a JSX slot', () => {
  it('holds the fallback variant and the "why" toggle, so nothing moves after hydration', () => {
    const client = createIntentful({ model: shopModel });
    const html = renderToString(
      <IntentProvider client={client}>
        <AdaptiveSlot id="pdp-side">
          <Variant id="standard" fallback>
            Free returns within 30 days.
          </Variant>
          <Variant id="delivery" intents={['shipping-concern']}>
            Order by 4 pm.
          </Variant>
        </AdaptiveSlot>
        <WhyThis slot="pdp-side" />
      </IntentProvider>,
    );
    expect(html).toContain('<div data-intent-slot="pdp-side">Free returns within 30 days.</div>');
    expect(html).not.toContain('Order by 4 pm');
    expect(html).toContain('<details data-intent-why="pdp-side" data-state="pending">');
  });

  it('names the fallback in data-variant when the slot is told it', () => {
    const client = createIntentful({ model: shopModel });
    const html = renderToString(
      <IntentProvider client={client}>
        <AdaptiveSlot id="pdp-side" fallback="standard">
          <Variant id="standard">Free returns.</Variant>
          <Variant id="delivery">Order by 4 pm.</Variant>
        </AdaptiveSlot>
      </IntentProvider>,
    );
    expect(html).toContain('data-variant="standard"');
    expect(html).toContain('Free returns.');
  });
});
