import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { CollectorMemory, Collectors } from '../collect/index';
import { createIntentEngine, type PersistedState } from '../core/engine';
import type { StorageLike } from '../core/persist';
import {
  type Consent,
  canCollect,
  canPersist,
  canSend,
  type PrivacyState,
  readGlobalPrivacyControl,
  type WithoutConsent,
} from '../core/privacy';
import type { RegisteredModel } from '../core/register';
import { isDev, type Signal } from '../core/signal';
import type { Sink } from '../core/slots/events';
import type { SlotRegistry } from '../core/slots/registry';
import type { Policy } from '../core/slots/types';
import { type AppEngine, EngineContext } from './context';
import type { CollectPlan, PersistPlan, PersistSession } from './features';
import { PrivacyContext, type PrivacyControls } from './privacy';
import { type ObserveExposure, SlotHubContext, slotStorage, useSlotRuntime } from './slot-context';

export interface IntentProviderProps {
  /** The intents, evidence rules and steps (from `defineModel`). Read once, on mount. */
  model: RegisteredModel;
  /** Use this engine instead of creating one (tests, devtools, sharing with non-React code). */
  engine?: AppEngine;
  /** Milliseconds now; inject a fake clock in tests. @defaultValue `Date.now` */
  clock?: () => number;
  /** Start from persisted or server-rendered state; server and client must pass the same value. */
  initialState?: PersistedState;
  /** Signals kept in history. @defaultValue `500` */
  historySize?: number;
  /** Longest wait between decay refreshes while any belief has evidence; `false` refreshes only at threshold crossings. @defaultValue `10000` */
  decayTick?: number | false;
  /** Called with every accepted signal (after validation). */
  onSignal?: (signal: Signal) => void;
  /** Receives bad input and throwing callbacks, once per kind. @defaultValue a development-only warning */
  onError?: (error: Error) => void;
  /** Slots registered outside JSX (from `defineSlots`). @defaultValue none */
  slots?: SlotRegistry;
  /** Chooses variants for slots without their own policy. @defaultValue `intentMatch()` */
  policy?: Policy;
  /** Stable anonymous id for experiments; pass the same on server and client to render experiments on the server. @defaultValue a random id per page load (none on the server) */
  unitId?: string;
  /** Receive slot decisions, exposures and outcomes. Read once, on mount. @defaultValue `[]` */
  sinks?: readonly Sink[];
  /** How a slot learns it is visible. @defaultValue `IntersectionObserver`, half the slot on screen */
  observeExposure?: ObserveExposure;
  /**
   * Automatic collection of in-app signals: `collect={collectors()}` (page views,
   * `data-intent-*` clicks, rage and dead clicks, scroll depth, dwell, hesitation, forms, search
   * and filters, exit intent, visibility, session context; each switchable). Read on mount.
   * @defaultValue none: only what the app tracks itself
   */
  collect?: CollectPlan | false;
  /**
   * What the user agreed to. Only `'granted'` lets state be persisted and events be sent, and
   * Global Privacy Control overrides it. Switching to `'denied'` removes what was stored.
   * @defaultValue `'pending'`
   */
  consent?: Consent;
  /** Before consent is granted: infer in memory for this page (`'memory'`) or collect nothing (`'none'`). @defaultValue `'memory'` */
  withoutConsent?: WithoutConsent;
  /**
   * Keep beliefs across visits while consent allows: `persist={persistence()}`. An
   * `initialState` prop wins over the saved state. Read on mount.
   * @defaultValue none
   */
  persist?: PersistPlan | false;
  /**
   * Applied to every signal before it is stored (not to an injected `engine`). `collectors()`
   * brings the built-in redactor; pass `createRedactor(options).signal` to redact without
   * collectors, or `false` to turn redaction off.
   * @defaultValue the collect plan's redactor, else none
   */
  redact?: ((signal: Signal) => Signal) | false;
  /**
   * The current page from a router integration (`page={location.pathname}` or
   * `{ path, type }`). Each change of this prop is one page view, and collectors no longer
   * watch history navigation.
   */
  page?: string | { path: string; type?: string };
  children?: ReactNode;
}

const readGpc = (): boolean =>
  typeof navigator !== 'undefined' && readGlobalPrivacyControl(navigator);

/**
 * Removes every key this library wrote under `key` (beliefs, slot assignments, session and visit
 * times) without probing storage: a probe is a write, and a denied user must not get one.
 */
function clearDevice(key: string, custom: StorageLike | null | undefined): void {
  const g = globalThis as { localStorage?: Storage; sessionStorage?: Storage };
  for (const s of [custom, g.localStorage, g.sessionStorage] as const) {
    try {
      if (!s) continue;
      s.removeItem(key);
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
 * The plan, or `null` after telling the app what it passed instead (options written for an older
 * release, or from untyped config): a wrong prop must not take the page down.
 */
function planOf<T>(
  value: unknown,
  method: string,
  prop: string,
  factory: string,
  onError: ((error: Error) => void) | undefined,
): T | null {
  if (!value) return null;
  if (typeof (value as Record<string, unknown>)[method] === 'function') return value as T;
  const error = new Error(
    `intentful: <IntentProvider ${prop}> takes ${factory}(options), got ${JSON.stringify(value)}; ignored`,
  );
  try {
    if (onError) onError(error);
    else if (isDev()) console.warn(error.message);
  } catch {
    // A throwing error handler must not turn a wrong prop into a broken page.
  }
  return null;
}

/** Per-mount state that survives StrictMode effect replays; callbacks read the latest props. */
interface Runtime {
  props: IntentProviderProps;
  /** The plans, checked once on mount: both are read on mount. */
  readonly collect: CollectPlan | null;
  readonly persist: PersistPlan | null;
  privacy: PrivacyState;
  collecting: boolean;
  readonly memory: CollectorMemory;
  collectors: Collectors | null;
  pending: { path?: string | undefined; type?: string | undefined } | null;
  persistence: PersistSession | null;
  /** Saved state was read, or must not be (an injected engine or initial state). */
  loaded: boolean;
  /** Collection started: listeners and the slot hub hear what is tracked now. */
  started: boolean;
}

/**
 * Owns one engine (one zustand store) for its subtree. Two providers never share state, and the
 * engine is created once per mount, so server requests and tests stay isolated.
 */
export function IntentProvider(props: IntentProviderProps): ReactNode {
  const { clock, onError } = props;
  const [gpc] = useState(readGpc);
  const consent = props.consent ?? 'pending';
  const privacy: PrivacyState = { consent, gpc };
  const collecting = canCollect(privacy, props.withoutConsent);
  const persistOk = canPersist(privacy);
  const sendOk = canSend(privacy);
  const now = clock ?? Date.now;

  const [rt] = useState<Runtime>(() => ({
    props,
    collect: planOf<CollectPlan>(props.collect, 'start', 'collect', 'collectors', onError),
    persist: planOf<PersistPlan>(props.persist, 'open', 'persist', 'persistence', onError),
    privacy,
    collecting,
    memory: {},
    collectors: null,
    pending: null,
    persistence: null,
    loaded: false,
    started: false,
  }));
  const key = rt.persist?.key ?? 'intentful';
  const open = (): PersistSession | null => {
    const plan = rt.persist;
    if (!plan || !canPersist(rt.privacy)) return null;
    rt.persistence ??= plan.open(rt.props.clock ?? Date.now, rt.props.onError);
    return rt.persistence;
  };

  const [engine] = useState<AppEngine>(() => {
    const given = props.engine ?? props.initialState;
    const session = given || typeof window === 'undefined' ? null : open();
    // Without consent yet, what was saved is read (and put under this page) once it is granted;
    // an injected engine or initial state is never replaced.
    rt.loaded = !!(given || session);
    if (props.engine) return props.engine;
    const redact = props.redact ?? rt.collect?.redact ?? null;
    const saved = props.initialState ?? session?.load() ?? undefined;
    return createIntentEngine({
      model: props.model,
      beforeSignal: (signal) => (!rt.collecting ? null : redact ? redact(signal) : signal),
      ...(clock && { clock }),
      ...(saved && { initialState: saved }),
      ...(props.historySize !== undefined && { historySize: props.historySize }),
      ...(onError && { onError }),
    });
  });

  // Declared first so every effect below sees this render's props and consent.
  useEffect(() => {
    rt.props = props;
    rt.privacy = privacy;
    rt.collecting = collecting;
  });

  // One subscription for the provider's life: re-subscribing an inline callback on every render
  // would leave a gap in which a child's effect tracks a signal nobody hears.
  useEffect(() => engine.onSignal((signal) => rt.props.onSignal?.(signal)), [rt, engine]);

  const decayTick = props.decayTick ?? 10_000;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due = Number.POSITIVE_INFINITY;
    const schedule = (): void => {
      const t = now();
      let next = engine.nextChangeAt(t) ?? Number.POSITIVE_INFINITY;
      // The tick matters only when it is earlier than both; most signals find a timer already
      // due within it. Observation counts, not evidence lists: reading `evidence` would build
      // every lazy list.
      if (
        decayTick !== false &&
        t + decayTick < Math.min(next, due) &&
        Object.values(engine.store.getState().beliefs).some((b) => b.observations > 0)
      )
        next = t + decayTick;
      // Keep an earlier timer: firing early only refreshes and reschedules, and resetting the
      // timer on every signal would churn timers on the hottest path.
      if (next >= due) return;
      clearTimeout(timer);
      due = next;
      if (next === Number.POSITIVE_INFINITY) return;
      timer = setTimeout(
        () => {
          due = Number.POSITIVE_INFINITY;
          engine.refresh();
          schedule();
        },
        // Longer delays make setTimeout fire at once; waking early just reschedules.
        Math.min(2 ** 31 - 1, Math.max(0, next - t)),
      );
    };
    schedule();
    const unsubscribe = engine.store.subscribe(schedule);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [engine, now, decayTick]);

  // Withdrawn consent or GPC: what earlier visits stored goes, and nothing new is written.
  useEffect(() => {
    if (consent === 'denied' || gpc) clearDevice(key, rt.persist?.storage);
  }, [rt, key, consent, gpc]);

  const saving = persistOk && !!rt.persist;
  // `open` reads the runtime; consent changes reach it through `saving`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const session = saving ? open() : null;
    if (!session) return;
    if (!rt.loaded) {
      rt.loaded = true;
      const saved = session.load();
      // Unreadable by this version (reported): leave it on the device rather than overwrite
      // it with this page alone.
      if (saved && !engine.restore(saved)) return;
    }
    return session.attach(engine, () => canPersist(rt.privacy));
  }, [rt, engine, saving]);

  const slotRuntime = useSlotRuntime(engine, {
    ...(props.slots && { slots: props.slots }),
    ...(props.policy && { policy: props.policy }),
    ...(props.unitId !== undefined && { unitId: props.unitId }),
    ...(props.sinks && { sinks: props.sinks }),
    canSend: () => canSend(rt.privacy),
    storage: slotStorage(() => canPersist(rt.privacy), key, rt.persist?.storage),
    ...(clock && { clock }),
    ...(onError && { onError }),
    observe: props.observeExposure,
  });

  // Withdrawn consent: what sinks batched while it was granted must not leave the page later.
  useEffect(() => {
    if (!sendOk) slotRuntime.hub.discard();
  }, [slotRuntime, sendOk]);

  const [controls] = useState(() => ({
    pageView(path?: string, type?: string): void {
      if (rt.collectors || rt.collect || !rt.collecting || !rt.started) {
        // Children's effects run before the provider's (listeners and the slot hub are not
        // subscribed yet), and consent may not allow collecting: hold the view until then.
        if (rt.collectors) rt.collectors.pageView(path, type);
        else rt.pending = { path, type };
        return;
      }
      const target = path ?? (typeof location === 'undefined' ? '/' : location.pathname);
      if (rt.memory.page === target) return;
      rt.memory.page = target;
      engine.track({
        type: 'page-view',
        target,
        data: { nav: 'manual', ...(type !== undefined && { pageType: type }) },
      });
    },
    forget(): void {
      engine.reset();
      rt.persistence?.clear();
      clearDevice(key, rt.persist?.storage);
      // The current page stays counted as seen, or the next route change would double it; which
      // products were seen goes with the rest.
      if (typeof location !== 'undefined') rt.memory.page = location.pathname + location.search;
      delete rt.memory.views;
      delete rt.memory.maxPrice;
    },
  }));

  // Last, so `onSignal` listeners and the slot hub see the first page view and session signal.
  const routed = props.page !== undefined;
  useEffect(() => {
    if (!collecting) return;
    const running = rt.collect?.start({
      track: engine.track,
      history: engine.history,
      clock: rt.props.clock ?? Date.now,
      memory: rt.memory,
      canPersist: persistOk,
      key,
      routed,
      onError: rt.props.onError,
    });
    rt.collectors = running ?? null;
    rt.started = true;
    const pending = rt.pending;
    rt.pending = null;
    if (pending) controls.pageView(pending.path, pending.type);
    return () => {
      rt.started = false;
      running?.stop();
      if (rt.collectors === running) rt.collectors = null;
    };
  }, [rt, engine, controls, key, collecting, persistOk, routed]);

  const page = props.page;
  const pagePath = typeof page === 'string' ? page : page?.path;
  const pageType = typeof page === 'object' ? page.type : undefined;
  useEffect(() => {
    if (pagePath !== undefined) controls.pageView(pagePath, pageType);
  }, [controls, pagePath, pageType]);

  const privacyView = useMemo<PrivacyControls>(
    () => ({ consent, gpc, canPersist: persistOk, canSend: sendOk, ...controls }),
    [consent, gpc, persistOk, sendOk, controls],
  );

  return (
    <EngineContext.Provider value={engine}>
      <SlotHubContext.Provider value={slotRuntime}>
        <PrivacyContext.Provider value={privacyView}>{props.children}</PrivacyContext.Provider>
      </SlotHubContext.Provider>
    </EngineContext.Provider>
  );
}
