import type { Signal } from '../core/signal';
import type { Hub, NavigationKind } from './hub';

/** Options for page views and route changes. */
export interface PageViewOptions {
  /**
   * Page types by route pattern (`{ '/products/:id': 'product', '/blog/*': 'article' }`) or a
   * function of the path. Without a match, the type comes from the first `data-intent-page`
   * attribute in the document; a `data-intent-category` on that element becomes `data.category`.
   * @defaultValue `{}`
   */
  routes?: Readonly<Record<string, string>> | ((path: string) => string | undefined);
  /**
   * Follow client-side navigation (`history.pushState`, `replaceState`, `popstate`) and count the
   * page the collectors start on. Turn off when a router integration reports every page itself
   * (the provider's `page` prop, `usePageView`, `Collectors.pageView`).
   * @defaultValue `true`
   */
  history?: boolean;
  /** A change of only the URL hash counts as a new page. @defaultValue `false` */
  includeHash?: boolean;
  /** Wait after a route change before reading `data-intent-page`, so the new page has rendered, in ms. @defaultValue `50` */
  settleMs?: number;
}

/** Resolves a path to a page type with a route map; exported for router integrations. */
export function matchRoute(routes: PageViewOptions['routes'], path: string): string | undefined {
  if (typeof routes === 'function') return routes(path);
  // `split` always gives a first part.
  const bare = path.split(/[?#]/)[0]!;
  for (const pattern in routes) {
    const source = pattern
      .split('/')
      .map((seg) =>
        seg === '*' ? '.*' : seg[0] === ':' ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    if (new RegExp(`^${source}/?$`).test(bare)) return routes[pattern];
  }
}

/**
 * A product's price over the dearest seen so far, to 0.001: one definition for the collector and
 * the converter that calibrates the model on it.
 */
export const priceVsMax = (price: number, max: number): number => Number((price / max).toFixed(3));

/** The product's latest cart change, however the app tracked it, was an add. */
const inCart = (history: readonly Signal[], id: string): boolean => {
  for (let i = history.length - 1; i >= 0; i--) {
    const { type, target } = history[i]!;
    if (target === id && (type === 'cart-add' || type === 'cart-remove'))
      return type === 'cart-add';
  }
  return false;
};

/**
 * Counts a page once: the same path twice in a row (StrictMode, a router re-render) is one view.
 * Product pages also carry `productViews` (this one included) and `repeat`; with the page's
 * `data-intent-price`, `price` and `priceVsMax` (over the dearest product viewed so far); with
 * `data-intent-brand`, `brand`; and with its `data-intent-product` id and a target that keeps
 * history, `inCart`. The calibrated model in `models/` reads all of them.
 */
export const createPageRecorder =
  (hub: Hub, options: PageViewOptions) =>
  (kind: NavigationKind, path: string, pageType?: string): void => {
    const { memory } = hub;
    const last = memory.page;
    if (last === path) return;
    memory.page = path;
    const marked = hub.doc.querySelector('[data-intent-page]');
    // Bounded, so an overlong attribute shortens a field instead of getting the view dropped.
    const attr = (name: string): string | undefined =>
      marked?.getAttribute(`data-intent-${name}`)?.slice(0, 200) || undefined;
    const type = pageType ?? matchRoute(options.routes, path) ?? attr('page');
    // The page's own category ("boots") lets rules ask which categories were viewed.
    const category = attr('category');
    const product = attr('product');
    const brand = attr('brand');
    // A plain decimal only: "1,299.00" or "€89" is left out rather than misread as 1 or NaN.
    const price = Number(attr('price') ?? NaN);
    const priced = Number.isFinite(price) && price >= 0;
    let vsMax: number | undefined;
    // Cart targets in history went through the redactor: compare like with like, and say nothing
    // when it changes the id, as every redacted id would look alike.
    const history = product && hub.redact(product) === product ? hub.history() : null;
    // A product seen again is a stronger purchase signal than a first look (see models/).
    let seen = 0;
    if (type === 'product') {
      memory.views ??= {};
      const views = memory.views;
      // Bounded like the engine's history: in an endless catalogue the oldest product goes.
      if (!(path in views) && Object.keys(views).length >= 500)
        for (const oldest in views) {
          delete views[oldest];
          break;
        }
      seen = (views[path] ?? 0) + 1;
      views[path] = seen;
      // Looking at the dearest product seen so far reads differently from browsing cheaper ones.
      if (priced && price > 0) {
        memory.maxPrice = Math.max(memory.maxPrice ?? 0, price);
        vsMax = priceVsMax(price, memory.maxPrice);
      }
    }
    hub.emit('page-view', path, {
      nav: last === undefined ? 'start' : kind,
      ...(type != null && { pageType: type }),
      ...(category && { category }),
      ...(brand && { brand }),
      ...(priced && { price }),
      ...(vsMax !== undefined && { priceVsMax: vsMax }),
      ...(seen && { productViews: seen, repeat: seen > 1 }),
      // Looking again at what is already in the cart is close to buying (see models/).
      ...(history && { inCart: inCart(history, product as string) }),
    });
  };

export const collectPageViews = (hub: Hub, options: PageViewOptions): void => {
  // A router integration reports every page itself, the first one included.
  if (options.history === false) return;
  const record = createPageRecorder(hub, options);
  const here = (): string => hub.page(options.includeHash);
  record('start', here());
  let cancel: (() => void) | undefined;
  hub.nav((kind) => {
    if (kind === 'manual') return;
    cancel?.();
    cancel = hub.later(() => record(kind, here()), options.settleMs ?? 50);
  });
};
