import type { Collector } from './context';
import { describeElement, eventElement } from './hub';

/** Options for rage clicks: several fast clicks in one spot. */
export interface RageClickOptions {
  /** Clicks that make a burst. @defaultValue `3` */
  count?: number;
  /** Longest time between consecutive clicks of a burst, in ms. @defaultValue `600` */
  intervalMs?: number;
  /** Farthest a click may land from the burst's first click, in CSS pixels. @defaultValue `30` */
  radius?: number;
}

/** Emits one `rage-click` per burst, when it reaches `count` clicks, with the final count as it grows. */
export const collectRageClicks = ((ctx, options) => {
  const need = options.count ?? 3;
  const interval = options.intervalMs ?? 600;
  const radius = options.radius ?? 30;
  let x = 0;
  let y = 0;
  let last = Number.NEGATIVE_INFINITY;
  let clicks = 0;
  return ctx.hub.on('document', 'click', (event) => {
    const e = event as MouseEvent;
    const now = ctx.clock();
    const near = Math.hypot(e.clientX - x, e.clientY - y) <= radius;
    if (now - last > interval || !near) {
      x = e.clientX;
      y = e.clientY;
      clicks = 0;
    }
    last = now;
    clicks++;
    if (clicks !== need) return;
    const el = eventElement(e);
    ctx.emit({
      type: 'rage-click',
      target: el ? describeElement(el) : 'document',
      data: { clicks, x: Math.round(x), y: Math.round(y) },
    });
  });
}) satisfies Collector<RageClickOptions>;
