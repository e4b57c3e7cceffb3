import type { Collector } from './context';

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
export const collectExitIntent = ((ctx, options) => {
  const { hub } = ctx;
  const topPx = options.topPx ?? 20;
  const cooldown = options.cooldownMs ?? 15_000;
  let last = Number.NEGATIVE_INFINITY;

  const fire = (reason: 'pointer' | 'hidden'): void => {
    const now = ctx.clock();
    if (now - last < cooldown) return;
    last = now;
    ctx.emit({ type: 'exit-intent', data: { reason } });
  };

  const offs = [
    // `mouseleave` on the root fires once when the pointer leaves the viewport, unlike
    // `mouseout`, which fires on every element boundary.
    hub.on('root', 'mouseleave', (event) => {
      const e = event as MouseEvent;
      if (e.clientY <= topPx) fire('pointer');
    }),
  ];
  if (options.onHidden ?? true) {
    offs.push(
      hub.on('document', 'visibilitychange', () => {
        if (hub.document.visibilityState === 'hidden') fire('hidden');
      }),
    );
  }
  return () => {
    for (const off of offs) off();
  };
}) satisfies Collector<ExitIntentOptions>;
