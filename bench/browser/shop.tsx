import { type CSSProperties, type ReactNode, useState } from 'react';

export type Page = 'home' | 'category' | 'product' | 'cart';

/** Renders a slot: the adaptive one with intentful, its standard variant without. */
export type SlotRenderer = (slot: SlotId, page: Page) => ReactNode;
export type SlotId = 'promo' | 'hero' | 'pdp-assist' | 'cart-banner';

const box: CSSProperties = { border: '1px solid #ddd', borderRadius: 8, padding: 16, margin: 8 };

/** What each slot can show; the texts differ in length as real variants do. */
export const variantsOf: Record<SlotId, { id: string; intents?: string[]; text: string }[]> = {
  promo: [
    { id: 'standard', text: 'Free returns within 30 days.' },
    {
      id: 'shipping',
      intents: ['shipping-concern'],
      text: 'Order by 2 pm for delivery tomorrow. Free shipping over 50 €, tracked to your door, and free returns within 30 days.',
    },
  ],
  hero: [
    { id: 'standard', text: 'The spring collection is here.' },
    {
      id: 'compare',
      intents: ['compare'],
      text: 'Still deciding? Put any two jackets side by side: weight, warmth, waterproofing and fit.',
    },
  ],
  'pdp-assist': [
    { id: 'standard', text: 'Reviews' },
    {
      id: 'fit',
      intents: ['fit-uncertainty'],
      text: 'Unsure about the size? 92% of buyers say it fits true to size. Open the fit guide for your measurements.',
    },
    {
      id: 'compare',
      intents: ['compare'],
      text: 'Compare with the Breeze jacket: 120 g lighter, less warm.',
    },
  ],
  'cart-banner': [
    { id: 'standard', text: 'Secure checkout.' },
    { id: 'ready', intents: ['ready-to-buy'], text: 'Check out in one step with your saved card.' },
  ],
};

function Products(props: { count: number; go: (p: Page) => void }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)' }}>
      {Array.from({ length: props.count }, (_, i) => (
        <div key={i} style={{ ...box, height: 180 }}>
          <div style={{ height: 100, background: '#eee' }} />
          <button
            type="button"
            data-intent-target="product"
            data-intent-category="jackets"
            onClick={() => props.go('product')}
          >
            Jacket {i + 1}
          </button>
        </div>
      ))}
    </div>
  );
}

/** A small storefront: header, a promo line above everything, four pages, four slots. */
export function Shop(props: { slot: SlotRenderer; onPage?: (page: Page) => void }) {
  const [page, setPage] = useState<Page>('home');
  const go = (p: Page) => {
    setPage(p);
    props.onPage?.(p);
    window.scrollTo(0, 0);
  };
  return (
    <div>
      <header style={{ ...box, display: 'flex', gap: 8 }}>
        <button type="button" id="nav-home" onClick={() => go('home')}>
          Home
        </button>
        <button type="button" id="nav-category" onClick={() => go('category')}>
          Jackets
        </button>
        <button type="button" id="nav-cart" onClick={() => go('cart')}>
          Cart
        </button>
      </header>
      <div style={box}>{props.slot('promo', page)}</div>
      {page === 'home' && (
        <main>
          <section style={box}>{props.slot('hero', page)}</section>
          <Products count={8} go={go} />
        </main>
      )}
      {page === 'category' && (
        <main>
          <div style={box}>
            <button type="button" id="filter" data-intent-target="waterproof">
              Waterproof only
            </button>
          </div>
          <Products count={24} go={go} />
        </main>
      )}
      {page === 'product' && (
        <main>
          <section style={{ ...box, height: 300 }}>Storm jacket, 189 €</section>
          <div style={box}>{props.slot('pdp-assist', page)}</div>
          <div style={{ ...box, display: 'flex', gap: 8 }}>
            <button type="button" id="size-guide" data-intent-target="size-guide">
              Size guide
            </button>
            <button type="button" id="compare" data-intent-target="compare">
              Compare
            </button>
            <button type="button" id="shipping" data-intent-target="shipping-info">
              Delivery options
            </button>
            <button
              type="button"
              id="add"
              data-intent-target="add-to-cart"
              onClick={() => go('cart')}
            >
              Add to cart
            </button>
          </div>
          <section style={{ ...box, height: 900 }}>Details, specs and reviews</section>
        </main>
      )}
      {page === 'cart' && (
        <main>
          <div style={box}>{props.slot('cart-banner', page)}</div>
          <section style={{ ...box, height: 400 }}>1 × Storm jacket</section>
        </main>
      )}
    </div>
  );
}

/** Reports the page's long tasks and layout shifts to the bench (registered before the app). */
export function observePerformance(): void {
  const out = { longTasks: 0, longTaskMs: 0, cls: 0, shiftAll: 0, shifts: 0, switches: 0 };
  (window as unknown as { __perf: typeof out }).__perf = out;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      out.longTasks++;
      out.longTaskMs += e.duration;
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
    })[]) {
      out.shifts++;
      out.shiftAll += e.value;
      if (!e.hadRecentInput) out.cls += e.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // A slot that stays mounted and changes its variant; remounts on page changes are not switches.
  new MutationObserver((records) => {
    for (const r of records) if (r.oldValue !== null) out.switches++;
  }).observe(document, {
    subtree: true,
    attributeFilter: ['data-variant'],
    attributeOldValue: true,
  });
}
