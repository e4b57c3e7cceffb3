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
  storage?: StorageLike | null;
  /** Storage key; related keys add a suffix (`:visit`). @defaultValue `'intentful'` */
  key?: string;
  /** Saved state older than this is discarded on load, in milliseconds. @defaultValue `2592000000` (30 days) */
  maxAge?: number;
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
  /** The storage in use, or `null` in memory mode (for related keys such as visit times). */
  readonly storage: StorageLike | null;
  readonly key: string;
}

/** Bumped when the stored envelope changes shape; older envelopes are discarded. */
export const PERSIST_VERSION = 1;

interface Envelope {
  readonly v: number;
  readonly savedAt: number;
  readonly state: PersistedState;
}

/** `localStorage` if present and usable; touching it can throw when cookies are blocked. */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): StorageLike | null {
  try {
    const s = (globalThis as { [k: string]: unknown })[kind] as StorageLike | undefined;
    if (!s) return null;
    const probe = '__intentful_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

function isState(x: unknown): x is PersistedState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as { v?: unknown; at?: unknown; intents?: unknown; steps?: unknown };
  return (
    s.v === 1 &&
    typeof s.at === 'number' &&
    Number.isFinite(s.at) &&
    typeof s.intents === 'object' &&
    s.intents !== null &&
    (s.steps === undefined || (typeof s.steps === 'object' && s.steps !== null))
  );
}

/**
 * Creates a persistence. Storage failures never throw: unreadable or corrupt data is removed
 * and treated as "nothing saved", and a storage that refuses writes is replaced by memory.
 */
export function createPersistence(options: PersistenceOptions = {}): Persistence {
  const key = options.key ?? 'intentful';
  const clock = options.clock ?? Date.now;
  const maxAge = options.maxAge ?? 30 * 24 * 60 * 60 * 1000;
  let storage: StorageLike | null =
    options.storage === undefined ? browserStorage('localStorage') : options.storage;
  // Kept after a fallback so `clear()` still removes what reached the device before it failed.
  const original = storage;
  let memory: string | null = null;

  const fail = (message: string, cause: unknown): void => {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    try {
      options.onError?.(new Error(`intentful: ${message}${detail}`));
    } catch {
      // A throwing error handler must not turn a storage problem into a page failure.
    }
  };

  const remove = (): void => {
    memory = null;
    try {
      original?.removeItem(key);
    } catch (error) {
      fail('could not clear stored state', error);
    }
  };

  return {
    get backend() {
      return storage ? 'storage' : 'memory';
    },
    get storage() {
      return storage;
    },
    key,
    load() {
      let raw: string | null;
      try {
        raw = storage ? storage.getItem(key) : memory;
      } catch (error) {
        fail('stored state is unreadable, using memory', error);
        storage = null;
        return null;
      }
      if (raw === null) return null;
      let env: Envelope;
      try {
        env = JSON.parse(raw) as Envelope;
      } catch (error) {
        fail('stored state is corrupt and was reset', error);
        remove();
        return null;
      }
      if (
        typeof env !== 'object' ||
        env === null ||
        env.v !== PERSIST_VERSION ||
        typeof env.savedAt !== 'number' ||
        !isState(env.state)
      ) {
        fail('stored state has an unknown version or shape and was reset', null);
        remove();
        return null;
      }
      if (clock() - env.savedAt > maxAge) {
        remove();
        return null;
      }
      return env.state;
    },
    save(state) {
      const raw = JSON.stringify({ v: PERSIST_VERSION, savedAt: clock(), state });
      if (storage) {
        try {
          storage.setItem(key, raw);
          return;
        } catch (error) {
          fail('storage is full or blocked, keeping state in memory', error);
          try {
            storage.removeItem(key);
          } catch {
            // Already failing; memory below is the fallback either way.
          }
          storage = null;
        }
      }
      memory = raw;
    },
    clear: remove,
  };
}
