import type { Collector } from './context';
import { locationKey } from './context';
import { frameThrottle } from './hub';

/** Options for scroll depth milestones. */
export interface ScrollDepthOptions {
  /** Percentages of the page height that count, each once per page. @defaultValue `[25, 50, 75, 90, 100]` */
  milestones?: readonly number[];
}

/**
 * Measures at most once per animation frame, however fast scroll events arrive, and emits each
 * milestone once per page: `{ type: 'scroll-depth', data: { depth: 50 } }`.
 */
export const collectScrollDepth = ((ctx, options) => {
  const { hub } = ctx;
  const win = hub.window;
  const milestones = [...(options.milestones ?? [25, 50, 75, 90, 100])].sort((a, b) => a - b);
  let next = 0;
  let page = locationKey(win);

  let height = 0;
  let heightAt = Number.NEGATIVE_INFINITY;
  const measure = (): void => {
    // scrollHeight forces layout; milestones are coarse, so a height up to a second old will do.
    const now = ctx.clock();
    if (now - heightAt > 1000) {
      const root = hub.document.documentElement;
      height = Math.max(root.scrollHeight, hub.document.body?.scrollHeight ?? 0);
      heightAt = now;
    }
    const seen = win.scrollY + win.innerHeight;
    // A page that fits the viewport has no depth to measure.
    if (height <= win.innerHeight + 1) return;
    const pct = Math.min(100, (seen / height) * 100 + 0.5);
    while (next < milestones.length && pct >= (milestones[next] ?? Number.POSITIVE_INFINITY)) {
      ctx.emit({ type: 'scroll-depth', data: { depth: milestones[next] ?? 0 } });
      next++;
    }
  };
  const frame = frameThrottle(win, hub.guard(measure));

  const offScroll = hub.on('window', 'scroll', (event) => {
    if (event.target === hub.document || event.target === win) frame.schedule();
  });
  const offNav = hub.onNavigate(() => {
    const now = locationKey(win);
    if (now === page) return;
    page = now;
    next = 0;
    heightAt = Number.NEGATIVE_INFINITY;
  });
  return () => {
    offScroll();
    offNav();
    frame.cancel();
  };
}) satisfies Collector<ScrollDepthOptions>;
