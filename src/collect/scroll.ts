import type { Hub } from './hub';

/** Options for scroll depth milestones. */
export interface ScrollDepthOptions {
  /** Percentages of the page height that count, each once per page. @defaultValue `[25, 50, 75, 90, 100]` */
  milestones?: readonly number[];
}

/**
 * Measures at most once per frame (16 ms), however fast scroll events arrive, and emits each
 * milestone once per page: `{ type: 'scroll-depth', data: { depth: 50 } }`.
 */
export const collectScrollDepth = (hub: Hub, options: ScrollDepthOptions): void => {
  const { win, doc } = hub;
  const milestones = [...(options.milestones ?? [25, 50, 75, 90, 100])].sort((a, b) => a - b);
  const { memory } = hub;
  const here = hub.page();
  let next = memory.scroll?.page === here ? memory.scroll.next : 0;
  let height = 0;
  let heightAt = -Infinity;
  const measure = hub.throttle(() => {
    // scrollHeight forces layout; milestones are coarse, so a height up to a second old will do.
    const now = hub.now();
    if (now - heightAt > 1000) {
      height = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
      heightAt = now;
    }
    // A page that fits the viewport has no depth to measure.
    if (height <= win.innerHeight + 1) return;
    const pct = ((win.scrollY + win.innerHeight) / height) * 100 + 0.5;
    for (let m = milestones[next]; m !== undefined && pct >= m; m = milestones[++next]) {
      hub.emit('scroll-depth', null, { depth: m });
      memory.scroll = { page: hub.page(), next: next + 1 };
    }
  });
  // The page scrolled, not an element in it.
  hub.on('scroll', (_, el) => el || measure());
  hub.nav(() => {
    next = 0;
    heightAt = -Infinity;
    delete memory.scroll;
  }, true);
};
