import type { SignalInput } from '../core/signal';

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
}

/** How a route changed; `'start'` is the first page view of a collector run. */
export type NavigationKind = 'start' | 'push' | 'replace' | 'pop' | 'manual';

type Where = 'window' | 'document' | 'root';
type Handler = (event: Event) => void;

/**
 * One real listener per (node, event type), fanned out to every collector that asked for it:
 * attaching ten collectors costs a handful of listeners, and the last `off` removes them.
 */
export interface Hub {
  readonly window: Window & typeof globalThis;
  readonly document: Document;
  on(where: Where, type: string, handler: Handler): () => void;
  /** Called after history navigation (patched `pushState`/`replaceState`, `popstate`) or `navigated`. */
  onNavigate(handler: (kind: NavigationKind) => void): () => void;
  navigated(kind: NavigationKind): void;
  /** Runs a collector callback so that its failure never reaches the host page. */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
}

const LISTEN: AddEventListenerOptions = { capture: true, passive: true };

export function createHub(source: CollectorSource, onError: (error: unknown) => void): Hub {
  const win = source.window;
  const doc = win.document;
  const groups = new Map<
    string,
    { node: EventTarget; type: string; set: Set<Handler>; fn: Handler }
  >();
  const navHandlers = new Set<(kind: NavigationKind) => void>();
  let unpatch: (() => void) | null = null;

  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        onError(error);
      }
    };

  const nodeOf = (where: Where): EventTarget =>
    where === 'window' ? win : where === 'document' ? doc : doc.documentElement;

  const navigated = (kind: NavigationKind): void => {
    for (const h of [...navHandlers]) guard(h)(kind);
  };

  const onPop = (): void => navigated('pop');

  const patchHistory = (): (() => void) => {
    const history = win.history;
    const push = history.pushState;
    const replace = history.replaceState;
    let live = true;
    // The wrappers stay harmless if someone patched after us and we cannot unwrap cleanly.
    const wrappedPush: History['pushState'] = function (this: History, ...args) {
      push.apply(this, args);
      if (live) navigated('push');
    };
    const wrappedReplace: History['replaceState'] = function (this: History, ...args) {
      replace.apply(this, args);
      if (live) navigated('replace');
    };
    history.pushState = wrappedPush;
    history.replaceState = wrappedReplace;
    win.addEventListener('popstate', onPop);
    return () => {
      live = false;
      if (history.pushState === wrappedPush) history.pushState = push;
      if (history.replaceState === wrappedReplace) history.replaceState = replace;
      win.removeEventListener('popstate', onPop);
    };
  };

  return {
    window: win,
    document: doc,
    on(where, type, handler) {
      const id = `${where}:${type}`;
      let group = groups.get(id);
      if (!group) {
        const set = new Set<Handler>();
        const fn: Handler = (event) => {
          for (const h of set) guard(h)(event);
        };
        group = { node: nodeOf(where), type, set, fn };
        groups.set(id, group);
        group.node.addEventListener(type, fn, LISTEN);
      }
      const g = group;
      const wrapped: Handler = (e) => handler(e);
      g.set.add(wrapped);
      return () => {
        if (!g.set.delete(wrapped) || g.set.size > 0) return;
        g.node.removeEventListener(g.type, g.fn, LISTEN);
        groups.delete(id);
      };
    },
    onNavigate(handler) {
      navHandlers.add(handler);
      unpatch ??= patchHistory();
      return () => {
        if (!navHandlers.delete(handler) || navHandlers.size > 0) return;
        unpatch?.();
        unpatch = null;
      };
    },
    navigated,
    guard,
  };
}

/** Runs `fn` on the next animation frame at most once, however often it is scheduled. */
export function frameThrottle(win: Window, fn: () => void): { schedule(): void; cancel(): void } {
  let id: number | null = null;
  const raf =
    typeof win.requestAnimationFrame === 'function'
      ? (cb: () => void) => win.requestAnimationFrame(cb)
      : (cb: () => void) => win.setTimeout(cb, 16);
  const caf =
    typeof win.cancelAnimationFrame === 'function'
      ? (n: number) => win.cancelAnimationFrame(n)
      : (n: number) => win.clearTimeout(n);
  return {
    schedule() {
      if (id !== null) return;
      id = raf(() => {
        id = null;
        fn();
      });
    },
    cancel() {
      if (id !== null) caf(id);
      id = null;
    },
  };
}

/** A short, stable name for an element: its `data-intent-target`, else its id, else its tag. */
export function describeElement(el: Element): string {
  const marked = el.closest('[data-intent-target]');
  const t = marked?.getAttribute('data-intent-target');
  if (t) return t;
  if (el.id) return `#${el.id}`;
  return el.tagName.toLowerCase();
}

/** Element at the event's target, or `null` for text nodes' parents-less cases and the window. */
export function eventElement(event: Event): Element | null {
  const t = event.target as Node | null;
  if (!t || typeof (t as Node).nodeType !== 'number') return null;
  return t.nodeType === 1 ? (t as Element) : t.parentElement;
}
