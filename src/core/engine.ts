import { createStore, type StoreApi } from 'zustand/vanilla';
import { explainBelief, trailEntries } from './explain';
import { defaultMessages } from './messages';
import { addEvidence, createRuntime, type Runtime, retire } from './runtime';
import { createSchedule } from './schedule';
import {
  DEV,
  Listeners,
  normalizeSignal,
  Ring,
  reportOnce,
  SIGNAL_LIMITS,
  type Signal,
  type SignalInput,
} from './signal';
import { BeliefSnapshot, StepSnapshot } from './snapshot';
import { merge, serialize } from './state';
import { pickStep, pickTop, settleStep, stepRecord } from './steps';
import type {
  Belief,
  EngineOptions,
  EngineStats,
  IntentEngine,
  IntentState,
  NextStep,
  PersistedState,
  StepStatus,
} from './types';

export type {
  Belief,
  EngineOptions,
  EngineStats,
  Evidence,
  IntentEngine,
  IntentState,
  NextStep,
  PersistedState,
  StepStatus,
  TrailEntry,
} from './types';

const INF = Number.POSITIVE_INFINITY;

/**
 * Creates an engine: one zustand store, beliefs, steps. Pure given its clock: no timers,
 * no globals, so it runs the same in a browser, on a server and in a replay.
 */
export function createIntentEngine<I extends string, S extends string>(
  options: EngineOptions<I, S>,
): IntentEngine<I, S> {
  const { model, onError, beforeSignal } = options;
  const messages = options.messages ?? defaultMessages;
  const { steps, ruleIndex, satisfiers, topThreshold, minLeadToSwitch } = model;
  const clock = options.clock ?? Date.now;
  const history = new Ring<Signal>(options.historySize ?? 500);
  const trailSize = Math.max(1, options.trailSize ?? 20);
  const listeners = new Listeners<(signal: Signal) => void>();
  const report = reportOnce(onError);
  const stats: EngineStats = { accepted: 0, resets: 0, dropped: 0, droppedBy: {} };
  const indexOf = new Map(model.intents.map((d, i) => [d.id, i]));
  type State = IntentState<I, S>;
  let runtimes: Runtime<I>[] = [];
  // Confidence per intent index, so picking the top intent and step scans flat numbers.
  const conf = new Float64Array(model.intents.length);
  /** The latest snapshot per intent, in model order; published as a copy. */
  let current = {} as Record<I, Belief<I>>;
  /** Status per step index. */
  let done: (StepStatus | undefined)[] = [];
  let stepsDirty = false;
  let pendingAt = -INF;
  let depth = 0;
  /** Some intent has evidence since the last publish. */
  let dirty = false;
  /** Index of the published top intent, or -1. */
  let topAt = -1;

  const schedule = createSchedule(
    () => runtimes,
    steps,
    () => done,
    topThreshold,
  );

  const init = (): void => {
    runtimes = model.intents.map((def) => createRuntime<I>(def, trailSize));
    schedule.reset(runtimes.length);
    done = steps.map(() => undefined);
    current = {} as Record<I, Belief<I>>;
    stepsDirty = true;
  };

  const drop = (reason: keyof EngineStats['droppedBy'], detail: unknown): false => {
    const { droppedBy } = stats;
    stats.dropped++;
    droppedBy[reason] = (droppedBy[reason] ?? 0) + 1;
    // The offending input helps in development; production reports stay short.
    report(
      reason,
      () =>
        `dropped a signal (${reason})${
          DEV
            ? `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)?.slice(0, 120)}`
            : ''
        }`,
    );
    return false;
  };

  const add = (
    rt: Runtime<I>,
    index: number,
    signal: Signal,
    weight: number,
    max: number,
  ): void => {
    addEvidence(rt, index, signal, weight, max);
    dirty = true;
  };

  const top = (prev: Belief<I> | null): Belief<I> | null => {
    topAt = pickTop(conf, topThreshold, minLeadToSwitch, prev ? topAt : -1);
    return topAt < 0 ? null : runtimes[topAt]!.belief;
  };

  const nextStep = (prev: StepSnapshot<I, S> | null): NextStep<I, S> | null => {
    const step = pickStep(steps, done, conf, minLeadToSwitch, prev?.id);
    if (!step) return null;
    const belief = runtimes[step.intentIndex]!.belief;
    return prev?.describes(step, belief) ? prev : new StepSnapshot(step, belief, messages);
  };

  /**
   * The next state: new snapshots for intents with evidence since the last publish (or, with
   * `all`, for every intent whose belief moved), top and step re-picked. Untouched beliefs keep
   * their identity, and an unchanged state is returned as is, so the store notifies nobody.
   */
  const compose = (prev: State, t: number, all?: boolean): State => {
    let changed = stepsDirty;
    dirty = false;
    for (let i = 0; i < runtimes.length; i++) {
      const rt = runtimes[i]!;
      if (!all && !rt.dirty) continue;
      if (rt.dirty) schedule.touch(i);
      const old = rt.belief;
      const b = new BeliefSnapshot<I>(rt, t);
      rt.dirty = false;
      if (
        !all ||
        !old ||
        old.score !== b.score ||
        old.declared !== b.declared ||
        old.observations !== b.observations ||
        old.satisfiedUntil !== b.satisfiedUntil
      ) {
        current[b.intent] = rt.belief = b;
        conf[i] = b.confidence;
        changed = true;
      }
    }
    const topBelief = top(prev.top);
    const step = nextStep(prev.nextStep as StepSnapshot<I, S> | null);
    if (!changed && topBelief === prev.top && step === prev.nextStep) return prev;
    // Cloned from one long-lived object: V8 copies a stable shape fast, unlike a chain of copies.
    const beliefs = { ...current };
    let stepStates = prev.steps;
    if (stepsDirty) {
      stepStates = stepRecord<S>(steps, done);
      stepsDirty = false;
    }
    return { beliefs, top: topBelief, nextStep: step, steps: stepStates, asOf: t };
  };

  const fresh = (t: number): State =>
    compose(
      {
        beliefs: {} as State['beliefs'],
        top: null,
        nextStep: null,
        steps: {} as State['steps'],
        asOf: t,
      },
      t,
      true,
    );

  const flush = (): void => {
    // A signal that moved nothing (no rule matched) costs no publish.
    if (dirty || stepsDirty) store.setState(compose(store.getState(), pendingAt), true);
    pendingAt = -INF;
  };

  const ingest = (signal: Signal): boolean => {
    const { type, target } = signal;
    if (type === 'declare') {
      const rt = runtimes[indexOf.get(target as string) ?? -1];
      if (!rt) return drop('unknown-intent', `declare "${target}"`);
      const value = signal.data?.value;
      rt.declared = typeof value === 'boolean' ? value : null;
      rt.said = true;
      rt.dirty = dirty = true;
    } else if (type === 'step-dismiss' || type === 'step-complete') {
      const i = steps.findIndex((s) => s.id === target);
      if (i < 0) return drop('unknown-step', `${type} "${target}"`);
      const dismissed = type === 'step-dismiss';
      if (settleStep(done, i, dismissed ? 'dismissed' : 'completed')) {
        stepsDirty = true;
        const rt = runtimes[steps[i]!.intentIndex]!;
        // A dismissed step counts against its whole intent, not just the step.
        if (dismissed) add(rt, rt.def.rules.length, signal, rt.def.dismissWeight, INF);
      }
    } else if (type === 'variant-dismiss') {
      // "Not for me" on a slot's variant counts against the intent that chose it.
      const intent = signal.data?.intent;
      const rt = typeof intent === 'string' ? runtimes[indexOf.get(intent) ?? -1] : undefined;
      if (rt && signal.at >= rt.retiredUntil)
        add(rt, rt.def.rules.length, signal, rt.def.dismissWeight, INF);
    } else {
      const bucket = ruleIndex.get(type);
      const rules = bucket && ((target !== undefined && bucket.byTarget.get(target)) || bucket.any);
      const n = rules ? rules.length : 0;
      for (let r = 0; r < n; r++) {
        const { rule, test, weight: fixed } = rules![r]!;
        if (test && !test(signal)) continue;
        let weight = fixed;
        if (weight === null) {
          try {
            weight = rule.weightOf(signal);
          } catch (error) {
            report(`weight:${rule.id}`, error);
            continue;
          }
        }
        const rt = runtimes[rule.intentIndex]!;
        if (!Number.isFinite(weight))
          report(`weight:${rule.id}`, `rule "${rule.id}" returned a non-finite weight`);
        // A satisfied intent is not reinforced by what completes it or follows it.
        else if (weight !== 0 && signal.at >= rt.retiredUntil)
          add(rt, rule.ruleIndex, signal, weight, rule.rule.maxContribution ?? INF);
      }
    }
    // Last, so a dropped signal retires nothing and what the completing signal added is cleared.
    const satisfied = satisfiers.get(type);
    if (satisfied)
      for (let s = 0; s < satisfied.length; s++) {
        const [i, test] = satisfied[s]!;
        if (test(signal)) {
          retire(runtimes[i]!, signal.at);
          dirty = true;
        }
      }
    return true;
  };

  const track = (input: SignalInput): boolean => {
    try {
      const now = clock();
      const normalized = normalizeSignal(input, now);
      if (typeof normalized === 'string') return drop(normalized, input);
      const signal = beforeSignal ? beforeSignal(normalized) : normalized;
      if (!signal) return drop('filtered', normalized.type);
      if (!ingest(signal)) return false;
      history.push(signal);
      stats.accepted++;
      pendingAt = Math.max(pendingAt, now, signal.at);
      if (!depth) flush();
      const { list } = listeners;
      for (let i = 0; i < list.length; i++) {
        try {
          list[i]!(signal);
        } catch (error) {
          report('listener', error);
        }
      }
      return true;
    } catch (error) {
      report('track', error);
      return false;
    }
  };

  const runtimeOf = (intent: I): Runtime<I> => {
    const rt = runtimes[indexOf.get(intent) ?? -1];
    if (!rt) throw new Error(`intentful: unknown intent "${intent}"`);
    return rt;
  };

  const mergeState = (state: PersistedState): void => {
    merge(runtimes, steps, done, state, clock() + SIGNAL_LIMITS.futureSkewMs);
    stepsDirty = true;
  };

  init();
  let startAt = options.startAt ?? clock();
  let restored = false;
  if (options.initialState) {
    try {
      mergeState(options.initialState);
      restored = true;
      // Server and client must render the same snapshot, so it is taken at the saved time
      // (unless that lies further ahead than any clock skew, as `merge` assumes too).
      startAt = Math.min(options.initialState.at, startAt + SIGNAL_LIMITS.futureSkewMs);
    } catch (error) {
      init();
      report('hydrate', error);
    }
  }
  const store: StoreApi<State> = createStore<State>()(() => fresh(startAt));

  return {
    model,
    store,
    track,
    batch: (fn) => {
      depth++;
      try {
        fn();
      } finally {
        if (!--depth) flush();
      }
    },
    declare: (intent, value) => track({ type: 'declare', target: intent, data: { value } }),
    dismissStep: (id) => track({ type: 'step-dismiss', target: id }),
    completeStep: (id) => track({ type: 'step-complete', target: id }),
    belief: (intent, at) => new BeliefSnapshot(runtimeOf(intent), at ?? clock()),
    trail: (intent, at) => {
      const rt = runtimeOf(intent);
      return trailEntries(rt.def, rt.k, rt.trail, at ?? clock());
    },
    explain: (intent, at) => explainBelief(new BeliefSnapshot(runtimeOf(intent), at ?? clock())),
    refresh: (at) => {
      const t = at ?? clock();
      store.setState(compose(store.getState(), t, true), true);
    },
    nextChangeAt: (at, changedOnly) => schedule.next(at ?? clock(), changedOnly),
    observed: () => runtimes.some((rt) => rt.count > 0),
    history: () => history.toArray(),
    historySize: history.capacity,
    onSignal: (listener) => listeners.add(listener),
    serialize: () =>
      serialize(runtimes, store.getState().steps as PersistedState['steps'], clock()),
    restore: (state) => {
      // Adding the same visit twice (a consent callback that fires twice) would count it twice.
      if (restored) {
        report('restore', 'saved state was already restored; reset() first');
        return false;
      }
      // `merge` throws before touching anything on a wrong version and skips bad fields.
      try {
        mergeState(state);
      } catch (error) {
        report('restore', error);
        return false;
      }
      restored = true;
      store.setState(fresh(clock()), true);
      return true;
    },
    reset: () => {
      init();
      restored = false;
      stats.resets++;
      history.clear();
      store.setState(fresh(clock()), true);
    },
    stats,
  };
}
