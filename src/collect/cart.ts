import { DEV, type SignalInput } from '../core/signal';

/** One cart line as the app knows it; only these primitive fields are recorded. */
export interface CartItem {
  /** Product or SKU id: the signal's target, and what product page views compare for `inCart`. */
  id: string;
  /** Category, for "wrong category" evidence. */
  category?: string;
  /** Units added or removed (a positive number). @defaultValue `1` */
  quantity?: number;
  /** Unit price in the app's currency; left out unless a finite number ≥ 0. */
  price?: number;
}

/**
 * Records cart changes as `cart-add` / `cart-remove` signals:
 * `cart.add({ id: 'sku-1', category: 'shoes', price: 89 })` tracks
 * `{ type: 'cart-add', target: 'sku-1', data: { quantity: 1, category: 'shoes', price: 89 } }`.
 * Each call returns `true` when the signal was recorded; never throws.
 */
export interface CartHelper {
  add(item: CartItem): boolean;
  remove(item: CartItem): boolean;
}

/** Where the cart records: the client itself, `useTrack()`'s function, or any `track`. */
export type CartTarget =
  | ((signal: SignalInput) => boolean)
  | { track(signal: SignalInput): boolean };

const warn = (message: string): false => {
  if (DEV) console.warn(`[intentful] createCart: ${message}`);
  return false;
};

/**
 * A cart helper that records through `target`: `createCart(intentful)` with the client, or
 * `useMemo(() => createCart(track), [track])` with `const track = useTrack()` in React. Cart
 * changes are evidence like any signal (rules match `cart-add`), and product page views say
 * whether the product is in the cart (`inCart`).
 *
 * Safe with bad input: without a target (or with something that cannot track) every call does
 * nothing and returns `false`, with a development warning; an item without a string `id`, or
 * with a quantity that is not a positive number, is not recorded (warned the same way); a
 * `target` that throws returns `false`.
 */
export function createCart(target?: CartTarget): CartHelper {
  const track =
    typeof target === 'function'
      ? target
      : typeof target?.track === 'function'
        ? target.track.bind(target)
        : null;
  if (!track)
    warn(
      'pass the client or a track function, e.g. createCart(intentful) or createCart(useTrack()); cart changes are not recorded',
    );
  const record = (type: 'cart-add' | 'cart-remove', item: CartItem): boolean => {
    if (!track) return false;
    const { id, quantity = 1, category, price } = (item ?? {}) as Partial<CartItem>;
    if (typeof id !== 'string' || !id) return warn(`${type} needs an item with a string id`);
    if (typeof quantity !== 'number' || !(quantity > 0) || !Number.isFinite(quantity))
      return warn(`${type} ${id}: quantity must be a positive number`);
    try {
      return track({
        type,
        target: id,
        data: {
          quantity,
          ...(typeof category === 'string' && category && { category }),
          ...(typeof price === 'number' && Number.isFinite(price) && price >= 0 && { price }),
        },
      });
    } catch (error) {
      return warn(`${type} ${id}: tracking failed (${String(error)})`);
    }
  };
  return {
    add: (item) => record('cart-add', item),
    remove: (item) => record('cart-remove', item),
  };
}
