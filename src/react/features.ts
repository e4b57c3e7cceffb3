import {
  type CollectOptions,
  type CollectorMemory,
  type Collectors,
  startCollectors,
} from '../collect/index';
import type { IntentEngine, PersistedState } from '../core/engine';
import {
  browserStorage,
  createPersistence,
  type PersistenceOptions,
  type StorageLike,
} from '../core/persist';
import { createRedactor, type RedactOptions } from '../core/privacy';
import type { Signal, SignalInput } from '../core/signal';

/** What the provider hands a collector plan once consent lets collection start. */
export interface CollectContext {
  /** The engine's `track`: where collected signals go. */
  track(signal: SignalInput): boolean;
  /** Accepted signals, oldest first: product page views read the cart from it. @defaultValue none */
  history?(): readonly Signal[];
  /** Milliseconds now, the provider's clock. */
  clock: () => number;
  /** Survives StrictMode restarts, so the first page view is counted once. */
  memory: CollectorMemory;
  /** Consent allows writing to the device (session and visit times). */
  canPersist: boolean;
  /** Storage key prefix. */
  key: string;
  /** The app reports page views itself (`page` prop), so history navigation is not watched. */
  routed: boolean;
  /** Receives a collector's failure; the page never sees it. @defaultValue none: ignored */
  onError?: ((error: Error) => void) | undefined;
}

/** Automatic collection for `<IntentProvider collect>`; made by `collectors()`. */
export interface CollectPlan {
  /** Applied to every signal before it is stored, collected or tracked; `null` keeps them as they are. */
  readonly redact: ((signal: Signal) => Signal) | null;
  start(context: CollectContext): Collectors;
}

/** Which collectors run and how, plus redaction of what they read from the page. */
export interface CollectorsOptions extends CollectOptions {
  /**
   * Redact e-mails, phone and card numbers, IBANs, id numbers and URL secrets from every signal
   * before it is stored. `false` turns it off.
   * @defaultValue `true`
   */
  redact?: boolean | RedactOptions;
}

/**
 * Every browser collector, each switchable and tunable, for `<IntentProvider collect>`. Opt-in so
 * an app that tracks its own signals does not ship the collectors.
 */
export function collectors(options: CollectorsOptions = {}): CollectPlan {
  const { redact = true, ...collect } = options;
  const redactor = redact === false ? null : createRedactor(redact === true ? {} : redact);
  return {
    redact: redactor ? redactor.signal : null,
    start(ctx) {
      const page = collect.pageViews;
      return startCollectors(
        {
          track: ctx.track,
          clock: ctx.clock,
          ...(ctx.history && { history: ctx.history }),
          ...(redactor && { redact: redactor.text }),
        },
        {
          ...collect,
          ...(ctx.routed &&
            page !== false && {
              pageViews: { ...(typeof page === 'object' ? page : {}), history: false },
            }),
          memory: ctx.memory,
          ...(ctx.canPersist && {
            storage: {
              local: browserStorage('localStorage'),
              session: browserStorage('sessionStorage'),
            },
          }),
          key: ctx.key,
          ...(ctx.onError && { onError: ctx.onError }),
        },
      );
    },
  };
}

/** One provider's view of a persist plan, opened once consent allows persisting. */
export interface PersistSession {
  /** The saved state, or `null` when there is none or it was unusable (it is then removed). */
  load(): PersistedState | null;
  /** Saves the engine's state a second after changes and when the page hides; returns a stop. */
  attach(engine: Pick<IntentEngine, 'serialize' | 'store'>, allowed: () => boolean): () => void;
  /** Removes what this session wrote, from its storage and memory. */
  clear(): void;
}

/** Saving beliefs across visits for `<IntentProvider persist>`; made by `persistence()`. */
export interface PersistPlan {
  /** Storage key; related keys add a suffix (`:slots`, `:visit`). */
  readonly key: string;
  /** The injected storage, if any (`undefined` means `localStorage`). */
  readonly storage: StorageLike | null | undefined;
  /** Called only once consent allows persisting: opening probes the storage, which is a write. */
  open(clock: () => number, onError?: (error: Error) => void): PersistSession;
}

/**
 * Keep beliefs across visits, only while consent allows it: versioned, expiring, and falling back
 * to memory when storage is full or blocked.
 */
export function persistence(
  options: Omit<PersistenceOptions, 'clock' | 'onError'> = {},
): PersistPlan {
  return {
    key: options.key ?? 'intentful',
    storage: options.storage,
    open(clock, onError) {
      const p = createPersistence({ ...options, clock, ...(onError && { onError }) });
      return {
        load: p.load,
        clear: p.clear,
        attach(engine, allowed) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const save = (): void => {
            clearTimeout(timer);
            timer = undefined;
            if (allowed()) p.save(engine.serialize());
          };
          const onHide = (): void => {
            if (document.visibilityState === 'hidden') save();
          };
          const unsubscribe = engine.store.subscribe(() => {
            timer ??= setTimeout(save, 1000);
          });
          document.addEventListener('visibilitychange', onHide);
          addEventListener('pagehide', save);
          return () => {
            unsubscribe();
            document.removeEventListener('visibilitychange', onHide);
            removeEventListener('pagehide', save);
            if (timer !== undefined) save();
          };
        },
      };
    },
  };
}
