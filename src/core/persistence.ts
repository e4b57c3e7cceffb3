import type { IntentfulPlugin } from './client';
import { clearDevice, slotStorage } from './device';
import { createPersistence, type Persistence } from './persist';
import { stateCodec } from './state';

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
    engine: { codec: stateCodec },
    setup(ctx) {
      let store: Persistence | null = null;
      // One run at a time; `forget` cancels a save it has scheduled.
      let timer: ReturnType<typeof setTimeout> | undefined;
      // An initial state from the app wins over what the device saved (known once every plugin
      // is set up).
      let loaded: boolean | undefined;
      const open = (): Persistence =>
        (store ??= createPersistence({
          key: ctx.storageKey,
          storage: ctx.storage,
          maxAge: options.maxAge,
          clock: ctx.clock,
          onError: ctx.report,
        }));
      return {
        start(privacy) {
          // Opening probes the storage, which is a write: only with consent.
          if (!privacy.canPersist) return undefined;
          const session = open();
          loaded ??= ctx.hasInitialState;
          if (!loaded) {
            loaded = true;
            const saved = session.load();
            // Unreadable by this version (reported): leave it on the device rather than
            // overwrite it with this page alone.
            if (saved && !ctx.restore(saved)) return undefined;
          }
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
        // Sticky experiment assignments and the unit id live beside the beliefs, with the same
        // consent; without this plugin experiments are per page load.
        assignments: slotStorage(() => ctx.privacy().canPersist, ctx.storageKey, ctx.storage),
        forget() {
          clearTimeout(timer);
          timer = undefined;
        },
        erase() {
          clearTimeout(timer);
          timer = undefined;
          store?.clear();
          // Every key under the prefix, including what earlier versions or visits wrote.
          clearDevice(ctx.storageKey, ctx.storage);
        },
      };
    },
  };
}
