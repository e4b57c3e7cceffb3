import type { StorageLike } from './persist';
import type { KeyValueStorage } from './slots/types';

/** Every key this library writes: beliefs, slot assignments and unit, visit and session flags. */
const SUFFIXES = ['', ':slots', ':visit', ':session'];

/** Removes `key + suffix` for each suffix; a blocked storage holds nothing to remove. */
export function removeKeys(
  storage: StorageLike | null | undefined,
  key: string,
  suffixes: readonly string[],
): void {
  for (const suffix of suffixes) {
    try {
      storage?.removeItem(key + suffix);
    } catch {
      // Nothing reached a storage that refuses access.
    }
  }
}

/**
 * Removes every key this library wrote under `key` (beliefs, slot assignments, session and visit
 * times) without probing storage: a probe is a write, and a denied user must not get one.
 */
export function clearDevice(key: string, custom: StorageLike | null | undefined): void {
  const g = globalThis as { localStorage?: Storage; sessionStorage?: Storage };
  let stores: (StorageLike | null | undefined)[];
  try {
    stores = [custom, g.localStorage, g.sessionStorage];
  } catch {
    // Reading a blocked storage property throws; only the injected one is left to clear.
    stores = [custom];
  }
  for (const s of stores) {
    try {
      if (!s) continue;
      // By name first: an injected storage need not list its keys.
      removeKeys(s, key, SUFFIXES);
      const list = s as Partial<Storage>;
      // Backwards, as removing shifts the indexes after it.
      for (let i = (list.length ?? 0) - 1; i >= 0; i--) {
        const k = list.key?.(i);
        if (k?.startsWith(`${key}:`)) s.removeItem(k);
      }
    } catch {
      // Blocked storage holds nothing we could remove.
    }
  }
}

/**
 * The unit id and sticky assignments, kept in one record under `<key>:slots` and only while
 * consent allows persisting (checked on every access, so withdrawal takes effect at once).
 */
export function slotStorage(
  allowed: () => boolean,
  key: string,
  custom: StorageLike | null | undefined,
): KeyValueStorage {
  const slotsKey = `${key}:slots`;
  const read = (): [StorageLike | null, Record<string, unknown>] => {
    let s: StorageLike | null = null;
    try {
      s = allowed()
        ? ((custom === undefined
            ? (globalThis as { localStorage?: StorageLike }).localStorage
            : custom) ?? null)
        : null;
      const value: unknown = s && JSON.parse(s.getItem(slotsKey) ?? '{}');
      return [s, typeof value === 'object' && value ? (value as Record<string, unknown>) : {}];
    } catch {
      // Blocked or full storage: the next write fails too, so assignments last for this page.
      // Corrupt JSON: start afresh, and the next write replaces it instead of leaving it forever.
      return [s, {}];
    }
  };
  return {
    getItem(k) {
      const v = read()[1][k];
      return typeof v === 'string' ? v : null;
    },
    setItem(k, v) {
      const [s, record] = read();
      try {
        s?.setItem(slotsKey, JSON.stringify({ ...record, [k]: v }));
      } catch {
        // As above.
      }
    },
  };
}
