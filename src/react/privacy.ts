import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import {
  type CollectOptions,
  type CollectorMemory,
  type Collectors,
  startCollectors,
} from '../collect/index';
import type { PersistedState } from '../core/engine';
import {
  browserStorage,
  createPersistence,
  type Persistence,
  type PersistenceOptions,
  type StorageLike,
} from '../core/persist';
import {
  type Consent,
  canCollect,
  canPersist,
  canSend,
  createRedactor,
  type PrivacyState,
  type RedactOptions,
  readGlobalPrivacyControl,
  type WithoutConsent,
} from '../core/privacy';
import type { Signal } from '../core/signal';
import type { AppEngine } from './context';

/** The provider props this module reads; documented on `IntentProviderProps`. */
export interface PrivacyProps {
  collect?: false | CollectOptions | undefined;
  consent?: Consent | undefined;
  withoutConsent?: WithoutConsent | undefined;
  persist?: boolean | PersistenceOptions | undefined;
  redact?: boolean | RedactOptions | undefined;
  page?: string | { path: string; type?: string } | undefined;
  clock?: (() => number) | undefined;
  onError?: ((error: Error) => void) | undefined;
}

/** What `useConsent()` returns. */
export interface ConsentView {
  readonly consent: Consent;
  /** The browser sends Global Privacy Control: treated as denied for persistence and sending. */
  readonly gpc: boolean;
  /** State may be written to the device now. */
  readonly canPersist: boolean;
  /** Events may leave the page now (sinks check this before every send). */
  readonly canSend: boolean;
  /** Clears beliefs, history and everything this provider stored on the device. */
  forget(): void;
}

export interface PrivacyControls extends ConsentView {
  pageView(path?: string, pageType?: string): void;
}

/** Created once per provider; holds what must survive re-renders and StrictMode effect replays. */
interface PrivacyRuntime {
  props: PrivacyProps;
  state: PrivacyState;
  withoutConsent: WithoutConsent;
  readonly redact: ((signal: Signal) => Signal) | null;
  readonly memory: CollectorMemory;
  persistence: Persistence | null;
  collectors: Collectors | null;
  pendingPage: { path?: string; type?: string } | null;
  engine: AppEngine | null;
  controls: { pageView(path?: string, type?: string): void; forget(): void } | null;
}

const persistOptions = (p: PrivacyProps['persist']): PersistenceOptions | null =>
  p === false ? null : p === true || p === undefined ? {} : p;

function readGpc(): boolean {
  return typeof navigator !== 'undefined' && readGlobalPrivacyControl(navigator);
}

function stateOf(props: PrivacyProps): PrivacyState {
  return { consent: props.consent ?? 'pending', gpc: readGpc() };
}

function persistenceFor(rt: PrivacyRuntime): Persistence | null {
  const opts = persistOptions(rt.props.persist);
  if (opts === null || !canPersist(rt.state)) return null;
  rt.persistence ??= createPersistence({
    ...(rt.props.clock && { clock: rt.props.clock }),
    ...(rt.props.onError && { onError: rt.props.onError }),
    ...opts,
  });
  return rt.persistence;
}

/**
 * Removes what earlier visits stored, without probing storage (a probe is a write, and a
 * denied user must not get one).
 */
function clearDevice(rt: PrivacyRuntime): void {
  const opts = persistOptions(rt.props.persist) ?? {};
  const key = opts.key ?? 'intentful';
  rt.persistence?.clear();
  const remove = (s: StorageLike | null | undefined, k: string): void => {
    try {
      if (s && s.getItem(k) !== null) s.removeItem(k);
    } catch {
      // Blocked storage holds nothing we could remove.
    }
  };
  const g = globalThis as { localStorage?: StorageLike; sessionStorage?: StorageLike };
  let local: StorageLike | null | undefined = opts.storage;
  let session: StorageLike | undefined;
  try {
    local = opts.storage === undefined ? g.localStorage : opts.storage;
    session = g.sessionStorage;
  } catch {
    // Reading the storage getters throws when cookies are blocked.
  }
  // Other parts (slot assignments) write `<key>:<part>` keys: every key under the prefix goes.
  const owned = (s: StorageLike | null | undefined): string[] => {
    const keys = [key, `${key}:visit`, `${key}:slots`, `${key}:session`];
    const list = s as
      | (StorageLike & { length?: number; key?: (i: number) => string | null })
      | null;
    try {
      if (list && typeof list.key === 'function' && typeof list.length === 'number') {
        for (let i = 0; i < list.length; i++) {
          const k = list.key(i);
          if (k?.startsWith(`${key}:`) && !keys.includes(k)) keys.push(k);
        }
      }
    } catch {
      // Enumeration is a bonus; the known keys above are removed regardless.
    }
    return keys;
  };
  for (const k of owned(local)) remove(local, k);
  for (const k of owned(session)) remove(session, k);
}

export const PrivacyContext = /* @__PURE__ */ createContext<PrivacyControls | null>(null);

/**
 * Runs before the engine exists: the redacting, consent-aware `beforeSignal` and the saved state
 * to start from (only when consent allows persistence).
 */
export function usePrivacySetup(props: PrivacyProps): {
  readonly runtime: PrivacyRuntime;
  beforeSignal(signal: Signal): Signal | null;
  loadState(): PersistedState | undefined;
  /** Consent and GPC allow sending right now (read at send time, so withdrawal is immediate). */
  canSendNow(): boolean;
} {
  const [setup] = useState(() => {
    const redact =
      props.redact === false
        ? null
        : createRedactor(props.redact === true || props.redact === undefined ? {} : props.redact)
            .signal;
    const runtime: PrivacyRuntime = {
      props,
      state: stateOf(props),
      withoutConsent: props.withoutConsent ?? 'memory',
      redact,
      memory: {},
      persistence: null,
      collectors: null,
      pendingPage: null,
      engine: null,
      controls: null,
    };
    return {
      runtime,
      beforeSignal: (signal: Signal): Signal | null => {
        if (!canCollect(runtime.state, runtime.withoutConsent)) return null;
        return runtime.redact ? runtime.redact(signal) : signal;
      },
      canSendNow: (): boolean => canSend(runtime.state),
      loadState: (): PersistedState | undefined =>
        typeof window === 'undefined' ? undefined : (persistenceFor(runtime)?.load() ?? undefined),
    };
  });
  return setup;
}

/**
 * Keeps consent, persistence and collectors in step with the props once the engine exists, and
 * returns what `useConsent`, `useForget` and `usePageView` read.
 */
export function usePrivacyRuntime(
  setup: ReturnType<typeof usePrivacySetup>,
  engine: AppEngine,
  props: PrivacyProps,
): PrivacyControls {
  const rt = setup.runtime;
  const [gpc] = useState(readGpc);
  const consent = props.consent ?? 'pending';
  const withoutConsent = props.withoutConsent ?? 'memory';
  const state: PrivacyState = { consent, gpc };
  const persistAllowed = canPersist(state) && props.persist !== false;

  useEffect(() => {
    rt.props = props;
    rt.state = { consent, gpc };
    rt.withoutConsent = withoutConsent;
    rt.engine = engine;
  });

  // Withdrawn consent or GPC: what earlier visits stored goes, and nothing new is written.
  useEffect(() => {
    if (consent === 'denied' || gpc) clearDevice(rt);
  }, [rt, consent, gpc]);

  useEffect(() => {
    if (!persistAllowed) return;
    rt.state = { consent, gpc };
    const persistence = persistenceFor(rt);
    if (!persistence) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = (): void => {
      clearTimeout(timer);
      timer = undefined;
      if (canPersist(rt.state)) persistence.save(engine.serialize());
    };
    const unsubscribe = engine.store.subscribe(() => {
      timer ??= setTimeout(save, 1000);
    });
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') save();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', save);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', save);
      if (timer !== undefined) save();
    };
  }, [rt, engine, persistAllowed, consent, gpc]);

  const [controls] = useState(() => {
    const pageView = (path?: string, type?: string): void => {
      if (rt.collectors) {
        rt.collectors.pageView(path, type);
        return;
      }
      if (rt.props.collect !== false) {
        // Children's effects run before the provider's: hold the view until collectors start.
        rt.pendingPage = {
          ...(path !== undefined && { path }),
          ...(type !== undefined && { type }),
        };
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
    };
    const forget = (): void => {
      engine.reset();
      clearDevice(rt);
      // The current page stays counted as seen, or the next route change would double it.
      if (typeof location !== 'undefined') rt.memory.page = location.pathname + location.search;
    };
    rt.controls = { pageView, forget };
    return rt.controls;
  });

  const allowPersist = canPersist(state);
  const allowSend = canSend(state);
  return useMemo(
    () => ({
      consent,
      gpc,
      canPersist: allowPersist,
      canSend: allowSend,
      forget: controls.forget,
      pageView: controls.pageView,
    }),
    [consent, gpc, allowPersist, allowSend, controls],
  );
}

/**
 * Starts the collectors and reports the `page` prop. Called last in the provider, so listeners
 * subscribed in earlier effects (`onSignal`, the slot hub) see the first signals.
 */
export function useCollectors(
  setup: ReturnType<typeof usePrivacySetup>,
  engine: AppEngine,
  props: PrivacyProps,
): void {
  const rt = setup.runtime;
  const [gpc] = useState(readGpc);
  const state: PrivacyState = { consent: props.consent ?? 'pending', gpc };
  const persistAllowed = canPersist(state) && props.persist !== false;
  const collecting = props.collect !== false && canCollect(state, props.withoutConsent ?? 'memory');
  const hasPage = props.page !== undefined;

  useEffect(() => {
    if (!collecting) return;
    const collect = rt.props.collect === false ? {} : (rt.props.collect ?? {});
    const page = collect.pageViews;
    const clock = rt.props.clock ?? Date.now;
    const collectors = startCollectors(
      { track: engine.track, clock },
      {
        ...collect,
        ...(hasPage &&
          page !== false && {
            pageViews: { ...(typeof page === 'object' ? page : {}), history: false },
          }),
        memory: rt.memory,
        ...(persistAllowed && {
          storage: {
            local: browserStorage('localStorage'),
            session: browserStorage('sessionStorage'),
          },
        }),
        key: persistOptions(rt.props.persist)?.key ?? 'intentful',
        ...(rt.props.onError && { onError: rt.props.onError }),
      },
    );
    rt.collectors = collectors;
    const pending = rt.pendingPage;
    rt.pendingPage = null;
    if (pending) collectors.pageView(pending.path, pending.type);
    return () => {
      collectors.stop();
      if (rt.collectors === collectors) rt.collectors = null;
    };
  }, [rt, engine, collecting, persistAllowed, hasPage]);

  const pagePath = typeof props.page === 'string' ? props.page : props.page?.path;
  const pageType = typeof props.page === 'object' ? props.page.type : undefined;
  useEffect(() => {
    if (pagePath !== undefined) rt.controls?.pageView(pagePath, pageType);
  }, [rt, pagePath, pageType]);
}

function usePrivacyFor(hook: string): PrivacyControls {
  const controls = useContext(PrivacyContext);
  if (controls === null) {
    throw new Error(
      `intentful: ${hook} must be used inside <IntentProvider>. Wrap your app (or this story/test) in <IntentProvider model={…}>.`,
    );
  }
  return controls;
}

/** The current consent, Global Privacy Control, what they allow, and `forget()`. */
export function useConsent(): ConsentView {
  return usePrivacyFor('useConsent');
}

/** A function that clears beliefs, history and everything stored on the device. */
export function useForget(): () => void {
  return usePrivacyFor('useForget').forget;
}

/**
 * Reports a page view from a router integration (`usePageView(location.pathname, 'product')`).
 * Set `collect={{ pageViews: { history: false } }}` so history navigation is not counted twice.
 */
export function usePageView(path: string, pageType?: string): void {
  const { pageView } = usePrivacyFor('usePageView');
  useEffect(() => {
    pageView(path, pageType);
  }, [pageView, path, pageType]);
}
