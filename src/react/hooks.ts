import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Belief, IntentState, NextStep } from '../core/engine';
import type { RegisteredIntent, RegisteredStep } from '../core/register';
import type { SignalInput } from '../core/signal';
import { type AppEngine, useEngineFor } from './context';

/** What `useIntent()` returns. */
export interface IntentView {
  /** The most confident intent above the model's threshold, or `null` when nothing is clear yet. */
  readonly top: Belief<RegisteredIntent> | null;
  readonly beliefs: Readonly<Record<RegisteredIntent, Belief<RegisteredIntent>>>;
}

/** What `useNextStep()` returns when a step is due. */
export interface NextStepView extends NextStep<RegisteredIntent, RegisteredStep> {
  /** Hide this step for good; counts against its intent. */
  dismiss(): void;
  /** Mark this step done; it will not be offered again. */
  complete(): void;
}

/** Reads any slice of the state; re-renders only when the selected value changes (`Object.is`). */
export function useIntentSelector<T>(
  selector: (state: IntentState<RegisteredIntent, RegisteredStep>) => T,
): T {
  return useStore(useEngineFor('useIntentSelector').store, selector);
}

const neutral = (intent: string, asOf: number): Belief<RegisteredIntent> => ({
  intent: intent as RegisteredIntent,
  label: intent,
  score: Number.NEGATIVE_INFINITY,
  confidence: 0,
  declared: null,
  observations: 0,
  lastEvidenceAt: null,
  asOf,
  evidence: [],
});

/**
 * `useIntent()` gives the top intent and all beliefs (and re-renders when any belief changes);
 * `useIntent(id)` gives one belief and re-renders only when that belief changes.
 */
export function useIntent(): IntentView;
export function useIntent<I extends RegisteredIntent>(intent: I): Belief<I>;
export function useIntent(intent?: RegisteredIntent): IntentView | Belief<RegisteredIntent> {
  const engine = useEngineFor('useIntent');
  const selectOne = useCallback(
    (s: IntentState<RegisteredIntent, RegisteredStep>) =>
      intent === undefined ? null : (s.beliefs[intent] ?? null),
    [intent],
  );
  const one = useStore(engine.store, selectOne);
  const top = useStore(engine.store, (s) => (intent === undefined ? s.top : null));
  const beliefs = useStore(engine.store, (s) => (intent === undefined ? s.beliefs : null));
  const unknown = useMemo(() => {
    if (intent === undefined || one !== null) return null;
    // An unknown id (from untyped code or stale config) must not break the page: show nothing.
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      console.warn(`[intentful] useIntent: unknown intent "${intent}"`);
    }
    return neutral(intent, engine.store.getState().asOf);
  }, [intent, one, engine]);
  const view = useMemo(() => (beliefs === null ? null : { top, beliefs }), [top, beliefs]);
  if (intent !== undefined) return one ?? (unknown as Belief<RegisteredIntent>);
  return view as IntentView;
}

/** Only the top intent (or `null`): re-renders when the top intent or its belief changes, not on every signal. */
export function useTopIntent(): Belief<RegisteredIntent> | null {
  return useStore(useEngineFor('useTopIntent').store, (s) => s.top);
}

/** The best step to show now, or `null` (showing nothing is a valid answer). */
export function useNextStep(): NextStepView | null {
  const engine = useEngineFor('useNextStep');
  const step = useStore(engine.store, (s) => s.nextStep);
  return useMemo(
    () =>
      step === null
        ? null
        : {
            id: step.id,
            intent: step.intent,
            label: step.label,
            priority: step.priority,
            confidence: step.confidence,
            why: step.why,
            dismiss: () => {
              engine.dismissStep(step.id);
            },
            complete: () => {
              engine.completeStep(step.id);
            },
          },
    [step, engine],
  );
}

/** A stable function that records a signal; returns `false` if the signal was dropped. */
export function useTrack(): (signal: SignalInput) => boolean {
  return useEngineFor('useTrack').track;
}

/** A stable function for explicit user choices ("I'm buying a gift"): they outrank inference. */
export function useDeclare(): (intent: RegisteredIntent, value: boolean | null) => boolean {
  return useEngineFor('useDeclare').declare;
}

/** The provider's engine, for code that needs more than the hooks (devtools, sinks, tests). */
export function useIntentEngine(): AppEngine {
  return useEngineFor('useIntentEngine');
}
