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

/** Size bounds that keep one signal small; larger input is dropped, not truncated silently. */
export const SIGNAL_LIMITS = {
  typeLength: 64,
  targetLength: 256,
  dataKeys: 32,
  stringLength: 1024,
  arrayLength: 64,
  /** How far ahead of the clock a timestamp may be before it is rejected (clock skew). */
  futureSkewMs: 60_000,
} as const;

/** True unless the bundler or runtime says production. */
export function isDev(): boolean {
  return typeof process !== 'undefined' && process.env.NODE_ENV !== 'production';
}

// Stored signals are shared with listeners and sinks; freezing them in development catches code
// that mutates one, without paying for it on every signal in production.
const freeze = <T extends object>(value: T): T => (isDev() ? Object.freeze(value) : value);

function isValue(v: unknown): v is SignalValue {
  const t = typeof v;
  return (
    v === null ||
    t === 'boolean' ||
    t === 'string' ||
    (t === 'number' && Number.isFinite(v as number))
  );
}

function copyData(data: unknown): SignalData | DropReason {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'bad-data';
  const proto = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return 'bad-data';
  const out: Record<string, SignalValue | readonly SignalValue[]> = {};
  let keys = 0;
  for (const key in data) {
    if (!Object.hasOwn(data, key)) continue;
    if (++keys > SIGNAL_LIMITS.dataKeys) return 'too-large';
    const v = (data as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length > SIGNAL_LIMITS.arrayLength) return 'too-large';
      for (const item of v) {
        if (!isValue(item)) return 'bad-data';
        if (typeof item === 'string' && item.length > SIGNAL_LIMITS.stringLength)
          return 'too-large';
      }
      out[key] = freeze(v.slice());
    } else if (isValue(v)) {
      if (typeof v === 'string' && v.length > SIGNAL_LIMITS.stringLength) return 'too-large';
      out[key] = v;
    } else {
      return 'bad-data';
    }
  }
  return freeze(out);
}

/**
 * Checks untrusted input and returns a frozen copy, or the reason it is unusable.
 * Never throws: signals come from the host page and must not break it.
 */
export function normalizeSignal(input: unknown, now: number): Signal | DropReason {
  if (typeof input !== 'object' || input === null) return 'not-an-object';
  const raw = input as Record<string, unknown>;
  const type = raw.type;
  if (typeof type !== 'string' || type.length === 0) return 'missing-type';
  if (type.length > SIGNAL_LIMITS.typeLength) return 'too-large';
  let at = now;
  if (raw.at !== undefined) {
    if (
      typeof raw.at !== 'number' ||
      !Number.isFinite(raw.at) ||
      raw.at < 0 ||
      raw.at > now + SIGNAL_LIMITS.futureSkewMs
    ) {
      return 'bad-timestamp';
    }
    at = raw.at;
  }
  const signal: { type: string; at: number; target?: string; data?: SignalData } = { type, at };
  if (raw.target !== undefined) {
    if (typeof raw.target !== 'string') return 'bad-target';
    if (raw.target.length > SIGNAL_LIMITS.targetLength) return 'too-large';
    signal.target = raw.target;
  }
  if (raw.data !== undefined) {
    const data = copyData(raw.data);
    if (typeof data === 'string') return data;
    signal.data = data;
  }
  return freeze(signal);
}

/** Fixed-capacity ring: memory stays flat however long the session runs. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`intentful: ring capacity must be a positive integer, got ${capacity}`);
    }
    this.items = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
