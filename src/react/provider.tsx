import { type ReactNode, useEffect, useState } from 'react';
import { createIntentEngine, type PersistedState } from '../core/engine';
import type { RegisteredModel } from '../core/register';
import type { Signal } from '../core/signal';
import { type AppEngine, EngineContext } from './context';

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

  return <EngineContext.Provider value={engine}>{props.children}</EngineContext.Provider>;
}
