import { render } from '@testing-library/react';
import { createIntentful, IntentProvider, type Signal, usePageView } from 'intentful';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const Page = ({ path }: { path: string }) => {
  usePageView(path, 'product');
  return null;
};

describe('onSignal and the first page view', () => {
  it('hears the page view a child reports on mount', () => {
    const time = fakeClock();
    const seen: string[] = [];
    const client = createIntentful({ model: shopModel, consent: 'granted', clock: time.clock });
    client.onSignal((s: Signal) => seen.push(`${s.type} ${s.target}`));
    render(
      <IntentProvider client={client}>
        <Page path="/products/a" />
      </IntentProvider>,
    );
    expect(seen).toContain('page-view /products/a');
  });
});
