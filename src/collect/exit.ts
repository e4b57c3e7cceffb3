import type { Hub } from './hub';

/** Options for exit intent: the pointer leaving through the top, or the page being hidden. */
export interface ExitIntentOptions {
  /** The pointer must leave within this many pixels of the top edge. @defaultValue `20` */
  topPx?: number;
  /** Minimum time between two exit-intent signals, in ms. @defaultValue `15000` */
  cooldownMs?: number;
  /** Count the page being hidden (tab switch, app switch, closing) as exit intent too. @defaultValue `true` */
  onHidden?: boolean;
}

/** `{ type: 'exit-intent', data: { reason: 'pointer' | 'hidden' } }`. */
export const collectExitIntent = (hub: Hub, options: ExitIntentOptions): void => {
  let last = -Infinity;
  const fire = (reason: string): void => {
    const now = hub.now();
    if (now - last < (options.cooldownMs ?? 15_000)) return;
    last = now;
    hub.emit('exit-intent', null, { reason });
  };
  // `mouseleave` on the root fires once when the pointer leaves the viewport; leaving any other
  // element near the top (a header link) is not leaving the page.
  hub.on('mouseleave', (event, el) => {
    if (el === hub.doc.documentElement && (event as MouseEvent).clientY <= (options.topPx ?? 20))
      fire('pointer');
  });
  hub.on('visibilitychange', () => {
    if (options.onHidden !== false && hub.hidden()) fire('hidden');
  });
};
