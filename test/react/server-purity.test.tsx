// @vitest-environment node
// On a real server (no window, no document), rendering asks for neither time nor randomness:
// the same request renders the same HTML.
import {
  AdaptiveSlot,
  collectors,
  createIntentful,
  defineSlots,
  IntentProvider,
  persistence,
  useConsent,
  useNextStep,
  useTopIntent,
  Variant,
  WhyThis,
} from 'intentful';
import { experiment } from 'intentful/policies';
import { renderToString } from 'react-dom/server';
import { expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

function Page() {
  useConsent();
  return (
    <main>
      <AdaptiveSlot id="hero">
        <Variant id="standard" fallback>
          Standard
        </Variant>
        <Variant id="compare" intents={['compare']}>
          Compare plans
        </Variant>
      </AdaptiveSlot>
      <AdaptiveSlot id="promo">
        <Variant id="a">A</Variant>
        <Variant id="b">B</Variant>
      </AdaptiveSlot>
      <WhyThis slot="promo" />
      <p>{useTopIntent() ?? 'none'}</p>
      <p>{useNextStep()?.id ?? 'none'}</p>
    </main>
  );
}

it.each([
  ['without a unit id', undefined],
  ['with a unit id', 'visitor-1'],
])('renders %s without reading Date.now or Math.random', (_, unitId) => {
  expect(typeof window).toBe('undefined');
  const slots = defineSlots({
    promo: { variants: { a: {}, b: {} }, policy: experiment({ share: 0 }) },
  });
  const client = createIntentful({
    model: shopModel,
    consent: 'granted',
    plugins: [collectors(), persistence()],
    slots,
    ...(unitId !== undefined && { unitId }),
  });
  const now = vi.spyOn(Date, 'now');
  const random = vi.spyOn(Math, 'random');
  const first = renderToString(
    <IntentProvider client={client}>
      <Page />
    </IntentProvider>,
  );
  const second = renderToString(
    <IntentProvider client={client}>
      <Page />
    </IntentProvider>,
  );
  expect(now).not.toHaveBeenCalled();
  expect(random).not.toHaveBeenCalled();
  now.mockRestore();
  random.mockRestore();
  expect(second).toBe(first);
  expect(first).toContain('data-intent-slot="promo"');
});
