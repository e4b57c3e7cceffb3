import type { PersistedState } from './engine';

/** The part of the Web Storage API persistence needs; inject any key-value store. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options for `createPersistence`. */
export interface PersistenceOptions {
  /**
   * Where to keep state. `undefined` uses `localStorage` when the browser has one and lets it be
   * used; `null` keeps state in memory only.
   * @defaultValue `localStorage` in a browser, memory elsewhere
   */
  storage?: StorageLike | null | undefined;
  /** Storage key; related keys add a suffix (`:visit`). @defaultValue `'intentful'` */
  key?: string;
  /** Saved state older than this is discarded on load, in milliseconds. @defaultValue `2592000000` (30 days) */
  maxAge?: number | undefined;
  /** Milliseconds now. @defaultValue `Date.now` */
  clock?: () => number;
  /** Told when storage is unreadable, corrupt or full. @defaultValue ignore */
  onError?: (error: Error) => void;
}

/** Versioned state on a device, with a memory fallback. */
export interface Persistence {
  /** The saved state, or `null` when there is none or it was unusable (it is then removed). */
  load(): PersistedState | null;
  /** Writes the state; a full or blocked storage switches to memory instead of throwing. */
  save(state: PersistedState): void;
  /** Removes everything this persistence wrote, from storage and memory. */
  clear(): void;
  /** `'storage'` while writes reach the storage, `'memory'` after a fallback or without one. */
  readonly backend: 'storage' | 'memory';
}

/** Bumped when the stored envelope changes shape; older envelopes are discarded. */
export const PERSIST_VERSION = 1;

/** `localStorage` if present and usable; touching it can throw when cookies are blocked. */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): StorageLike | null {
  try {
    // A missing storage throws here too, and lands in the same `null`.
    const s = (globalThis as { [k: string]: unknown })[kind] as StorageLike;
    const probe = '__intentful__';
    s.setItem(probe, probe);
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/**
 * Creates a persistence. Storage failures never throw: unreadable or corrupt data is removed
 * and treated as "nothing saved", and a storage that refuses writes is replaced by memory.
 */
export function createPersistence(options: PersistenceOptions = {}): Persistence {
  const { key = 'intentful', clock = Date.now, maxAge = 30 * 864e5, onError } = options;
  let storage = options.storage === undefined ? browserStorage('localStorage') : options.storage;
  // Kept after a fallback so `clear()` still removes what reached the device before it failed.
  const device = storage;
  let memory: string | null = null;

  const fail = (what: string, cause?: unknown): null => {
    try {
      onError?.(new Error(`intentful: ${what}`, { cause }));
    } catch {
      // A throwing error handler must not turn a storage problem into a page failure.
    }
    return null;
  };

  const clear = (): void => {
    memory = null;
    try {
      device?.removeItem(key);
    } catch (error) {
      fail('stored state could not be cleared', error);
    }
  };

  return {
    get backend() {
      return storage ? 'storage' : 'memory';
    },
    load() {
      let raw: string | null;
      try {
        raw = storage ? storage.getItem(key) : memory;
      } catch (error) {
        storage = null;
        return fail('storage is unreadable; using memory', error);
      }
      if (raw === null) return null;
      let cause: unknown;
      try {
        // JSON.parse gives `any`; null, a non-object or a missing state throws into the reset below.
        const { v, savedAt, state } = JSON.parse(raw);
        if (
          v === PERSIST_VERSION &&
          Number.isFinite(savedAt) &&
          state.v === 1 &&
          Number.isFinite(state.at) &&
          state.intents instanceof Object &&
          (state.steps === undefined || state.steps instanceof Object)
        ) {
          // A save dated in the future (a clock that ran ahead, a forged entry) can't be aged:
          // it counts as expired rather than living for ever.
          const age = clock() - savedAt;
          if (age >= 0 && age <= maxAge) return state as PersistedState;
          clear();
          return null;
        }
      } catch (error) {
        cause = error;
      }
      fail('stored state was corrupt or outdated; reset', cause);
      clear();
      return null;
    },
    save(state) {
      const raw = JSON.stringify({ v: PERSIST_VERSION, savedAt: clock(), state });
      try {
        storage?.setItem(key, raw);
      } catch (error) {
        fail('storage is full or blocked; using memory', error);
        storage = null;
        // An older state left behind on the device would come back on the next visit.
        clear();
      }
      memory = raw;
    },
    clear,
  };
}
