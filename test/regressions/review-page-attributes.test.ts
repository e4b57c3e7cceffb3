// Guards from the review of product page fields: an unreadable or overlong attribute lost the
// whole page view (and an "Infinity" price poisoned every later priceVsMax), formatted prices were
// misread, and redacted numeric ids made inCart false for every product.
import { collectors, createCart, createIntentful, type RedactOptions } from 'intentful';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';
import { createRedactor } from '../internal';

const stops: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  history.replaceState(null, '', '/');
  document.body.innerHTML = '';
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
});

function shop(redact: RedactOptions | false = {}) {
  const client = createIntentful({
    model: shopModel,
    plugins: [
      collectors({
        redact,
        session: false,
        clicks: false,
        pageViews: { routes: { '/p/:id': 'product' } },
      }),
    ],
  });
  client.mount();
  stops.push(() => client.unmount());
  const visit = (path: string, attributes: string) => {
    document.body.innerHTML = `<main data-intent-page="product" ${attributes}></main>`;
    history.pushState(null, '', path);
    vi.advanceTimersByTime(50);
  };
  const views = () => client.history().filter((s) => s.type === 'page-view' && s.target !== '/');
  return { client, visit, views };
}

describe('product page attributes', () => {
  it('keep the page view when a price is not a plain finite number, and leave it out', () => {
    const { visit, views } = shop();
    visit('/p/1', 'data-intent-price="Infinity"');
    visit('/p/2', 'data-intent-price="1,299.00"');
    visit('/p/3', 'data-intent-price="€89"');
    visit('/p/4', 'data-intent-price="50"');
    expect(views().map((s) => [s.target, s.data?.price, s.data?.priceVsMax])).toEqual([
      ['/p/1', undefined, undefined],
      ['/p/2', undefined, undefined],
      ['/p/3', undefined, undefined],
      ['/p/4', 50, 1],
    ]);
  });

  it('keep the page view when an attribute is overlong, with the value shortened', () => {
    const { visit, views } = shop();
    visit('/p/1', `data-intent-brand="${'x'.repeat(1100)}"`);
    expect(views()).toHaveLength(1);
    expect(String(views()[0]?.data?.brand).length).toBeLessThanOrEqual(200);
  });

  it('say nothing about the cart when redaction changes the id, and the truth once it is kept', () => {
    const id = '7234567890123';
    const redacted = shop();
    createCart(redacted.client.track).add({ id });
    redacted.visit('/p/a', `data-intent-product="${id}"`);
    expect(redacted.views()[0]?.data).not.toHaveProperty('inCart');
    for (const stop of stops.splice(0)) stop();

    const kept = shop({ keep: [/^\d{7,}$/] });
    createCart(kept.client.track).add({ id });
    kept.visit('/p/b', `data-intent-product="${id}"`);
    expect(kept.views().find((s) => s.target === '/p/b')?.data).toMatchObject({ inCart: true });
    // Kept as a target only: the same digits typed into search are still removed.
    kept.client.track({ type: 'search', data: { query: '07700900123' } });
    expect(kept.client.history().at(-1)?.data?.query).not.toContain('07700900123');
  });
});

describe('redaction of amounts and full-width text', () => {
  it('keeps large prices as numbers and still redacts full-width phone numbers and e-mails', () => {
    const r = createRedactor();
    const car = r.signal({
      type: 'page-view',
      at: 1,
      target: '/p/car',
      data: { price: 850_000_000 },
    });
    expect(car.data?.price).toBe(850_000_000);
    // Numbers stay numbers unless their key is secret; a phone number read from the page
    // arrives as text (the click collector keeps 7+ digits as text) and is judged as text.
    const click = r.signal({ type: 'click', at: 1, data: { value: '612345678901' } });
    expect(click.data?.value).not.toContain('612345678901');
    expect(r.signal({ type: 'x', at: 1, data: { phone: 612_345_678_901 } }).data).toEqual({});
    expect(r.text('call ０９０-１２３４-５６７８')).not.toMatch(/１２３４/);
    expect(r.text('jane＠example.com')).not.toContain('example');
    // Full-width text with nothing sensitive is returned as written, not normalized.
    expect(r.text('ＳＡＬＥ ５０％')).toBe('ＳＡＬＥ ５０％');
  });
});
