import type { Collector } from './context';

/** Options for page visibility changes. */
export type VisibilityOptions = Record<string, never>;

/** `{ type: 'visibility', data: { state: 'hidden' | 'visible', ms } }`; `ms` is time spent in the previous state. */
export const collectVisibility = ((ctx) => {
  const { hub } = ctx;
  let since = ctx.clock();
  return hub.on('document', 'visibilitychange', () => {
    const now = ctx.clock();
    ctx.emit({
      type: 'visibility',
      data: {
        state: hub.document.visibilityState === 'hidden' ? 'hidden' : 'visible',
        ms: now - since,
      },
    });
    since = now;
  });
}) satisfies Collector<VisibilityOptions>;
