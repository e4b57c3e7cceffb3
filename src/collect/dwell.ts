import { type Hub, label } from './hub';

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
export const collectDwell = (hub: Hub, options: DwellOptions): void => {
  const { win, doc } = hub;
  const IO = win.IntersectionObserver;
  if (!IO) return;
  const ms = options.minMs ?? 4000;
  const threshold = options.threshold ?? 0.5;
  // Running timers of the sections visible now.
  const visible = new Map<Element, () => void>();
  // Sections observed now, with their names. A rescan lets go of those no longer on the page, or
  // a long single-page session would keep every section it ever rendered (and its timer) alive.
  // A section removed or renamed before `minMs` has passed counts as not dwelled on, as if
  // scrolled away: the signal means "stayed in view that long", and it did not.
  let observed = new Map<Element, string>();
  const nameOf = (el: Element): string => label(el, 'data-intent-section id');
  const leave = (el: Element): void => {
    visible.get(el)?.();
    visible.delete(el);
  };
  const io = new IO(
    (entries) =>
      hub.run(() => {
        for (const {
          target,
          isIntersecting,
          intersectionRatio,
          intersectionRect,
          rootBounds,
        } of entries) {
          // A section taller than the viewport can never be half visible; filling it counts.
          const vh = rootBounds?.height ?? win.innerHeight;
          if (
            !isIntersecting ||
            hub.hidden() ||
            (intersectionRatio < threshold &&
              !(vh > 0 && intersectionRect.height / vh >= threshold))
          ) {
            leave(target);
          } else if (!visible.has(target) && observed.has(target)) {
            const name = nameOf(target);
            visible.set(
              target,
              // The rescan that lets go of removed or renamed sections runs up to 16 ms later.
              hub.later(() => {
                if (target.isConnected && observed.get(target) === name && nameOf(target) === name)
                  hub.emit('dwell', name, { ms });
              }, ms),
            );
          }
        }
      }),
    // Steps of 2%: a section many viewports tall (up to 25 at the default threshold) is
    // reported again as it comes to fill the viewport, not only when its first sliver enters.
    { threshold: Array.from({ length: 51 }, (_, i) => i / 50) },
  );
  // Observing an element twice is a no-op; re-observing (`again`) makes the observer report
  // each section's current state.
  const scan = (again?: boolean): void => {
    const found = new Map<Element, string>();
    for (const el of doc.querySelectorAll(options.selector ?? '[data-intent-section]')) {
      const name = nameOf(el);
      found.set(el, name);
      const was = observed.get(el);
      // Renamed in place (tabs reusing one element): the old name's time ends, the new one's
      // starts when the observer reports the section again.
      if (was !== undefined && was !== name) leave(el);
      if (again || (was !== undefined && was !== name)) io.unobserve(el);
      io.observe(el);
    }
    for (const el of observed.keys()) {
      if (found.has(el)) continue;
      io.unobserve(el);
      leave(el);
    }
    observed = found;
  };
  scan();
  const mo = new win.MutationObserver(hub.throttle(scan));
  // Attributes too: a section can be marked, renamed or unmarked without any node moving.
  mo.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-intent-section', 'id'],
  });
  hub.onStop(() => {
    mo.disconnect();
    io.disconnect();
  });
  // Hidden tabs are not being read: pause, and restart the clock when the page comes back.
  hub.on('visibilitychange', () => {
    if (!hub.hidden()) return scan(true);
    for (const cancel of visible.values()) cancel();
    visible.clear();
  });
};
