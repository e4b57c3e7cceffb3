import type { SignalInput } from '../core/signal';

/** One cart line as the app knows it; only these primitive fields are recorded. */
export interface CartItem {
  /** Product or SKU id. */
  id: string;
  /** Category, for "wrong category" evidence. */
  category?: string;
  quantity?: number;
  /** Unit price in the app's currency. */
  price?: number;
}

/** Records cart changes: `cart.add({ id: 'sku-1', category: 'shoes', price: 89 })`. */
export interface CartHelper {
  add(item: CartItem): boolean;
  remove(item: CartItem): boolean;
}

const cartSignal = (
  type: 'cart-add' | 'cart-remove',
  { id, quantity = 1, category, price }: CartItem,
): SignalInput => ({
  type,
  target: id,
  data: {
    quantity,
    ...(category !== undefined && { category }),
    ...(price !== undefined && { price }),
  },
});

/** A cart helper over any `track` function (the engine's, `useTrack()`'s). */
export function createCart(track: (signal: SignalInput) => boolean): CartHelper {
  return {
    add: (item) => track(cartSignal('cart-add', item)),
    remove: (item) => track(cartSignal('cart-remove', item)),
  };
}
