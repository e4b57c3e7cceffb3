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
  readonly at: number;
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
  let observer: MutationObserver | null = null;
  const offs: (() => void)[] = [];

  const settle = (): void => {
    for (const p of pending) p.cancel();
    pending.clear();
    stopWatching();
  };

  const stopWatching = (): void => {
    observer?.disconnect();
    observer = null;
    while (offs.length > 0) offs.pop()?.();
  };

  const watch = (): void => {
    if (observer || offs.length > 0) return;
    const MO = hub.window.MutationObserver;
    if (typeof MO === 'function') {
      observer = new MO(settle);
      observer.observe(hub.document, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    offs.push(
      hub.on('window', 'scroll', settle),
      hub.onNavigate(settle),
      hub.on('window', 'hashchange', settle),
      hub.on('window', 'pagehide', settle),
      hub.on('window', 'beforeunload', settle),
    );
  };

  const offClick = hub.on('document', 'click', (event) => {
    const el = eventElement(event);
    if (!el || el.closest(ignore)) return;
    // A link or button with a real destination leaves the page: not dead even if slow.
    const link = el.closest('a[href]');
    if (link && !(link.getAttribute('href') ?? '').startsWith('#')) return;
    // Repeated clicks on one element are one dead click (rage clicks report the repetition).
    for (const p of pending) if (p.el === el) return;
    const at = ctx.clock();
    const entry: Pending = {
      el,
      at,
      cancel: ctx.later(() => {
        pending.delete(entry);
        if (pending.size === 0) stopWatching();
        ctx.emit({ type: 'dead-click', target: describeElement(el), data: { ms: timeout } });
      }, timeout),
    };
    pending.add(entry);
    watch();
  });

  return () => {
    offClick();
    settle();
  };
}) satisfies Collector<DeadClickOptions>;
