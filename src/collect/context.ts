import type { StorageLike } from '../core/persist';
import type { SignalInput } from '../core/signal';
import type { Hub } from './hub';

/**
 * What a collector run remembers across restarts of the same provider (React StrictMode mounts
 * effects twice): the last page counted and whether the session signal went out.
 */
export interface CollectorMemory {
  page?: string;
  session?: boolean;
}

/** Storage the session collector may use; both `null` unless consent allows persistence. */
export interface CollectorStorage {
  readonly local: StorageLike | null;
  readonly session: StorageLike | null;
}

/** Shared by every collector in one run. */
export interface CollectorContext {
  readonly hub: Hub;
  readonly clock: () => number;
  readonly memory: CollectorMemory;
  readonly storage: CollectorStorage;
  /** Storage key prefix for the few keys collectors write. */
  readonly key: string;
  emit(signal: SignalInput): void;
  /** A timeout that is cleared when the collector run stops. */
  later(fn: () => void, ms: number): () => void;
}

/** A collector attaches when called and returns its own detach function. */
export type Collector<O> = (ctx: CollectorContext, options: O) => () => void;

/** `pathname + search` (and hash when asked): what counts as "another page". */
export function locationKey(win: Window, includeHash = false): string {
  const { pathname, search, hash } = win.location;
  return includeHash ? pathname + search + hash : pathname + search;
}
