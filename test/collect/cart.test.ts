import { type CartItem, collectors, createCart, createIntentful, type Signal } from 'intentful';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

const carts = (client: { history(): readonly Signal[] }) =>
  client
    .history()
    .filter((s) => s.type.startsWith('cart-'))
    .map(({ type, target, data }) => ({ type, target, data }));

describe('createCart', () => {
  it('records through the client itself, and product views then know what is in the cart', () => {
    const client = createIntentful({ model: shopModel });
    const cart = createCart(client);
    expect(cart.add({ id: 'sku-1', category: 'boots', price: 89.9 })).toBe(true);
    expect(cart.add({ id: 'sku-2', quantity: 2 })).toBe(true);
    expect(cart.remove({ id: 'sku-1' })).toBe(true);
    expect(carts(client)).toEqual([
      { type: 'cart-add', target: 'sku-1', data: { quantity: 1, category: 'boots', price: 89.9 } },
      { type: 'cart-add', target: 'sku-2', data: { quantity: 2 } },
      { type: 'cart-remove', target: 'sku-1', data: { quantity: 1 } },
    ]);
  });

  it('records through a track function (useTrack(), client.track)', () => {
    const client = createIntentful({ model: shopModel, plugins: [collectors()] });
    createCart(client.track).add({ id: 'sku-1' });
    expect(carts(client)).toEqual([{ type: 'cart-add', target: 'sku-1', data: { quantity: 1 } }]);
  });

  it('without arguments never throws: every call does nothing, returns false and warns once in development', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // @ts-expect-error: what a JavaScript caller may do
    const fromJs = createCart(42);
    const cart = createCart();
    expect(cart.add({ id: 'sku-1' })).toBe(false);
    expect(cart.remove({ id: 'sku-1' })).toBe(false);
    expect(fromJs.add({ id: 'sku-1' })).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toMatch(/createCart\(intentful\)/);
  });

  it('bad items are not recorded and never throw; a price that is not a number is left out', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createIntentful({ model: shopModel });
    const cart = createCart(client);
    const bad = [
      null,
      undefined,
      {},
      { id: 42 },
      { id: '' },
      { id: 'sku-1', quantity: 0 },
      { id: 'sku-1', quantity: Number.NaN },
      { id: 'sku-1', quantity: Number.POSITIVE_INFINITY },
      { id: 'sku-1', quantity: '2' },
    ] as unknown as CartItem[];
    for (const item of bad) expect([item, cart.add(item)]).toEqual([item, false]);
    expect(warn).toHaveBeenCalledTimes(bad.length);
    expect(cart.add({ id: 'sku-1', price: Number.NaN, category: 7 as unknown as string })).toBe(
      true,
    );
    expect(carts(client)).toEqual([{ type: 'cart-add', target: 'sku-1', data: { quantity: 1 } }]);
  });

  it('a track function that throws returns false instead of breaking the page', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cart = createCart(() => {
      throw new Error('analytics down');
    });
    expect(cart.add({ id: 'sku-1' })).toBe(false);
  });
});
