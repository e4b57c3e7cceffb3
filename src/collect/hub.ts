import type { StorageLike } from '../core/persist';
import type { Signal, SignalData, SignalInput } from '../core/signal';

/**
 * Where collectors read events from. Defaults to the page's own `window`; tests and other
 * runtimes (iframes, a second jsdom) pass their own.
 */
export interface CollectorSource {
  readonly window: Window & typeof globalThis;
}

/** What collectors feed: an engine, or anything with the same two methods. */
export interface CollectorTarget {
  track(signal: SignalInput): boolean;
  clock(): number;
  /**
   * Accepted signals, oldest first (the engine's `history`): lets product page views say whether
   * the product is in the cart, however the app tracked it. Without it they don't say.
   * @defaultValue none: page views carry no `inCart`
   */
  history?(): readonly Signal[];
  /**
   * The text redaction applied to tracked signals, so ids read from the page compare alike.
   * @defaultValue none: ids are compared as read
   */
  redact?: ((text: string) => string) | undefined;
}

/** How a route changed; `'start'` is the first page view of a collector run. */
export type NavigationKind = 'start' | 'push' | 'replace' | 'pop' | 'manual';

/**
 * What a collector run remembers across restarts of the same provider (React StrictMode mounts
 * effects twice): the last page counted and whether the session signal went out.
 */
export interface CollectorMemory {
  page?: string;
  session?: boolean;
  /** Product page views so far, by path. */
  views?: Record<string, number>;
  /** The highest product price viewed so far, for `priceVsMax`. */
  maxPrice?: number;
  /** Scroll milestones already sent for this page, so a restart (consent given) repeats none. */
  scroll?: { readonly page: string; readonly next: number };
}

/** Shared by every collector of one run; everything it attaches is undone by one `stop`. */
export interface Hub {
  readonly win: Window & typeof globalThis;
  readonly doc: Document;
  readonly memory: CollectorMemory;
  readonly local: StorageLike | null | undefined;
  readonly session: StorageLike | null | undefined;
  /** Storage key prefix. */
  readonly key: string;
  now(): number;
  /** `pathname + search` (and hash when asked): what counts as "another page". */
  page(hash?: boolean): string;
  /**
   * Delegated, passive, capturing: one real listener per event type, on the document. `el` is
   * the element at the event's target (a text node's parent), `null` for the document and window.
   */
  on(type: string, fn: (event: Event, el: Element | null) => void): void;
  /** The page is hidden now (another tab, minimized, closing). */
  hidden(): boolean;
  /**
   * After history navigation (patched `pushState`/`replaceState`, `popstate`) or `navigated`;
   * with `newPage`, only when `page()` changed since the last call.
   */
  nav(fn: (kind: NavigationKind) => void, newPage?: boolean): void;
  navigated(kind: NavigationKind): void;
  /** A timeout cleared by `stop`; returns its own cancel. */
  later(fn: () => void, ms: number): () => void;
  /** `fn` runs at most once per 16 ms however often this is called. */
  throttle(fn: () => void): () => void;
  emit(type: string, target?: string | null, data?: SignalData): void;
  /** The target's history, or `null` when it has none. */
  history(): readonly Signal[] | null;
  /** The target's text redaction, or the text as it is. */
  redact(text: string): string;
  /** Calls `fn(a, b)` so that its failure reaches `onError`, never the page. */
  run<A, B>(fn: (a: A, b: B) => void, a?: A, b?: B): void;
  /** Registers teardown for observers and patches. */
  onStop(fn: () => void): void;
  stop(): void;
}

/** What one collector run shares, beyond which collectors run. */
export interface HubOptions {
  /** Survives restarts of the same owner (StrictMode): pass the same object to avoid duplicate page views. @defaultValue a fresh object */
  memory?: CollectorMemory;
  /** Storage the session collector may write; pass it only when consent allows persistence. @defaultValue none */
  storage?: { local?: StorageLike | null; session?: StorageLike | null } | undefined;
  /** Prefix of the storage keys collectors write. @defaultValue `'intentful'` */
  key?: string;
  /** Receives a collector's internal failure; the page never sees it. @defaultValue ignore */
  onError?: (error: Error) => void;
}

const LISTEN: AddEventListenerOptions = { capture: true, passive: true };

export function createHub(
  win: Window & typeof globalThis,
  target: CollectorTarget,
  options: HubOptions,
): Hub {
  // Handlers by event type; `nav` and `page` carry route changes through the same fan-out.
  const doc = win.document;
  const handlers = new Map<string, ((arg: never, el: Element | null) => void)[]>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const stops: (() => void)[] = [];
  const run = <A, B>(fn: (a: A, b: B) => void, a?: A, b?: B): void => {
    try {
      fn(a as A, b as B);
    } catch (error) {
      try {
        if (options.onError)
          options.onError(error instanceof Error ? error : new Error(String(error)));
        else if (process.env.NODE_ENV !== 'production') {
          // Silent in production; in development a failing collector should not go unnoticed.
          // Without a bundler defining `process`, the ReferenceError lands in the catch below.
          console.warn('[intentful] a collector failed:', error);
        }
      } catch {
        // The error handler failing must not reach the page either.
      }
    }
  };
  const fire = (type: string, arg: unknown, el: Element | null = null): void => {
    for (const fn of handlers.get(type) ?? []) run(fn, arg as never, el);
  };
  const listener = (event: Event): void => {
    const t = event.target as Node;
    fire(event.type, event, t.nodeType === 1 ? (t as Element) : (t.parentElement ?? null));
  };
  // Chromium dispatches mouseleave only to documents with such a listener on a node, not the
  // window; the window gets only what never reaches the document.
  const nodeOf = (type: string): EventTarget =>
    /^(popstate|hashchange|pagehide)$/.test(type) ? win : doc;
  const add = (type: string, fn: (arg: never, el: Element | null) => void): boolean => {
    const list = handlers.get(type);
    if (list) list.push(fn);
    else handlers.set(type, [fn]);
    return !list;
  };
  const page = (hash?: boolean): string => {
    const location = win.location;
    return location.pathname + location.search + (hash ? location.hash : '');
  };
  // Read when history is first patched, inside a collector's guarded start.
  let last: string | undefined;
  let patched = false;
  const navigated = (kind: NavigationKind): void => {
    fire('nav', kind);
    const now = page();
    if (now === last) return;
    last = now;
    fire('page', kind);
  };
  const later = (fn: () => void, ms: number): (() => void) => {
    const id = setTimeout(() => {
      timers.delete(id);
      run(fn);
    }, ms);
    timers.add(id);
    return () => {
      clearTimeout(id);
      timers.delete(id);
    };
  };
  const hub: Hub = {
    win,
    doc,
    memory: options.memory ?? {},
    local: options.storage?.local,
    session: options.storage?.session,
    key: options.key ?? 'intentful',
    now: () => target.clock(),
    page,
    on: (type, fn) => {
      if (add(type, fn)) nodeOf(type).addEventListener(type, listener, LISTEN);
    },
    nav: (fn, newPage) => {
      add(newPage ? 'page' : 'nav', fn);
      if (patched) return;
      patched = true;
      last = page();
      hub.on('popstate', () => navigated('pop'));
      const history = win.history;
      for (const method of ['pushState', 'replaceState'] as const) {
        // `pushState` is a `push`, `replaceState` a `replace`.
        const kind = method.slice(0, -5) as 'push' | 'replace';
        const original = history[method];
        // Stays harmless if someone patched after us: `stop` empties the handlers it calls.
        const wrapped: History['pushState'] = function (this: History, ...args) {
          original.apply(this, args);
          navigated(kind);
        };
        history[method] = wrapped;
        stops.push(() => {
          if (history[method] === wrapped) history[method] = original;
        });
      }
    },
    navigated,
    hidden: () => doc.visibilityState === 'hidden',
    later,
    throttle: (fn) => {
      let pending = false;
      return () => {
        if (pending) return;
        pending = true;
        later(() => {
          pending = false;
          fn();
        }, 16);
      };
    },
    emit: (type, t, data) => {
      target.track({ type, ...(t != null && { target: t }), ...(data && { data }) });
    },
    history: () => target.history?.() ?? null,
    redact: (text) => target.redact?.(text) ?? text,
    run,
    onStop: (fn) => {
      stops.push(fn);
    },
    stop: () => {
      for (const type of handlers.keys()) nodeOf(type).removeEventListener(type, listener, LISTEN);
      handlers.clear();
      for (const id of timers) clearTimeout(id);
      timers.clear();
      for (const fn of stops.splice(0)) run(fn);
    },
  };
  return hub;
}

/**
 * The first non-empty attribute of `attrs` (space-separated names) on `el`, else `fallback`, else
 * the tag name: how collectors name what the app marked.
 */
export const label = (el: Element, attrs: string, fallback?: string): string => {
  for (const name of attrs.split(' ')) {
    const v = el.getAttribute(name);
    if (v) return v;
  }
  return fallback ?? el.tagName.toLowerCase();
};

/**
 * What a user clicks to make something happen. A click lands on whatever is under the pointer (an
 * image, a heading); the control around it is what the click is about.
 */
export const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,label,[role=button],[role=link],[role=tab],' +
  '[role=menuitem],[role=menuitemcheckbox],[role=menuitemradio],[role=option],[role=checkbox],' +
  '[role=radio],[role=switch]';

/** A short, stable name for an element: its `data-intent-target`, else its id, else its tag. */
export const describeElement = (el: Element): string =>
  el.closest('[data-intent-target]')?.getAttribute('data-intent-target') ||
  (el.id ? `#${el.id}` : el.tagName.toLowerCase());
