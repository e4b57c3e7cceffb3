import { type ReactNode, useEffect, useState } from 'react';
import type { CollectOptions } from '../collect/index';
import { createIntentEngine, type PersistedState } from '../core/engine';
import type { PersistenceOptions } from '../core/persist';
import type { Consent, RedactOptions, WithoutConsent } from '../core/privacy';
import type { RegisteredModel } from '../core/register';
import type { Signal } from '../core/signal';
import type { Sink } from '../core/slots/events';
import type { SlotRegistry } from '../core/slots/registry';
import type { Policy } from '../core/slots/types';
import { type AppEngine, EngineContext } from './context';
import { PrivacyContext, useCollectors, usePrivacyRuntime, usePrivacySetup } from './privacy';
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
   * Automatic collection of in-app signals (page views, `data-intent-*` clicks, rage and dead
   * clicks, scroll depth, dwell, hesitation, forms, search and filters, exit intent, visibility,
   * session context). Each collector can be switched off or tuned; `false` turns them all off.
   * Read on mount.
   * @defaultValue every collector on, with its documented thresholds
   */
  collect?: false | CollectOptions;
  /**
   * What the user agreed to. Only `'granted'` lets state be persisted and events be sent, and
   * Global Privacy Control overrides it. Switching to `'denied'` removes what was stored.
   * @defaultValue `'pending'`
   */
  consent?: Consent;
  /** Before consent is granted: infer in memory for this page (`'memory'`) or collect nothing (`'none'`). @defaultValue `'memory'` */
  withoutConsent?: WithoutConsent;
  /**
   * Keep beliefs across visits when consent allows: `true` uses `localStorage`, an object sets
   * the storage, key and maximum age; `false` never persists. An `initialState` prop wins over the saved state.
   * @defaultValue `true`
   */
  persist?: boolean | PersistenceOptions;
  /**
   * Redact e-mails, phone and card numbers, IBANs, id numbers and URL secrets from every
   * signal before it is stored (not applied to an injected `engine`). `false` turns it off.
   * @defaultValue `true`
   */
  redact?: boolean | RedactOptions;
  /**
   * The current page from a router integration (`page={location.pathname}` or
   * `{ path, type }`). When set, history navigation is no longer watched: each change of this
   * prop is one page view.
   * @defaultValue `undefined` (page views come from the location and history navigation)
   */
  page?: string | { path: string; type?: string };
  children?: ReactNode;
}

/**
 * Owns one engine (one zustand store) for its subtree. Two providers never share state, and the
 * engine is created once per mount, so server requests and tests stay isolated.
 */
export function IntentProvider(props: IntentProviderProps): ReactNode {
  const { model, clock, initialState, historySize, onError } = props;
  const privacy = usePrivacySetup(props);
  const [engine] = useState<AppEngine>(() => {
    if (props.engine) return props.engine;
    const saved = initialState ?? privacy.loadState();
    return createIntentEngine({
      model,
      beforeSignal: privacy.beforeSignal,
      ...(clock && { clock }),
      ...(saved && { initialState: saved }),
      ...(historySize !== undefined && { historySize }),
      ...(onError && { onError }),
    });
  });
  const privacyControls = usePrivacyRuntime(privacy, engine, props);

  const { onSignal } = props;
  useEffect(() => (onSignal ? engine.onSignal(onSignal) : undefined), [engine, onSignal]);

  const decayTick = props.decayTick ?? 10_000;
  useEffect(() => {
    const now = clock ?? Date.now;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due = Number.POSITIVE_INFINITY;
    const schedule = (): void => {
      const t = now();
      const crossing = engine.nextChangeAt(t);
      // Observation counts, not evidence lists: reading `evidence` would build every lazy list.
      const live =
        decayTick !== false &&
        Object.values(engine.store.getState().beliefs).some((b) => b.observations > 0);
      let next = crossing ?? Number.POSITIVE_INFINITY;
      if (live) next = Math.min(next, t + decayTick);
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
        Math.max(0, next - t),
      );
    };
    schedule();
    const unsubscribe = engine.store.subscribe(schedule);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [engine, clock, decayTick]);

  const slotRuntime = useSlotRuntime(engine, {
    ...(props.slots && { slots: props.slots }),
    ...(props.policy && { policy: props.policy }),
    ...(props.unitId !== undefined && { unitId: props.unitId }),
    ...(props.sinks && { sinks: props.sinks }),
    canSend: () => privacy.canSendNow(),
    storage: slotStorage(() => privacy.runtime.state, props.persist),
    ...(clock && { clock }),
    ...(onError && { onError }),
    observe: props.observeExposure,
  });
  // Last, so `onSignal` listeners and the slot hub see the first page view and session signal.
  useCollectors(privacy, engine, props);

  return (
    <EngineContext.Provider value={engine}>
      <SlotHubContext.Provider value={slotRuntime}>
        <PrivacyContext.Provider value={privacyControls}>{props.children}</PrivacyContext.Provider>
      </SlotHubContext.Provider>
    </EngineContext.Provider>
  );
}
