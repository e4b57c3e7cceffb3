import { createStore } from 'zustand/vanilla';
import { coreMessages } from './messages';
import { addEvidence, createRuntime, evidence, type Runtime, retire } from './runtime';
import { createSchedule, scoreAt } from './schedule';
import { logistic, scaleInto } from './scoring';
import {
  DEV,
  FUTURE_SKEW_MS,
  Listeners,
  normalizeSignal,
  notifyAll,
  Ring,
  reportOnce,
  type Signal,
  type SignalInput,
} from './signal';
import { BeliefSnapshot, StepSnapshot } from './snapshot';
import type { StateCodec } from './state';
import { pickStep, pickTop, stepRecord } from './steps';
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

/**
 * Creates an engine: one zustand store, beliefs, steps. Pure given its clock: no timers,
 * no globals, so it runs the same in a browser, on a server and in a replay.
 */
export function createIntentEngine<I extends string, S extends string>(
  options: EngineOptions<I, S>,
): IntentEngine<I, S> {
  const { model, onError, beforeSignal, trails } = options;
  const messages = options.messages ?? coreMessages;
  const { steps, ruleIndex, satisfiers, topThreshold, minLeadToSwitch } = model;
  const clock = options.clock ?? Date.now;
  const history = new Ring<Signal>(options.historySize ?? 500);
  const listeners = new Listeners<(signal: Signal) => void>();
  const report = reportOnce(onError);
  const stats: EngineStats = { accepted: 0, resets: 0, dropped: 0, droppedBy: {} };
  const indexes = new Map<unknown, number>(model.intents.map((d, i) => [d.id, i]));
  /** The model index of intent `id`, or -1 (for anything but a known id). */
  const indexOf = (id: unknown): number => indexes.get(id) ?? -1;
  type State = IntentState<I, S>;
  const n = model.intents.length;
  let runtimes: Runtime[] = [];
  // What was last published per intent, as numbers: the per-signal path writes these in place and
  // allocates nothing; belief objects are built from them only when the state is read.
  const conf = new Float64Array(n);
  const score = new Float64Array(n);
  const observations = new Float64Array(n);
  const lastAt = new Float64Array(n);
  const until = new Float64Array(n);
  const asOf = new Float64Array(n);
  /** What the user declared, as published: -1 nothing, else 0 or 1. */
  const declaredAs = new Int8Array(n);
  /** Bumped when an intent's published belief changes; `built` is the version `snaps` holds. */
  const version = new Uint32Array(n);
  const built = new Uint32Array(n);
  const snaps: (BeliefSnapshot<I> | undefined)[] = [];
  // [time of the pending publish, time of the last publish, time of the publish running]: doubles
  // kept in a typed array, since a double written to a closure variable or passed to a call that
  // is not inlined is a new heap number each time.
  const times = new Float64Array([-Infinity, 0, 0]);
  /** Status per step index. */
  let done: (StepStatus | undefined)[] = [];
  let stepsDirty = false;
  let depth = 0;
  /** Index of the published top intent and next step, or -1. */
  let topAt = -1;
  let stepAt = -1;
  /** Publishes so far; the state object is built once per publish, when first read. */
  let generation = 1;
  let state: State | null = null;
  let stateGeneration = 0;
  let stepStates: State['steps'] | null = null;
  /** Intents given evidence since the last publish (each once): all a publish has to look at. */
  const touched = new Int32Array(n);
  let touchedCount = 0;
  let force = true;
  /** Some intent counted evidence since init (restored evidence counts too). */
  let observed = false;
  /** Told after every publish (`subscribe`, `store.subscribe`). */
  const published = new Listeners<() => void>();

  const schedule = createSchedule(
    () => runtimes,
    steps,
    () => done,
    topThreshold,
  );

  const init = (): void => {
    runtimes = model.intents.map((def) => createRuntime(def, trails));
    schedule.reset(runtimes.length);
    done = steps.map(() => undefined);
    // Versions only grow, so a reader that compares them never mistakes a new belief for an old
    // one; `force` writes every intent at the next publish, and no snapshot is reused.
    force = true;
    observed = false;
    touchedCount = 0;
    built.fill(0);
    snaps.length = 0;
    topAt = stepAt = -1;
    stepsDirty = true;
    stepStates = null;
  };

  const drop = (reason: keyof EngineStats['droppedBy'], detail: unknown): false => {
    const { droppedBy } = stats;
    stats.dropped++;
    droppedBy[reason] = (droppedBy[reason] ?? 0) + 1;
    // The offending input helps in development; production reports stay short (callers build
    // `detail` only in development).
    report(reason, () =>
      DEV
        ? `dropped a signal (${reason}): ${typeof detail === 'string' ? detail : JSON.stringify(detail)?.slice(0, 120)}`
        : `dropped a signal (${reason})`,
    );
    return false;
  };

  /**
   * Intent `i`'s runtime, about to take evidence. Inside a batch the state read before it ends is
   * the last published one, so that belief is built now, before its records change under it.
   */
  const writable = (i: number): Runtime => {
    if (depth && built[i] !== version[i]) snapshot(i);
    const rt = runtimes[i]!;
    if (!rt.dirty) touched[touchedCount++] = i;
    rt.dirty = true;
    return rt;
  };

  /** Counts `signal` for intent `i`'s rule `ruleIndex` with the weight and bound in `evidence`. */
  const add = (i: number, ruleIndex: number, signal: Signal): void => {
    addEvidence(writable(i), ruleIndex, signal);
    observed = true;
  };

  /** A dismissed step or variant counts against intent `i` as a whole, in its own record. */
  const dismiss = (i: number, signal: Signal): void => {
    const { def } = runtimes[i]!;
    evidence[0] = def.dismissWeight;
    evidence[1] = Infinity;
    add(i, def.rules.length, signal);
  };

  /**
   * Writes what changed into the published numbers, as of `times[2]`: intents with evidence since
   * the last publish (or, with `all`, every intent whose belief moved by then), then the top
   * intent and step. Returns whether anything a reader sees changed; untouched beliefs keep their
   * version.
   */
  const publish = (all?: boolean): boolean => {
    const t = times[2]!;
    let moved = stepsDirty;
    const count = all ? n : touchedCount;
    touchedCount = 0;
    for (let k = 0; k < count; k++) {
      const i = all ? k : touched[k]!;
      // Every touched intent is dirty: `writable` lists it once, and only a publish clears it.
      const rt = runtimes[i]!;
      if (rt.dirty) schedule.touch(i);
      rt.dirty = false;
      const s = scoreAt(rt, t);
      const d = rt.declared === null ? -1 : +rt.declared;
      const u = rt.retiredUntil > t ? rt.retiredUntil : -Infinity;
      if (
        all &&
        !force &&
        score[i] === s &&
        declaredAs[i] === d &&
        observations[i] === rt.count &&
        until[i] === u
      )
        continue;
      score[i] = s;
      conf[i] = d < 0 ? logistic(s) : d;
      declaredAs[i] = d;
      observations[i] = rt.count;
      lastAt[i] = rt.last;
      until[i] = u;
      asOf[i] = t;
      version[i] = version[i]! + 1;
      moved = true;
    }
    const top = pickTop(conf, topThreshold, minLeadToSwitch, topAt);
    const next = pickStep(steps, done, conf, minLeadToSwitch, stepAt);
    // A step's snapshot changes with its intent's belief, which `moved` already counts.
    force = false;
    if (!moved && top === topAt && next === stepAt) return false;
    topAt = top;
    stepAt = next;
    // Built now, not when read: settling a step inside a batch changes `done` before it publishes.
    if (stepsDirty) {
      stepStates = stepRecord<S>(steps, done);
      stepsDirty = false;
    }
    times[1] = t;
    generation++;
    return true;
  };

  /** Intent `i`'s published belief, built on first read of its version. */
  const snapshot = (i: number): BeliefSnapshot<I> => {
    let b = snaps[i];
    if (!b || built[i] !== version[i]) {
      const d = declaredAs[i]!;
      b = new BeliefSnapshot<I>(
        runtimes[i]!,
        score[i]!,
        d < 0 ? null : d === 1,
        observations[i]!,
        lastAt[i]!,
        asOf[i]!,
        until[i]!,
      );
      snaps[i] = b;
      built[i] = version[i]!;
    }
    return b;
  };

  /**
   * The published state, built when first read after a publish. Beliefs whose version did not
   * change keep their object, and so does the beliefs record when none changed.
   */
  const read = (): State => {
    if (state && stateGeneration === generation) return state;
    let beliefs = state?.beliefs;
    let fresh = !beliefs;
    for (let i = 0; i < n && !fresh; i++)
      if (beliefs![model.intents[i]!.id as I] !== snapshot(i)) fresh = true;
    if (fresh) {
      const record = {} as Record<I, Belief<I>>;
      for (let i = 0; i < n; i++) {
        const b = snapshot(i);
        record[b.intent] = b;
      }
      beliefs = record;
    }
    const prevStep = state?.nextStep as StepSnapshot<I, S> | null | undefined;
    let nextStep: NextStep<I, S> | null = null;
    if (stepAt >= 0) {
      const step = steps[stepAt]!;
      const belief = snapshot(step.intentIndex);
      nextStep = prevStep?.describes(step, belief)
        ? prevStep
        : new StepSnapshot<I, S>(step, belief, messages);
    }
    state = {
      beliefs: beliefs!,
      top: topAt < 0 ? null : snapshot(topAt),
      nextStep,
      steps: stepStates!,
      asOf: times[1]!,
    };
    stateGeneration = generation;
    return state;
  };

  const announce = (): void => notifyAll(published, report);

  const flush = (): void => {
    // A signal that moved nothing (no rule matched) costs no publish.
    times[2] = times[0]!;
    if ((touchedCount > 0 || stepsDirty) && publish()) announce();
    times[0] = -Infinity;
  };

  /** Publishes every belief as of `t` (decay, a reset, a restore) and tells listeners. */
  const republish = (t: number): void => {
    times[2] = t;
    if (publish(true)) announce();
  };

  const ingest = (signal: Signal): boolean => {
    const { type, target } = signal;
    if (type === 'declare') {
      const i = indexOf(target);
      if (!runtimes[i]) return drop('unknown-intent', DEV && `declare "${target}"`);
      const rt = writable(i);
      const value = signal.data?.value;
      rt.declared = typeof value === 'boolean' ? value : null;
      rt.said = true;
    } else if (type === 'step-dismiss' || type === 'step-complete') {
      const i = steps.findIndex((s) => s.id === target);
      if (i < 0) return drop('unknown-step', DEV && `${type} "${target}"`);
      const dismissed = type === 'step-dismiss';
      // The first word is final: a step already done stays as it was.
      if (!done[i]) {
        done[i] = dismissed ? 'dismissed' : 'completed';
        stepsDirty = true;
        if (dismissed) dismiss(steps[i]!.intentIndex, signal);
      }
    } else if (type === 'variant-dismiss') {
      // "Not for me" on a slot's variant counts against the intent that chose it.
      const j = indexOf(signal.data?.intent);
      const rt = runtimes[j];
      if (rt && signal.at >= rt.retiredUntil) dismiss(j, signal);
    } else {
      const bucket = ruleIndex.get(type);
      const rules = bucket && ((target !== undefined && bucket.byTarget.get(target)) || bucket.any);
      const n = rules ? rules.length : 0;
      for (let r = 0; r < n; r++) {
        const { rule, test, weight: fixed, scale } = rules![r]!;
        if (test && !test(signal)) continue;
        // Each way of weighing writes `evidence[0]`: joined in one variable, a fixed weight (a
        // boxed number) and a computed one made V8 box the computed one on every signal.
        if (fixed !== null) evidence[0] = fixed;
        else if (scale) {
          scaleInto(evidence, scale, signal);
          evidence[0] = (rule.rule.weight as number) * evidence[0]!;
        } else {
          try {
            evidence[0] = rule.weightOf(signal);
          } catch (error) {
            report(`weight:${rule.id}`, error);
            continue;
          }
        }
        const weight = evidence[0]!;
        const rt = runtimes[rule.intentIndex]!;
        if (!Number.isFinite(weight))
          report(
            `weight:${rule.id}`,
            DEV
              ? `rule "${rule.id}" returned a non-finite weight`
              : `rule "${rule.id}": bad weight`,
          );
        // A satisfied intent is not reinforced by what completes it or follows it.
        else if (weight !== 0 && signal.at >= rt.retiredUntil) {
          evidence[1] = rule.rule.maxContribution ?? Infinity;
          add(rule.intentIndex, rule.ruleIndex, signal);
        }
      }
    }
    // Last, so a dropped signal retires nothing and what the completing signal added is cleared.
    const satisfied = satisfiers.get(type);
    if (satisfied)
      for (let s = 0; s < satisfied.length; s++) {
        const [i, test] = satisfied[s]!;
        if (test(signal)) retire(writable(i), signal.at);
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
      times[0] = Math.max(times[0]!, now, signal.at);
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

  const runtimeOf = (intent: I): Runtime => {
    const rt = runtimes[indexOf(intent)];
    if (!rt) throw new Error(`intentful: unknown intent "${intent}"`);
    return rt;
  };

  let codec: StateCodec | undefined = options.codec;
  const needCodec = (): StateCodec => {
    if (codec) return codec;
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? 'intentful: no save/restore code here; persistence(), hydrate() or serialize(client) from intentful brings it'
        : 'intentful: no codec',
    );
  };
  const mergeState = (state: PersistedState): void => {
    // Without save/restore code this throws; `restore` reports it.
    needCodec().merge(runtimes, steps, done, state, clock() + FUTURE_SKEW_MS);
    stepsDirty = true;
    observed ||= runtimes.some((rt) => rt.count > 0);
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
      const savedAt = options.initialState.at;
      if (Number.isFinite(savedAt)) startAt = Math.min(savedAt, startAt + FUTURE_SKEW_MS);
    } catch (error) {
      init();
      report('hydrate', error);
    }
  }
  times[2] = startAt;
  publish(true);
  // The zustand store holds the state as last read: publishing writes only numbers, and the state
  // object is built for whoever reads it, once per publish.
  const mirror = createStore<State>()(read);
  const getState = (): State => {
    const s = read();
    if (mirror.getState() !== s) mirror.setState(s, true);
    return s;
  };

  return {
    model,
    store: {
      getState,
      getInitialState: mirror.getInitialState,
      subscribe(listener) {
        let last = getState();
        return published.add(() => {
          const prev = last;
          last = getState();
          if (last !== prev) listener(last, prev);
        });
      },
    },
    subscribe: (listener) => published.add(listener),
    generation: () => generation,
    indexOf,
    published: (i) => (i >= 0 && i < n ? snapshot(i) : undefined),
    topIndex: () => topAt,
    stepIndex: () => stepAt,
    versions: version,
    confidences: conf,
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
    belief: (intent, at) => BeliefSnapshot.at(runtimeOf(intent), at ?? clock()),
    trail: (intent, at) => {
      const rt = runtimeOf(intent);
      if (rt.trail) return rt.trail.entries(rt.def, rt.k, at ?? clock());
      if (process.env.NODE_ENV !== 'production')
        report('trails', 'intentful: trail() keeps nothing without trails() in the plugins');
      return [];
    },
    refresh: (at) => republish(at ?? clock()),
    nextChangeAt: (at, changedOnly) => schedule.next(at ?? clock(), changedOnly),
    nextChangeInto: schedule.into,
    observed: () => observed,
    history: () => history.toArray(),
    historySize: history.capacity,
    onSignal: (listener) => listeners.add(listener),
    serialize: () =>
      needCodec().serialize(runtimes, read().steps as PersistedState['steps'], clock()),
    setCodec: (c) => {
      codec ??= c;
    },
    restore: (saved) => {
      // Adding the same visit twice (a consent callback that fires twice) would count it twice.
      if (restored) {
        report(
          'restore',
          DEV ? 'saved state was already restored; reset() first' : 'already restored',
        );
        return false;
      }
      // `merge` throws before touching anything on a wrong version and skips bad fields.
      try {
        mergeState(saved);
      } catch (error) {
        report('restore', error);
        return false;
      }
      restored = true;
      // Top intent and step are chosen afresh from the joined evidence, not held from before.
      topAt = stepAt = -1;
      republish(clock());
      return true;
    },
    reset: () => {
      init();
      restored = false;
      stats.resets++;
      history.clear();
      republish(clock());
    },
    stats,
  };
}
