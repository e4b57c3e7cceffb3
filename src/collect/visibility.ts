import type { Hub } from './hub';

/** Options for page visibility changes. */
export type VisibilityOptions = Record<string, never>;

/** `{ type: 'visibility', data: { state: 'hidden' | 'visible', ms } }`; `ms` is time spent in the previous state. */
export const collectVisibility = (hub: Hub): void => {
  let since = hub.now();
  hub.on('visibilitychange', () => {
    const now = hub.now();
    hub.emit('visibility', null, {
      state: hub.hidden() ? 'hidden' : 'visible',
      ms: now - since,
    });
    since = now;
  });
};
