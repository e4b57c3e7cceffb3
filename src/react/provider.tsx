import { type ReactNode, useEffect, useState } from 'react';
import { createIntentEngine, type PersistedState } from '../core/engine';
import type { RegisteredModel } from '../core/register';
import type { Signal } from '../core/signal';
import type { Sink } from '../core/slots/events';
import type { SlotRegistry } from '../core/slots/registry';
import type { Policy } from '../core/slots/types';
import { type AppEngine, EngineContext } from './context';
import { type ObserveExposure, SlotHubContext, useSlotRuntime } from './slot-context';

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
  children?: ReactNode;
}

/**
 * Owns one engine (one zustand store) for its subtree. Two providers never share state, and the
 * engine is created once per mount, so server requests and tests stay isolated.
 */
export function IntentProvider(props: IntentProviderProps): ReactNode {
  const { model, clock, initialState, historySize, onError } = props;
  const [engine] = useState<AppEngine>(
    () =>
      props.engine ??
      createIntentEngine({
        model,
        ...(clock && { clock }),
        ...(initialState && { initialState }),
        ...(historySize !== undefined && { historySize }),
        ...(onError && { onError }),
      }),
  );

  const { onSignal } = props;
  useEffect(() => (onSignal ? engine.onSignal(onSignal) : undefined), [engine, onSignal]);

  const decayTick = props.decayTick ?? 10_000;
  useEffect(() => {
    const now = clock ?? Date.now;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      clearTimeout(timer);
      const t = now();
      const crossing = engine.nextChangeAt(t);
      const hasEvidence = Object.values(engine.store.getState().beliefs).some(
        (b) => b.evidence.length > 0,
      );
      let delay = crossing === null ? Number.POSITIVE_INFINITY : crossing - t;
      if (decayTick !== false && hasEvidence) delay = Math.min(delay, decayTick);
      if (delay === Number.POSITIVE_INFINITY) return;
      timer = setTimeout(() => engine.refresh(), Math.max(0, delay));
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
    ...(clock && { clock }),
    ...(onError && { onError }),
    observe: props.observeExposure,
  });

  return (
    <EngineContext.Provider value={engine}>
      <SlotHubContext.Provider value={slotRuntime}>{props.children}</SlotHubContext.Provider>
    </EngineContext.Provider>
  );
}
