/** A primitive value a signal may carry. Objects are not allowed so signals stay flat and serializable. */
export type SignalValue = string | number | boolean | null;

/** Extra facts about a signal: flat, JSON-serializable, bounded in size. */
export type SignalData = { readonly [key: string]: SignalValue | readonly SignalValue[] };

/** Signal types the built-in collectors emit. Apps may use any other string too. */
export type BuiltInSignalType =
  | 'page-view'
  | 'click'
  | 'rage-click'
  | 'dead-click'
  | 'scroll-depth'
  | 'dwell'
  | 'hesitation'
  | 'form-hesitation'
  | 'form-abandon'
  | 'search'
  | 'filter'
  | 'cart-add'
  | 'cart-remove'
  | 'exit-intent'
  | 'visibility'
  | 'session'
  | 'declare'
  | 'step-dismiss'
  | 'step-complete'
  | 'goal';

/** Any signal type: the built-in ones are suggested by editors, custom strings are accepted. */
export type SignalType = BuiltInSignalType | (string & {});

/** One observed event. `at` is milliseconds on the engine's clock. */
export interface Signal {
  readonly type: SignalType;
  readonly at: number;
  readonly target?: string;
  readonly data?: SignalData;
}

/** What callers pass to `track`: `at` defaults to the engine clock's now. */
export interface SignalInput {
  type: SignalType;
  at?: number;
  target?: string;
  data?: SignalData;
}

/** Why a signal was dropped instead of ingested. */
export type DropReason =
  | 'not-an-object'
  | 'missing-type'
  | 'bad-timestamp'
  | 'bad-target'
  | 'bad-data'
  | 'too-large'
  | 'filtered';

/**
 * True unless the bundler or runtime says production. Read once: an unbundled Node process (SSR,
 * replays, tests) would otherwise read `process.env` on every signal.
 */
// Written as a conditional, and declared before any other top-level value, so that esbuild folds
// the bundler's NODE_ENV replacement into a constant it inlines everywhere, dropping the
// development-only code (after an object literal, it keeps a variable and every branch).
export const DEV: boolean =
  typeof process === 'undefined' ? false : process.env.NODE_ENV !== 'production';

// The bounds as constants, so the bundler writes each number where it is used; the object below
// is for tests and tools, and drops out of bundles that do not read it.
const TYPE_LENGTH = 64;
const TARGET_LENGTH = 256;
const DATA_KEYS = 32;
const STRING_LENGTH = 1024;
const ARRAY_LENGTH = 64;
/** How far ahead of the clock a timestamp may be before it is rejected (clock skew). */
export const FUTURE_SKEW_MS = 60_000;

/** Size bounds that keep one signal small; larger input is dropped, not truncated silently. */
export const SIGNAL_LIMITS = {
  typeLength: TYPE_LENGTH,
  targetLength: TARGET_LENGTH,
  dataKeys: DATA_KEYS,
  stringLength: STRING_LENGTH,
  arrayLength: ARRAY_LENGTH,
  /** How far ahead of the clock a timestamp may be before it is rejected (clock skew). */
  futureSkewMs: FUTURE_SKEW_MS,
} as const;

/**
 * Reports each kind of problem once to `onError` (or, in development, the console), so bad input
 * repeated on every signal is one report. `error` may be a function, called only for a first
 * report, so building a message costs nothing after it.
 */
export function reportOnce(
  onError: ((error: Error) => void) | undefined,
): (kind: string, error: unknown) => void {
  const reported = new Set<string>();
  return (kind, error) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    const value = typeof error === 'function' ? error() : error;
    const err = value instanceof Error ? value : new Error(String(value));
    try {
      if (onError) onError(err);
      else if (DEV) console.warn(`[intentful] ${err.message}`);
    } catch {
      // The error handler itself failed; there is nowhere left to report to.
    }
  };
}

// Stored signals are shared with listeners and sinks; freezing them in development (each
// `Object.freeze` below is behind `DEV`) catches code that mutates one, without paying for it on
// every signal in production.

/** Made by an object literal (or `Object.create(null)`), not a class or an array. */
const plainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const tooLong = (v: unknown, max: number): boolean => (v as { length: number }).length > max;

/** Why a flat value is unusable, or `undefined` when it is fine. */
const invalid = (v: unknown): DropReason | undefined =>
  typeof v === 'string'
    ? tooLong(v, STRING_LENGTH)
      ? 'too-large'
      : undefined
    : v === null || typeof v === 'boolean' || Number.isFinite(v)
      ? undefined
      : 'bad-data';

function checkData(data: object): SignalData | DropReason {
  if (!plainObject(data)) return 'bad-data';
  // Development stores a frozen copy, so code that changes a signal after tracking it fails
  // loudly there; production checks the caller's object and stores it as given (no per-signal
  // copy), unless it has `undefined` values to leave out.
  // A spread copies a stable shape far faster than adding keys one by one.
  let out = (DEV ? { ...data } : data) as Record<string, unknown>;
  let keys = 0;
  let holes = false;
  for (const key in out) {
    if (++keys > DATA_KEYS) return 'too-large';
    const v = out[key];
    if (v === undefined) holes = true;
    else if (!Array.isArray(v)) {
      const problem = invalid(v);
      if (problem) return problem;
    } else {
      if (tooLong(v, ARRAY_LENGTH)) return 'too-large';
      for (const item of v) {
        const problem = invalid(item);
        if (problem) return problem;
      }
      if (DEV) out[key] = Object.freeze(v.slice());
    }
  }
  if (holes) {
    if (!DEV) out = { ...out };
    for (const key in out) if (out[key] === undefined) delete out[key];
  }
  return (DEV ? Object.freeze(out) : out) as SignalData;
}

/**
 * Checks untrusted input and returns the signal to store, or the reason it is unusable. Development
 * stores a frozen deep copy; production stores a complete signal (with its `at`) as given, and
 * otherwise a new signal sharing the caller's `data`.
 * Never throws: signals come from the host page and must not break it.
 */
export function normalizeSignal(input: unknown, now: number): Signal | DropReason {
  if (typeof input !== 'object' || input === null) return 'not-an-object';
  const { type, at = now, target, data } = input as Record<string, unknown>;
  if (typeof type !== 'string' || !type) return 'missing-type';
  if (tooLong(type, TYPE_LENGTH)) return 'too-large';
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > now + FUTURE_SKEW_MS)
    return 'bad-timestamp';
  if (target !== undefined) {
    if (typeof target !== 'string') return 'bad-target';
    if (tooLong(target, TARGET_LENGTH)) return 'too-large';
  }
  let checked: SignalData | undefined;
  if (data !== undefined) {
    const result = typeof data === 'object' && data ? checkData(data) : 'bad-data';
    if (typeof result === 'string') return result;
    checked = result;
  }
  // Production stores a complete plain signal as given: nothing allocated per signal outlives it.
  if (!DEV && at === (input as SignalInput).at && checked === data && plainSignal(input))
    return input;
  const signal: { type: string; at: number; target?: string; data?: SignalData } = { type, at };
  if (target !== undefined) signal.target = target as string;
  if (checked !== undefined) signal.data = checked;
  return DEV ? Object.freeze(signal) : signal;
}

/** A plain object with no keys but a signal's: safe to store as it is. */
function plainSignal(input: object): input is Signal {
  if (!plainObject(input)) return false;
  for (const key in input)
    if (key !== 'type' && key !== 'at' && key !== 'target' && key !== 'data') return false;
  return true;
}

/** `capacity`, if it can size a ring; throws a `RangeError` if not. */
export function checkCapacity(capacity: number): number {
  if (!(Number.isInteger(capacity) && capacity > 0)) {
    throw new RangeError(
      DEV
        ? `intentful: ring capacity must be a positive integer, got ${capacity}`
        : `intentful: bad capacity ${capacity}`,
    );
  }
  return capacity;
}

/** Fixed-capacity ring: memory stays flat however long the session runs. */
export class Ring<T> {
  declare readonly capacity: number;
  // Filled up to `capacity`, then overwritten from `next` on: the oldest item is at `next`.
  declare private items: T[];
  declare private next: number;

  constructor(capacity: number) {
    this.capacity = checkCapacity(capacity);
    this.clear();
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    // Until the ring is full `next` is its length, so the first part is empty.
    const { items, next } = this;
    return items.slice(next).concat(items.slice(0, next));
  }

  clear(): void {
    this.items = [];
    this.next = 0;
  }
}

/**
 * Subscribers in an array replaced on every change. Walking a `Set` allocates an iterator result
 * per step, and these lists are walked on every signal; a copy per subscribe is cheap by
 * comparison, and a walk already under way keeps the list it started with.
 */
export class Listeners<F> {
  list: readonly F[] = [];

  /** Adds `fn` once (as a `Set` would); returns its removal. */
  add(fn: F): () => void {
    if (!this.list.includes(fn)) this.list = [...this.list, fn];
    return () => {
      this.list = this.list.filter((l) => l !== fn);
    };
  }
}

/**
 * Calls every listener of `listeners`; one that throws is reported and must not starve the others,
 * nor turn a stored signal into a failed `track`.
 */
export function notifyAll(
  listeners: Listeners<() => void>,
  report: (key: string, error: unknown) => void,
): void {
  const { list } = listeners;
  for (let i = 0; i < list.length; i++) {
    try {
      list[i]!();
    } catch (error) {
      report('listener', error);
    }
  }
}
