import { act, render } from '@testing-library/react';
import { collectors, createCart, createIntentful, IntentProvider, useTrack } from 'intentful';
import { useMemo } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

describe('product page views with collectors()', () => {
  it('say the product is in the cart when the app added it through its own cart helper', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    history.replaceState(null, '', '/p/sku-1');
    const client = createIntentful({
      model: shopModel,
      plugins: [collectors({ session: false })],
    });
    let add = () => {};
    function Page() {
      const track = useTrack();
      const cart = useMemo(() => createCart(track), [track]);
      add = () => cart.add({ id: 'sku-1' });
      return <main data-intent-page="product" data-intent-product="sku-1" />;
    }
    render(
      <IntentProvider client={client}>
        <Page />
      </IntentProvider>,
    );
    act(() => {
      add();
      history.pushState(null, '', '/cart');
      vi.advanceTimersByTime(50);
      history.pushState(null, '', '/p/sku-1');
      vi.advanceTimersByTime(50);
    });
    const views = client.history().filter((s) => s.target === '/p/sku-1');
    expect(views.map((s) => s.data?.inCart)).toEqual([false, true]);
    vi.useRealTimers();
  });
});
