import { createCart, type Signal } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { matchRoute, startCollectors } from '../internal';
import { allOff, setup } from './support';

const t = setup();

describe('page views', () => {
  it('counts the first page with its type from data-intent-page', () => {
    document.body.innerHTML = '<main data-intent-page="home"></main>';
    t.start({ pageViews: true });
    expect(t.signals).toEqual([
      { type: 'page-view', at: 1_000_000, target: '/', data: { nav: 'start', pageType: 'home' } },
    ]);
  });

  it("adds the page's data-intent-category, so rules can ask which categories were viewed", () => {
    document.body.innerHTML =
      '<main data-intent-page="product" data-intent-category="boots"></main>';
    t.start({ pageViews: true });
    expect(t.signals[0]?.data).toEqual({
      nav: 'start',
      pageType: 'product',
      category: 'boots',
      productViews: 1,
      repeat: false,
    });
  });

  it('counts views of each product page, so a second look reads as a repeat', () => {
    t.start({ pageViews: { routes: { '/p/:id': 'product' } } });
    for (const path of ['/p/1', '/p/2', '/p/1', '/cart']) {
      history.pushState(null, '', path);
      vi.advanceTimersByTime(50);
    }
    expect(t.signals.map((s) => [s.target, s.data?.productViews, s.data?.repeat])).toEqual([
      ['/', undefined, undefined],
      ['/p/1', 1, false],
      ['/p/2', 1, false],
      ['/p/1', 2, true],
      ['/cart', undefined, undefined],
    ]);
  });

  it('follows pushState, replaceState and popstate once the new page has rendered', () => {
    t.start({ pageViews: { routes: { '/products/:id': 'product', '/blog/*': 'article' } } });
    history.pushState(null, '', '/products/42');
    expect(t.signals).toHaveLength(1);
    vi.advanceTimersByTime(50);
    history.replaceState(null, '', '/blog/a/b?x=1');
    vi.advanceTimersByTime(50);
    history.replaceState(null, '', '/blog/a/b?x=1');
    vi.advanceTimersByTime(50);
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(50);
    expect(t.signals.map((s) => [s.target, s.data])).toEqual([
      ['/', { nav: 'start' }],
      ['/products/42', { nav: 'push', pageType: 'product', productViews: 1, repeat: false }],
      ['/blog/a/b?x=1', { nav: 'replace', pageType: 'article' }],
    ]);
  });

  it('ignores hash-only changes unless asked', () => {
    t.start({ pageViews: true });
    history.pushState(null, '', '/#section');
    vi.advanceTimersByTime(50);
    expect(t.signals).toHaveLength(1);
  });

  it('does not count the same page twice when restarted with the same memory (StrictMode)', () => {
    t.start({ pageViews: true }).stop();
    t.start({ pageViews: true });
    expect(t.types()).toEqual(['page-view']);
  });

  it('restores history methods on stop', () => {
    const push = history.pushState;
    const r = t.start({ pageViews: true });
    expect(history.pushState).not.toBe(push);
    r.stop();
    expect(history.pushState).toBe(push);
  });

  it('with history: false, only router reports count', () => {
    const r = t.start({ pageViews: { history: false, routes: { '/p/:id': 'product' } } });
    history.pushState(null, '', '/elsewhere');
    vi.advanceTimersByTime(100);
    r.pageView('/p/1');
    r.pageView('/p/1');
    r.pageView('/cart', 'cart');
    expect(t.signals.map((s) => [s.target, s.data])).toEqual([
      ['/p/1', { nav: 'start', pageType: 'product', productViews: 1, repeat: false }],
      ['/cart', { nav: 'manual', pageType: 'cart' }],
    ]);
  });

  it('matches route patterns', () => {
    const routes = { '/': 'home', '/products/:id': 'product', '/help/*': 'help' };
    expect(matchRoute(routes, '/')).toBe('home');
    expect(matchRoute(routes, '/products/7?color=red')).toBe('product');
    expect(matchRoute(routes, '/products/7/reviews')).toBeUndefined();
    expect(matchRoute(routes, '/help/shipping/eu')).toBe('help');
    expect(matchRoute((p) => (p.startsWith('/x') ? 'x' : undefined), '/xy')).toBe('x');
  });
});

describe('product pages and the cart', () => {
  const start = (history?: () => Signal[]) => {
    const seen: Signal[] = [];
    const running = startCollectors(
      {
        track: (input) => {
          seen.push({ ...input, at: Date.now() } as Signal);
          return true;
        },
        clock: () => Date.now(),
        ...(history && { history }),
      },
      { ...allOff, clicks: false, pageViews: { routes: { '/p/:id': 'product' } } },
    );
    return { seen, stop: () => running.stop() };
  };
  const visit = (path: string, product: string) => {
    document.body.innerHTML = `<main data-intent-page="product" data-intent-product="${product}"></main>`;
    history.pushState(null, '', path);
    vi.advanceTimersByTime(50);
  };

  it('says whether the product shown is in the cart, from the latest cart change in history', () => {
    const tracked: Signal[] = [];
    const cart = createCart((s) => {
      tracked.push({ ...s, at: Date.now() } as Signal);
      return true;
    });
    const { seen, stop } = start(() => tracked);
    visit('/p/1', 'sku-1');
    cart.add({ id: 'sku-1' });
    cart.add({ id: 'sku-2' });
    visit('/p/2', 'sku-2');
    cart.remove({ id: 'sku-2' });
    visit('/p/3', 'sku-1');
    visit('/p/4', 'sku-2');
    stop();
    expect(seen.slice(1).map((s) => [s.target, s.data?.inCart])).toEqual([
      ['/p/1', false],
      ['/p/2', true],
      ['/p/3', true],
      ['/p/4', false],
    ]);
  });

  it('says nothing about the cart without a product id or without history to read it from', () => {
    const withHistory = start(() => []);
    document.body.innerHTML = '<main></main>';
    history.pushState(null, '', '/p/1');
    vi.advanceTimersByTime(50);
    withHistory.stop();
    const without = start();
    visit('/p/2', 'sku-2');
    without.stop();
    expect([...withHistory.seen, ...without.seen].every((s) => !('inCart' in (s.data ?? {})))).toBe(
      true,
    );
  });
});

describe('product pages and what they cost', () => {
  it('carry the price, the brand and the price over the dearest product seen so far', () => {
    t.start({ pageViews: { routes: { '/p/:id': 'product' } } });
    const pages: [string, string][] = [
      ['/p/1', 'data-intent-price="120" data-intent-brand="Trailfox"'],
      ['/p/2', 'data-intent-price="60.5"'],
      ['/p/3', 'data-intent-price="240"'],
      ['/p/4', 'data-intent-price="not a price"'],
      ['/p/1', 'data-intent-price="120" data-intent-brand="Trailfox"'],
    ];
    for (const [path, attributes] of pages) {
      document.body.innerHTML = `<main data-intent-page="product" ${attributes}></main>`;
      history.pushState(null, '', path);
      vi.advanceTimersByTime(50);
    }
    expect(
      t.signals.slice(1).map((s) => [s.data?.price, s.data?.priceVsMax, s.data?.brand]),
    ).toEqual([
      [120, 1, 'Trailfox'],
      [60.5, 0.504, undefined],
      [240, 1, undefined],
      // An unreadable price says nothing and leaves the running maximum alone.
      [undefined, undefined, undefined],
      [120, 0.5, 'Trailfox'],
    ]);
  });
});
