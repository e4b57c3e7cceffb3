'use client';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { internalsOf, type PrivacyView } from '../core/client';
import type { Belief, NextStep } from '../core/engine';
import type { Consent } from '../core/privacy';
import type { RegisteredIntent, RegisteredStep } from '../core/register';
import type { SignalInput } from '../core/signal';
import { type AppClient, useClientFor } from './context';

interface Memo<S, T> {
  source: S;
  value: T;
  select: unknown;
}

function pick<S, T>(memo: { current: Memo<S, T> | null }, select: (s: S) => T, source: S): T {
  const last = memo.current;
  if (last && last.source === source && last.select === select) return last.value;
  const value = select(source);
  if (last && Object.is(last.value, value)) {
    last.source = source;
    last.select = select;
    return last.value;
  }
  memo.current = { source, value, select };
  return value;
}

/**
 * Subscribes to the client and returns `select(read())`, re-rendering only when that value
 * changes (`Object.is`). The last answer is kept per source object, so a selector that builds a
 * new object is asked once per change, not once per render.
 */
function useSelect<S, T>(
  client: AppClient,
  read: () => S,
  readServer: () => S,
  select: (source: S) => T,
): T {
  const live = useRef<Memo<S, T> | null>(null);
  const server = useRef<Memo<S, T> | null>(null);
  return useSyncExternalStore(
    client.subscribe,
    () => pick(live, select, read()),
    () => pick(server, select, readServer()),
  );
}

/** The provider's client, for what the hooks don't cover (devtools, custom integrations). */
export function useIntentful(): AppClient {
  return useClientFor('useIntentful');
}

/**
 * One intent's belief (confidence, evidence, declaration…), or what `select` picks from it.
 * Re-renders only when the selected value changes: `useIntent('gift', (b) => b.confidence > 0.6)`
 * renders when the answer flips, not on every signal.
 */
export function useIntent<I extends RegisteredIntent>(intent: I): Belief<I>;
export function useIntent<I extends RegisteredIntent, T>(
  intent: I,
  select: (belief: Belief<I>) => T,
): T;
export function useIntent<T>(
  intent: RegisteredIntent,
  select?: (belief: Belief<RegisteredIntent>) => T,
): T | Belief<RegisteredIntent> {
  const client = useClientFor('useIntent');
  const unknown = !client.model.intentIds.includes(intent);
  // An unknown id (untyped code, stale config) must not break the page: the neutral belief.
  if (unknown && process.env.NODE_ENV !== 'production' && !warned.has(intent)) {
    warned.add(intent);
    console.warn(`[intentful] useIntent: unknown intent "${intent}"`);
  }
  // Only this intent's belief is read: the others (and the state object) are not built for it.
  const [read, readServer] = useMemo((): [
    () => Belief<RegisteredIntent>,
    () => Belief<RegisteredIntent>,
  ] => {
    if (unknown) return [() => neutral(intent), () => neutral(intent)];
    const { engine } = internalsOf(client);
    const index = engine.indexOf(intent);
    return [
      () => engine.published(index) as Belief<RegisteredIntent>,
      () => client.getServerState().beliefs[intent]!,
    ];
  }, [client, intent, unknown]);
  return useSelect(
    client,
    read,
    readServer,
    (select ?? same) as (b: Belief<RegisteredIntent>) => T,
  );
}

const same = <T>(value: T): T => value;

const warned = new Set<string>();
const neutrals = new Map<string, Belief<RegisteredIntent>>();
const neutral = (intent: string): Belief<RegisteredIntent> => {
  let b = neutrals.get(intent);
  if (!b) {
    b = {
      intent: intent as RegisteredIntent,
      label: intent,
      score: -Infinity,
      confidence: 0,
      declared: null,
      satisfiedUntil: null,
      observations: 0,
      lastEvidenceAt: null,
      asOf: 0,
      evidence: [],
    };
    if (neutrals.size > 63) neutrals.clear();
    neutrals.set(intent, b);
  }
  return b;
};

/**
 * The most confident intent above the model's threshold, or `null`. By default its id, so the
 * component re-renders only when the top intent changes; `select` picks something else from
 * its belief (`useTopIntent((b) => b.label)`).
 */
export function useTopIntent(): RegisteredIntent | null;
export function useTopIntent<T>(select: (top: Belief<RegisteredIntent>) => T): T | null;
export function useTopIntent<T>(select?: (top: Belief<RegisteredIntent>) => T): unknown {
  const client = useClientFor('useTopIntent');
  const pickTop = useMemo(
    () => (top: Belief<RegisteredIntent> | null) =>
      top === null ? null : select ? select(top) : top.intent,
    [select],
  );
  // The top intent's published belief alone: no state object is built for it.
  const [read, readServer] = useMemo((): [
    () => Belief<RegisteredIntent> | null,
    () => Belief<RegisteredIntent> | null,
  ] => {
    const { engine } = internalsOf(client);
    return [
      () => (engine.published(engine.topIndex()) as Belief<RegisteredIntent> | undefined) ?? null,
      () => client.getServerState().top,
    ];
  }, [client]);
  return useSelect(client, read, readServer, pickTop);
}

/** What `useNextStep()` returns when a step is due. */
export interface NextStepView
  extends Pick<NextStep<RegisteredIntent, RegisteredStep>, 'id' | 'intent' | 'label' | 'priority'> {
  /** Why this step, in words, as of now (read when rendering; it does not trigger renders). */
  readonly why: string;
  /** Its intent's confidence as of now (read when rendering; it does not trigger renders). */
  readonly confidence: number;
  /** Hide this step for good; counts against its intent. */
  dismiss(): void;
  /** Mark this step done; it will not be offered again. */
  complete(): void;
}

/**
 * The best step to show now, or `null` (showing nothing is a valid answer). Re-renders only when
 * the step shown changes, not when its confidence moves.
 */
export function useNextStep(): NextStepView | null {
  const client = useClientFor('useNextStep');
  // The shown step's id, read from the engine without building the state.
  const [read, readServer] = useMemo((): [
    () => RegisteredStep | null,
    () => RegisteredStep | null,
  ] => {
    const { engine } = internalsOf(client);
    return [
      () => (engine.model.steps[engine.stepIndex()]?.id as RegisteredStep | undefined) ?? null,
      () => client.getServerState().nextStep?.id ?? null,
    ];
  }, [client]);
  const id = useSelect(client, read, readServer, same);
  return useMemo(() => (id === null ? null : stepView(client, id)), [client, id]);
}

function stepView(client: AppClient, id: RegisteredStep): NextStepView | null {
  const step = client.getState().nextStep;
  if (step?.id !== id) return null;
  const live = (): NextStep<RegisteredIntent, RegisteredStep> =>
    client.getState().nextStep?.id === id ? client.getState().nextStep! : step;
  return {
    id,
    intent: step.intent,
    label: step.label,
    priority: step.priority,
    get why() {
      return live().why;
    },
    get confidence() {
      return live().confidence;
    },
    dismiss: () => {
      client.dismissStep(id);
    },
    complete: () => {
      client.completeStep(id);
    },
  };
}

/** A stable function that records a signal; returns `false` if the signal was dropped. */
export function useTrack(): (signal: SignalInput) => boolean {
  return useClientFor('useTrack').track;
}

/** A stable function for explicit user choices ("I'm buying a gift"): they outrank inference. */
export function useDeclare(): (intent: RegisteredIntent, value: boolean | null) => boolean {
  return useClientFor('useDeclare').declare;
}

/** What `useConsent()` returns. */
export interface ConsentView extends PrivacyView {
  /** Records the user's choice; `'denied'` removes what was stored. */
  setConsent(consent: Consent): void;
  /** Clears beliefs, history and everything stored on the device. */
  forget(): void;
}

/** The consent, Global Privacy Control and what they allow now, with `setConsent` and `forget`. */
export function useConsent(): ConsentView {
  const client = useClientFor('useConsent');
  // The server cannot see the browser's GPC; hydration starts from the consent it was created with.
  const privacy = useSyncExternalStore(
    client.subscribe,
    client.privacy,
    () => internalsOf(client).serverPrivacy,
  );
  return useMemo(
    () => ({ ...privacy, setConsent: client.setConsent, forget: client.forget }),
    [privacy, client],
  );
}

/**
 * Reports a page view from a router integration (`usePageView(pathname, 'product')`). With
 * `collectors()`, turn their own history watching off (`pageViews: { history: false }`).
 */
export function usePageView(path: string, pageType?: string): void {
  const client = useClientFor('usePageView');
  useEffect(() => {
    client.pageView(path, pageType);
  }, [client, path, pageType]);
}
