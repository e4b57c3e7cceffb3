import { describeElement, type Hub } from './hub';

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

/**
 * A click counts as dead when, within `timeoutMs`, the DOM does not change, the page does not
 * scroll and no navigation happens. The MutationObserver watches only while a click is pending.
 */
export const collectDeadClicks = (hub: Hub, options: DeadClickOptions): void => {
  const ms = options.timeoutMs ?? 1000;
  // Pending clicks by element: repeated clicks on one element are one dead click.
  const pending = new Map<Element, () => void>();
  // Any change, scroll or navigation settles every pending click. Runs on every scroll event
  // (element scrolls too), so it returns at once when nothing is pending.
  const settle = (): void => {
    if (!pending.size) return;
    for (const cancel of pending.values()) cancel();
    pending.clear();
    observer.disconnect();
  };
  const observer = new hub.win.MutationObserver(settle);
  hub.onStop(settle);
  hub.on('scroll', settle);
  hub.on('hashchange', settle);
  hub.nav(settle);
  hub.on('click', (_, el) => {
    if (
      !el ||
      pending.has(el) ||
      el.closest(
        options.ignore ??
          'input,select,textarea,label,option,[contenteditable],[data-intent-ignore]',
      ) ||
      // A link with a real destination leaves the page: not dead even if slow.
      !(el.closest('a[href]')?.getAttribute('href') ?? '#').startsWith('#')
    )
      return;
    if (!pending.size) {
      observer.observe(hub.doc, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    pending.set(
      el,
      hub.later(() => {
        pending.delete(el);
        // Watching the whole document costs on every change: only while a click is pending.
        if (!pending.size) observer.disconnect();
        hub.emit('dead-click', describeElement(el), { ms });
      }, ms),
    );
  });
};
