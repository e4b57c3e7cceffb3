import { render } from '@testing-library/react';
import { createIntentful, IntentProvider, type Signal, usePageView } from 'intentful';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const Page = ({ path }: { path: string }) => {
  usePageView(path, 'product');
  return null;
};

describe('onSignal listener subscribed from a component', () => {
  it('sees the page view a child reports on a route change', () => {
    const time = fakeClock();
    const seen: string[] = [];
    const client = createIntentful({ model: shopModel, consent: 'granted', clock: time.clock });
    // The usual way to write it: a new listener every render, resubscribed in an effect.
    function Listen() {
      useEffect(() => client.onSignal((s: Signal) => seen.push(`${s.type} ${s.target}`)));
      return null;
    }
    const app = (path: string) => (
      <IntentProvider client={client}>
        <Listen />
        <Page path={path} />
      </IntentProvider>
    );
    const view = render(app('/products/a'));
    view.rerender(app('/products/b'));
    expect(seen).toContain('page-view /products/b');
  });
});
