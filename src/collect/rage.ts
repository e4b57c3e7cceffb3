import { describeElement, type Hub } from './hub';

/** Options for rage clicks: several fast clicks in one spot. */
export interface RageClickOptions {
  /** Clicks that make a burst. @defaultValue `3` */
  count?: number;
  /** Longest time between consecutive clicks of a burst, in ms. @defaultValue `600` */
  intervalMs?: number;
  /** Farthest a click may land from the burst's first click, in CSS pixels. @defaultValue `30` */
  radius?: number;
}

/** Emits one `rage-click` per burst, when it reaches `count` clicks. */
export const collectRageClicks = (hub: Hub, options: RageClickOptions): void => {
  let x = 0;
  let y = 0;
  let last = -Infinity;
  let clicks = 0;
  hub.on('click', (event, el) => {
    const { clientX, clientY } = event as MouseEvent;
    const now = hub.now();
    if (
      now - last > (options.intervalMs ?? 600) ||
      Math.hypot(clientX - x, clientY - y) > (options.radius ?? 30)
    ) {
      x = clientX;
      y = clientY;
      clicks = 0;
    }
    last = now;
    if (++clicks !== (options.count ?? 3)) return;
    hub.emit('rage-click', el ? describeElement(el) : 'document', {
      clicks,
      x: Math.round(x),
      y: Math.round(y),
    });
  });
};
