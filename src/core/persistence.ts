import type { IntentfulPlugin } from './client';
import { createPersistence, type Persistence } from './persist';

export interface PersistenceOptions {
  /** Saved state older than this is discarded on load, in milliseconds. @defaultValue `2592000000` (30 days) */
  maxAge?: number;
  /** Wait after a change before saving, in milliseconds; the page hiding saves at once. @defaultValue `1000` */
  saveDelay?: number;
}

/**
 * Keeps beliefs across visits, only while consent allows persisting: versioned, expiring, and
 * falling back to memory when storage is full or blocked. Saved state is read on `mount()` (or
 * when consent is granted later) and added under what this page has already seen.
 */
export function persistence(options: PersistenceOptions = {}): IntentfulPlugin {
  return {
    name: 'persistence',
    setup(ctx) {
      let store: Persistence | null = null;
      // An initial state from the app wins over what the device saved.
      let loaded = ctx.hasInitialState;
      const open = (): Persistence =>
        (store ??= createPersistence({
          key: ctx.storageKey,
          ...(ctx.storage !== undefined && { storage: ctx.storage }),
          ...(options.maxAge !== undefined && { maxAge: options.maxAge }),
          clock: ctx.clock,
          onError: ctx.report,
        }));
      return {
        start(privacy) {
          // Opening probes the storage, which is a write: only with consent.
          if (!privacy.canPersist) return undefined;
          const session = open();
          if (!loaded) {
            loaded = true;
            const saved = session.load();
            // Unreadable by this version (reported): leave it on the device rather than
            // overwrite it with this page alone.
            if (saved && !ctx.restore(saved)) return undefined;
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          const save = (): void => {
            clearTimeout(timer);
            timer = undefined;
            if (ctx.privacy().canPersist) session.save(ctx.serialize());
          };
          const doc = typeof document === 'undefined' ? null : document;
          const onHide = (): void => {
            if (doc?.visibilityState === 'hidden') save();
          };
          const later = (): void => {
            timer ??= setTimeout(save, options.saveDelay ?? 1000);
          };
          const off = ctx.subscribe(later);
          // What this page saw before consent (and the merge just made) is saved too, even if
          // nothing changes before the page goes.
          later();
          doc?.addEventListener('visibilitychange', onHide);
          if (typeof addEventListener === 'function') addEventListener('pagehide', save);
          return () => {
            off();
            doc?.removeEventListener('visibilitychange', onHide);
            if (typeof removeEventListener === 'function') removeEventListener('pagehide', save);
            if (timer !== undefined) save();
          };
        },
        forget() {
          store?.clear();
        },
      };
    },
  };
}
