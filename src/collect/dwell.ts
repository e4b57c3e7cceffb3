import type { Collector } from './context';
import { frameThrottle } from './hub';

/** Options for dwell on sections marked `data-intent-section="shipping"`. */
export interface DwellOptions {
  /** Continuous visible time that counts as dwelling, in ms. @defaultValue `4000` */
  minMs?: number;
  /** Share of the section (or of the viewport, for tall sections) that must be visible. @defaultValue `0.5` */
  threshold?: number;
  /** Elements to watch. @defaultValue `'[data-intent-section]'` */
  selector?: string;
}

/**
 * Watches marked sections with one IntersectionObserver and emits
 * `{ type: 'dwell', target: 'shipping', data: { ms: 4000 } }` each time one stays visible for
 * `minMs` while the page is visible. Sections added later (client-side rendering) are picked up.
 */
export const collectDwell = ((ctx, options) => {
  const { hub } = ctx;
  const win = hub.window;
  const IO = win.IntersectionObserver;
  if (typeof IO !== 'function') return () => {};
  const minMs = options.minMs ?? 4000;
  const threshold = options.threshold ?? 0.5;
  const selector = options.selector ?? '[data-intent-section]';
  const visible = new Map<Element, () => void>();
  const observed = new WeakSet<Element>();

  const start = (el: Element): void => {
    if (visible.has(el)) return;
    const name = el.getAttribute('data-intent-section') || el.id || el.tagName.toLowerCase();
    visible.set(
      el,
      ctx.later(() => {
        ctx.emit({ type: 'dwell', target: name, data: { ms: minMs } });
      }, minMs),
    );
  };
  const stop = (el: Element): void => {
    visible.get(el)?.();
    visible.delete(el);
  };

  const isIn = (entry: IntersectionObserverEntry): boolean => {
    if (!entry.isIntersecting) return false;
    if (entry.intersectionRatio >= threshold) return true;
    // A section taller than the viewport can never be half visible; filling the viewport counts.
    const vh = entry.rootBounds?.height ?? win.innerHeight;
    return vh > 0 && entry.intersectionRect.height / vh >= threshold;
  };

  const io = new IO(
    hub.guard((entries: IntersectionObserverEntry[]) => {
      for (const entry of entries) {
        if (isIn(entry) && hub.document.visibilityState !== 'hidden') start(entry.target);
        else stop(entry.target);
      }
    }),
    { threshold: [0, 0.25, 0.5, 0.75, 1] },
  );

  const scan = (): void => {
    for (const el of hub.document.querySelectorAll(selector)) {
      if (observed.has(el)) continue;
      observed.add(el);
      io.observe(el);
    }
  };
  scan();
  const rescan = frameThrottle(win, hub.guard(scan));
  const MO = win.MutationObserver;
  const mo = typeof MO === 'function' ? new MO(() => rescan.schedule()) : null;
  mo?.observe(hub.document.documentElement, { childList: true, subtree: true });

  // Hidden tabs are not being read: pause, and restart the clock when the page comes back.
  const offVis = hub.on('document', 'visibilitychange', () => {
    if (hub.document.visibilityState === 'hidden') {
      for (const el of [...visible.keys()]) stop(el);
      return;
    }
    for (const entry of io.takeRecords()) if (isIn(entry)) start(entry.target);
    // takeRecords only has unread changes; re-observing makes the observer report current state.
    for (const el of hub.document.querySelectorAll(selector)) {
      io.unobserve(el);
      io.observe(el);
    }
  });

  return () => {
    offVis();
    mo?.disconnect();
    rescan.cancel();
    io.disconnect();
    for (const el of [...visible.keys()]) stop(el);
  };
}) satisfies Collector<DwellOptions>;
