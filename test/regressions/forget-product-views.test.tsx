import { act, render } from '@testing-library/react';
import {
  collectors,
  createIntentful,
  IntentProvider,
  type Signal,
  useConsent,
  usePageView,
} from 'intentful';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

// The app reports page views itself (the old `page` prop), so collectors leave history alone.
const collect = collectors({ session: false, pageViews: { history: false } });

describe('forget() and collector memory', () => {
  it('a product seen before forget() is not reported as a repeat view afterwards', () => {
    const time = fakeClock();
    const signals: Signal[] = [];
    let forget = (): void => {};
    const Grab = () => {
      forget = useConsent().forget;
      return null;
    };
    const Route = ({ path }: { path: string }) => {
      usePageView(path, 'product');
      return null;
    };
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      plugins: [collect],
      clock: time.clock,
    });
    client.onSignal((s) => signals.push(s));
    const app = (path: string) => (
      <IntentProvider client={client}>
        <Grab />
        <Route path={path} />
        <main data-intent-page="product" data-intent-price={path.endsWith('b') ? 300 : 100} />
      </IntentProvider>
    );
    const view = render(app('/products/a'));
    view.rerender(app('/products/b'));
    act(() => forget());
    view.rerender(app('/products/a'));
    const last = signals.filter((s) => s.type === 'page-view').at(-1)!;
    expect(last.target).toBe('/products/a');
    // Everything before forget() is gone: this is the first view of /products/a the engine knows of.
    // Nor is the dearer product seen before it: this one is the dearest so far.
    expect(last.data).toMatchObject({ productViews: 1, repeat: false, priceVsMax: 1 });
  });
});
