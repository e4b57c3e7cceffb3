import { act, render } from '@testing-library/react';
import { collectors, createIntentful, IntentProvider, type Signal, usePageView } from 'intentful';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

// The app reports page views itself (the old `page` prop), so collectors leave history alone.
const collect = collectors({ session: false, pageViews: { history: false } });

const Route = ({ path }: { path: string }) => {
  usePageView(path, 'product');
  return null;
};

beforeEach(() => {
  history.replaceState(null, '', '/products/a');
});

describe('withoutConsent="none", then consent granted', () => {
  it('the page the visitor is on is counted once collection is allowed', () => {
    const time = fakeClock();
    const signals: Signal[] = [];
    const client = createIntentful({
      model: shopModel,
      consent: 'pending',
      withoutConsent: 'none',
      plugins: [collect],
      clock: time.clock,
    });
    client.onSignal((s) => signals.push(s));
    render(
      <IntentProvider client={client}>
        <Route path="/products/a" />
      </IntentProvider>,
    );
    expect(signals).toEqual([]);
    act(() => client.setConsent('granted'));
    // Nothing was collected before consent; the current page must not be lost with it.
    expect(signals.filter((s) => s.type === 'page-view').map((s) => s.target)).toEqual([
      '/products/a',
    ]);
  });
});
