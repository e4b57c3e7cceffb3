import type { Collector } from './context';
import { describeElement, eventElement } from './hub';

/** Options for dead clicks: a click after which nothing happens. */
export interface DeadClickOptions {
  /** How long to watch for a reaction (navigation, DOM change, scroll), in ms. @defaultValue `1000` */
  timeoutMs?: number;
  /**
   * Clicks on these elements are never dead: form controls change state without touching the
   * DOM, and text selection is a reaction of its own.
   * @defaultValue `'input,select,textarea,label,option,[contenteditable],[data-intent-ignore]'`
   */
  ignore?: string;
}

interface Pending {
  readonly el: Element;
  readonly cancel: () => void;
}

/**
 * A click counts as dead when, within `timeoutMs`, the DOM does not change, the page does not
 * scroll and no navigation happens. One MutationObserver runs only while a click is pending.
 */
export const collectDeadClicks = ((ctx, options) => {
  const { hub } = ctx;
  const timeout = options.timeoutMs ?? 1000;
  const ignore =
    options.ignore ?? 'input,select,textarea,label,option,[contenteditable],[data-intent-ignore]';
  const pending = new Set<Pending>();
  const MO = hub.window.MutationObserver;
  let observer: MutationObserver | null = null;
  let observing = false;

  const settle = (): void => {
    if (pending.size === 0) return;
    for (const p of pending) p.cancel();
    pending.clear();
    // Disconnecting ends the cost of watching the whole document between clicks.
    observer?.disconnect();
    observing = false;
  };

  const watch = (): void => {
    if (observing || typeof MO !== 'function') return;
    observer ??= new MO(settle);
    observer.observe(hub.document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    observing = true;
  };

  // Reactions are listened to for the collector's whole life: re-attaching listeners on every
  // click cost more than the early return they take while nothing is pending. Leaving the page
  // needs no listener: the pending timer dies with the document.
  const offs = [
    hub.on('window', 'scroll', settle),
    hub.on('window', 'hashchange', settle),
    hub.onNavigate(settle),
    hub.on('document', 'click', (event) => {
      const el = eventElement(event);
      if (!el || el.closest(ignore)) return;
      // A link with a real destination leaves the page: not dead even if slow.
      const link = el.closest('a[href]');
      if (link && !(link.getAttribute('href') ?? '').startsWith('#')) return;
      // Repeated clicks on one element are one dead click (rage clicks report the repetition).
      for (const p of pending) if (p.el === el) return;
      const entry: Pending = {
        el,
        cancel: ctx.later(() => {
          pending.delete(entry);
          if (pending.size === 0) {
            observer?.disconnect();
            observing = false;
          }
          ctx.emit({ type: 'dead-click', target: describeElement(el), data: { ms: timeout } });
        }, timeout),
      };
      pending.add(entry);
      watch();
    }),
  ];

  return () => {
    for (const off of offs) off();
    settle();
    observer?.disconnect();
  };
}) satisfies Collector<DeadClickOptions>;
