import type { Collector, CollectorContext } from './context';
import { locationKey } from './context';
import type { NavigationKind } from './hub';

/** Options for page views and route changes. */
export interface PageViewOptions {
  /**
   * Page types by route pattern (`{ '/products/:id': 'product', '/blog/*': 'article' }`) or a
   * function of the path. Without a match, the type comes from the nearest
   * `data-intent-page` attribute in the document.
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

function compile(pattern: string): RegExp {
  const parts = pattern.split('/').map((seg) => {
    if (seg === '*') return '.*';
    if (seg.startsWith(':')) return '[^/]+';
    return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('/')}/?$`);
}

/** Resolves a path to a page type with a route map; exported for router integrations. */
export function matchRoute(routes: PageViewOptions['routes'], path: string): string | undefined {
  if (!routes) return undefined;
  if (typeof routes === 'function') return routes(path);
  const bare = path.split(/[?#]/)[0] ?? path;
  for (const pattern in routes) {
    if (compile(pattern).test(bare)) return routes[pattern];
  }
  return undefined;
}

/** Counts a page once: the same path twice in a row (StrictMode, a router re-render) is one view. */
export function createPageRecorder(
  ctx: CollectorContext,
  options: PageViewOptions,
): (kind: NavigationKind, path: string, pageType?: string) => void {
  const { hub, memory } = ctx;
  const pageTypeOf = (path: string): string | undefined => {
    const fromRoute = matchRoute(options.routes, path);
    if (fromRoute !== undefined) return fromRoute;
    return (
      hub.document.querySelector('[data-intent-page]')?.getAttribute('data-intent-page') ??
      undefined
    );
  };
  return (kind, path, pageType) => {
    if (memory.page === path) return;
    const first = memory.page === undefined;
    memory.page = path;
    const type = pageType ?? pageTypeOf(path);
    ctx.emit({
      type: 'page-view',
      target: path,
      data: { nav: first ? 'start' : kind, ...(type !== undefined && { pageType: type }) },
    });
  };
}

export const collectPageViews = ((ctx, options) => {
  const win = ctx.hub.window;
  const includeHash = options.includeHash ?? false;
  const record = createPageRecorder(ctx, options);

  let cancel: (() => void) | null = null;
  const onNavigate = (kind: NavigationKind): void => {
    if (kind === 'manual') return;
    cancel?.();
    cancel = ctx.later(() => {
      cancel = null;
      record(kind, locationKey(win, includeHash));
    }, options.settleMs ?? 50);
  };

  // A router integration reports every page itself, the first one included.
  if (options.history === false) return () => {};
  record('start', locationKey(win, includeHash));
  const off = ctx.hub.onNavigate(onNavigate);
  return () => {
    off();
    cancel?.();
  };
}) satisfies Collector<PageViewOptions>;
