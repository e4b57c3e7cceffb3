import { render } from '@testing-library/react';
import { IntentProvider, type Signal, usePageView } from 'intentful';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const Page = ({ path }: { path: string }) => {
  usePageView(path, 'product');
  return null;
};

describe('onSignal prop written inline', () => {
  it('sees the page view a child reports on a route change', () => {
    const time = fakeClock();
    const seen: string[] = [];
    const app = (path: string) => (
      <IntentProvider
        model={shopModel}
        consent="granted"
        clock={time.clock}
        // The usual way to write it: a new function every render.
        onSignal={(s: Signal) => seen.push(`${s.type} ${s.target}`)}
      >
        <Page path={path} />
      </IntentProvider>
    );
    const view = render(app('/products/a'));
    view.rerender(app('/products/b'));
    expect(seen).toContain('page-view /products/b');
  });
});
