import { createStore, type StoreApi } from 'zustand/vanilla';
import { explainBelief, explainStep } from './explain';
import type { CompiledIntent, CompiledStep, Model } from './model';
import {
  type DropReason,
  isDev,
  normalizeSignal,
  Ring,
  reportOnce,
  SIGNAL_LIMITS,
  type Signal,
  type SignalInput,
} from './signal';

/** One source of evidence behind a belief, with its contribution after decay. */
export interface Evidence {
  /** Rule id (`"dismissed"` for dismissed steps). */
  readonly rule: string;
  readonly label: string;
  /** Log-odds this rule adds now, after decay and caps. Negative for contradicting evidence. */
  readonly contribution: number;
  /** Signals this rule counted. */
  readonly count: number;
  readonly lastAt: number;
  /** The most recent signal the rule counted (already redacted), for tracing a decision back to it. */
  readonly signal: Signal | null;
}

/** The current estimate for one intent. */
export interface Belief<I extends string = string> {
  readonly intent: I;
  readonly label: string;
  /** Log-odds from prior and decayed evidence (ignores declarations). */
  readonly score: number;
  /** Probability in [0, 1]: 1 or 0 when the user declared it, else the logistic of `score`. */
  readonly confidence: number;
  /** What the user said: `true`, `false`, or `null` when nothing was declared. */
  readonly declared: boolean | null;
  /** Signals that counted toward this intent. */
  readonly observations: number;
  readonly lastEvidenceAt: number | null;
  /** Clock time this snapshot describes. */
  readonly asOf: number;
  /** Contributions per rule, largest magnitude first. */
  readonly evidence: readonly Evidence[];
}

export type StepStatus = 'dismissed' | 'completed';

/** The best step to show now. */
export interface NextStep<I extends string = string, S extends string = string> {
  readonly id: S;
  readonly intent: I;
  readonly label: string;
  readonly priority: number;
  readonly confidence: number;
  /** Human-readable reason, built from the intent's evidence. */
  readonly why: string;
}

/** What the store holds. Objects keep their identity until their content changes. */
export interface IntentState<I extends string = string, S extends string = string> {
  readonly beliefs: Readonly<Record<I, Belief<I>>>;
  /** The most confident intent at or above the model's `topThreshold`, else `null`. */
  readonly top: Belief<I> | null;
  readonly nextStep: NextStep<I, S> | null;
  readonly steps: Readonly<Partial<Record<S, StepStatus>>>;
  readonly asOf: number;
}

/** One evidence event kept for audits: which signal moved which intent, by how much. */
export interface TrailEntry {
  readonly rule: string;
  readonly signal: Signal;
  /** Log-odds applied at `signal.at` (after caps). */
  readonly applied: number;
  /** What is left of it at the time of the query. */
  readonly contribution: number;
}

/** Serializable engine state, for persistence and server rendering. */
export interface PersistedState {
  readonly v: 1;
  readonly at: number;
  readonly intents: {
    readonly [id: string]: {
      readonly at: number;
      readonly count: number;
      readonly last: number | null;
      readonly declared: boolean | null;
      readonly rules: {
        readonly [rule: string]: readonly [
          acc: number,
          count: number,
          lastAt: number,
          signalType?: string,
          signalTarget?: string,
        ];
      };
    };
  };
  readonly steps: { readonly [id: string]: StepStatus };
}

export interface EngineStats {
  accepted: number;
  /** Times `reset()` ran: what was decided on forgotten evidence has to be decided again. */
  resets: number;
  dropped: number;
  droppedBy: Partial<Record<DropReason | 'unknown-intent' | 'unknown-step', number>>;
}

export interface EngineOptions<I extends string, S extends string> {
  model: Model<I, S>;
  /** Milliseconds now. Inject a fake clock in tests and replays. @defaultValue `Date.now` */
  clock?: () => number;
  /** Signals kept in history; older ones are forgotten (their effect on beliefs stays). @defaultValue `500` */
  historySize?: number;
  /** Evidence events kept per intent for `trail()`. @defaultValue `20` */
  trailSize?: number;
  /** Start from persisted or server state instead of priors. */
  initialState?: PersistedState;
  /** The time the first state is dated, so creating an engine need not read the clock. @defaultValue `clock()` */
  startAt?: number;
  /** Runs on every valid signal before it is stored: redact or return `null` to drop it. */
  beforeSignal?: (signal: Signal) => Signal | null;
  /** Receives errors from bad input or throwing callbacks, once per kind. @defaultValue a development-only `console.warn` */
  onError?: (error: Error) => void;
}

export interface IntentEngine<I extends string = string, S extends string = string> {
  readonly model: Model<I, S>;
  /** Zustand vanilla store with the published snapshot. */
  readonly store: StoreApi<IntentState<I, S>>;
  /** Ingests a signal. Returns `false` if it was dropped; never throws. */
  track(signal: SignalInput): boolean;
  /** Runs `fn` and publishes one snapshot for every signal it tracks (replays, bursts from collectors). */
  batch(fn: () => void): void;
  /** What the user said outranks inference; `null` withdraws the declaration. */
  declare(intent: I, value: boolean | null): boolean;
  /** Hide a step for good and count it against its intent. */
  dismissStep(id: S): boolean;
  /** Mark a step done; it is not offered again. */
  completeStep(id: S): boolean;
  /** A belief computed fresh at `at` (default now), without publishing. */
  belief(intent: I, at?: number): Belief<I>;
  /** Recent evidence events for an intent, newest last, with what is left of each at `at`. */
  trail(intent: I, at?: number): TrailEntry[];
  /** A human-readable explanation of a belief. */
  explain(intent: I, at?: number): string;
  /** Recompute every belief at `at` (default now) and publish what changed (decay). */
  refresh(at?: number): void;
  /** Earliest time decay will change the top intent or the next step, or `null`. */
  nextChangeAt(at?: number): number | null;
  /** Accepted signals still in history, oldest first. */
  history(): Signal[];
  /** How many signals history keeps (`historySize`). */
  readonly historySize: number;
  /** Called after each accepted signal. Returns an unsubscribe function. */
  onSignal(listener: (signal: Signal) => void): () => void;
  serialize(): PersistedState;
  /**
   * Adds saved state (an earlier visit's) to what this engine has seen since it was created or
   * reset, as if it had been the initial state: for consent granted after mount. Evidence is
   * summed per rule within the rule's cap; what the user declared or did with steps on this page
   * wins. Returns `false`, changing nothing, when the state is not a version 1 state or a saved
   * state (or `initialState`) was already added since creation or `reset()`.
   */
  restore(state: PersistedState): boolean;
  /** Forget all evidence, declarations, step states and history. */
  reset(): void;
  readonly stats: Readonly<EngineStats>;
}

/** One evidence event and the rule's state after it; immutable so snapshots and trails share it. */
interface RuleRecord {
  /** The rule's contribution, valued at `ref`. */
  readonly acc: number;
  readonly ref: number;
  readonly count: number;
  readonly lastAt: number;
  /** The most recent signal the rule counted. */
  readonly signal: Signal | null;
  readonly slot: number;
  /** What this event added, at `ref`, and the signal behind it (for `trail`). */
  readonly applied: number;
  readonly cause: Signal | null;
}

interface Runtime<I extends string = string> {
  readonly def: CompiledIntent;
  /** ln 2 / halfLife, so decay is exp(-k·Δt). */
  readonly k: number;
  /** Sum of all rule contributions, valued at `at`. */
  acc: number;
  at: number;
  /** Indexed by rule, plus one slot for dismissed steps. A snapshot may hold it: copy before writing. */
  records: (RuleRecord | undefined)[];
  shared: boolean;
  count: number;
  last: number | null;
  declared: boolean | null;
  /** A declaration (or its withdrawal) arrived since init: it outranks a restored one. */
  said: boolean;
  /** Evidence since the last publish. */
  dirty: boolean;
  /** The published snapshot. */
  belief: BeliefSnapshot<I>;
  readonly trail: Ring<RuleRecord>;
}

const DISMISSED = 'dismissed';
const INF = Number.POSITIVE_INFINITY;
// Snapshot internals are symbol-keyed: own fields stay the public shape (keys, JSON, spreads),
// and unlike private fields they cost nothing extra when compiled for older targets.
const HIDDEN = /* @__PURE__ */ Symbol();
const RECORDS = /* @__PURE__ */ Symbol();
// Evidence lists once read, so a snapshot answers with the same list; few snapshots are read.
const memo = /* @__PURE__ */ new WeakMap<object, readonly Evidence[]>();

const ruleId = (def: CompiledIntent, slot: number): string => def.rules[slot]?.id ?? DISMISSED;
// Skipping exp(0) matters: most evidence arrives at the time its intent was last updated.
const decayed = (rt: Runtime, value: number, from: number, to: number): number =>
  to > from ? value * Math.exp(-rt.k * (to - from)) : value;

// A snapshot computes its evidence list on first read: most are only asked for their confidence.
class BeliefSnapshot<I extends string> implements Belief<I> {
  declare readonly intent: I;
  declare readonly label: string;
  declare readonly score: number;
  declare readonly confidence: number;
  declare readonly declared: boolean | null;
  declare readonly observations: number;
  declare readonly lastEvidenceAt: number | null;
  declare readonly asOf: number;
  declare readonly [HIDDEN]: Runtime<I>;
  declare readonly [RECORDS]: readonly (RuleRecord | undefined)[];

  constructor(rt: Runtime<I>, t: number) {
    const { def, declared } = rt;
    const score = def.prior + decayed(rt, rt.acc, rt.at, t);
    this.intent = def.id as I;
    this.label = def.label;
    this.score = score;
    this.confidence = declared === null ? 1 / (1 + Math.exp(-score)) : +declared;
    this.declared = declared;
    this.observations = rt.count;
    this.lastEvidenceAt = rt.last;
    this.asOf = t;
    this[HIDDEN] = rt;
    this[RECORDS] = rt.records;
    rt.shared = true;
  }

  get evidence(): readonly Evidence[] {
    const rt = this[HIDDEN];
    let list = memo.get(this);
    if (!list) {
      const built = this[RECORDS].flatMap((rec): Evidence | [] => {
        const contribution = rec ? decayed(rt, rec.acc, rec.ref, this.asOf) : 0;
        if (!rec || Math.abs(contribution) < 1e-9) return [];
        const rule = rt.def.rules[rec.slot];
        return {
          rule: rule?.id ?? DISMISSED,
          label: rule?.label ?? 'dismissed a suggestion',
          contribution,
          count: rec.count,
          lastAt: rec.lastAt,
          signal: rec.signal,
        };
      });
      memo.set(
        this,
        built.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
      );
      list = built;
    }
    return list;
  }

  toJSON(): Belief<I> {
    // Own fields plus the lazily built evidence, so logs and devtools see the whole belief.
    return { ...this, evidence: this.evidence };
  }
}

class StepSnapshot<I extends string, S extends string> implements NextStep<I, S> {
  declare readonly id: S;
  declare readonly intent: I;
  declare readonly label: string;
  declare readonly priority: number;
  declare readonly confidence: number;
  declare readonly [HIDDEN]: Belief<I>;

  constructor(step: CompiledStep, belief: Belief<I>) {
    this.id = step.id as S;
    this.intent = step.intent as I;
    this.label = step.label;
    this.priority = step.priority;
    this.confidence = belief.confidence;
    this[HIDDEN] = belief;
  }

  get why(): string {
    return explainStep(this.label, this[HIDDEN]);
  }

  toJSON(): NextStep<I, S> {
    return { ...this, why: this.why };
  }
}

/**
 * Creates an engine: one zustand store, beliefs, steps. Pure given its clock: no timers,
 * no globals, so it runs the same in a browser, on a server and in a replay.
 */
export function createIntentEngine<I extends string, S extends string>(
  options: EngineOptions<I, S>,
): IntentEngine<I, S> {
  const { model, onError, beforeSignal } = options;
  const { steps, ruleIndex, topThreshold, switchMargin } = model;
  const clock = options.clock ?? Date.now;
  const history = new Ring<Signal>(options.historySize ?? 500);
  const trailSize = Math.max(1, options.trailSize ?? 20);
  const listeners = new Set<(signal: Signal) => void>();
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

  const init = (): void => {
    runtimes = model.intents.map((def) => ({
      def,
      k: Math.LN2 / def.halfLife,
      acc: 0,
      at: 0,
      records: Array.from({ length: def.rules.length + 1 }),
      shared: false,
      count: 0,
      last: null,
      declared: null,
      said: false,
      dirty: true,
      belief: undefined as unknown as BeliefSnapshot<I>,
      trail: new Ring(trailSize),
    }));
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
          isDev()
            ? `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)?.slice(0, 120)}`
            : ''
        }`,
    );
    return false;
  };

  /** Moves an intent's reference time up to `t` (never back) and makes its records writable. */
  const prepare = (rt: Runtime<I>, t: number): number => {
    if (t > rt.at) {
      rt.acc = decayed(rt, rt.acc, rt.at, t);
      rt.at = t;
    }
    if (rt.shared) {
      rt.records = rt.records.slice();
      rt.shared = false;
    }
    return rt.at;
  };

  const add = (rt: Runtime<I>, slot: number, signal: Signal, weight: number, cap: number): void => {
    const t = signal.at;
    const now = prepare(rt, t);
    const rec = rt.records[slot];
    const cur = rec ? decayed(rt, rec.acc, rec.ref, now) : 0;
    // An out-of-order signal counts for what would be left of it by now.
    let applied = decayed(rt, weight, t, now);
    if (cur + applied > cap) applied = Math.max(0, cap - cur);
    else if (cur + applied < -cap) applied = Math.min(0, -cap - cur);
    const newer = !rec || t >= rec.lastAt;
    const next: RuleRecord = {
      acc: cur + applied,
      ref: now,
      count: (rec?.count ?? 0) + 1,
      lastAt: newer ? t : rec.lastAt,
      signal: newer ? signal : rec.signal,
      slot,
      applied,
      cause: signal,
    };
    rt.records[slot] = next;
    rt.trail.push(next);
    rt.acc += applied;
    rt.count++;
    if (rt.last === null || t > rt.last) rt.last = t;
    rt.dirty = dirty = true;
  };

  /** Index of the published top intent, or -1. */
  let topAt = -1;
  const pickTop = (prev: Belief<I> | null): Belief<I> | null => {
    let best = -1;
    for (let i = 0; i < conf.length; i++) {
      if (conf[i]! >= topThreshold && !(best >= 0 && conf[i]! <= conf[best]!)) best = i;
    }
    const held = prev ? topAt : -1;
    if (
      best >= 0 &&
      held >= 0 &&
      conf[held]! >= topThreshold &&
      conf[best]! < conf[held]! + switchMargin
    )
      best = held;
    topAt = best;
    return best < 0 ? null : runtimes[best]!.belief;
  };

  const pickStep = (prev: StepSnapshot<I, S> | null): NextStep<I, S> | null => {
    let best: CompiledStep | undefined;
    let bestConf = 0;
    let held: CompiledStep | undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const c = conf[step.intentIndex]!;
      if (done[i] || c < step.minConfidence) continue;
      if (step.id === prev?.id) held = step;
      if (
        !best ||
        step.priority > best.priority ||
        (step.priority === best.priority && c > bestConf)
      ) {
        best = step;
        bestConf = c;
      }
    }
    if (!best) return null;
    // A shown step stays while it is still due, unless something more important or clearly more
    // likely comes along: guidance that jumps around is worse than none.
    if (
      held &&
      best.priority === held.priority &&
      bestConf < conf[held.intentIndex]! + switchMargin
    )
      best = held;
    const belief = runtimes[best.intentIndex]!.belief;
    return prev?.id === best.id && prev[HIDDEN] === belief ? prev : new StepSnapshot(best, belief);
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
      const old = rt.belief;
      const b = new BeliefSnapshot<I>(rt, t);
      rt.dirty = false;
      if (
        !all ||
        !old ||
        old.score !== b.score ||
        old.declared !== b.declared ||
        old.observations !== b.observations
      ) {
        current[b.intent] = rt.belief = b;
        conf[i] = b.confidence;
        changed = true;
      }
    }
    const top = pickTop(prev.top);
    const nextStep = pickStep(prev.nextStep as StepSnapshot<I, S> | null);
    if (!changed && top === prev.top && nextStep === prev.nextStep) return prev;
    // Cloned from one long-lived object: V8 copies a stable shape fast, unlike a chain of copies.
    const beliefs = { ...current };
    let steps = prev.steps;
    if (stepsDirty) {
      const record: Partial<Record<S, StepStatus>> = {};
      done.forEach((status, i) => {
        if (status) record[model.steps[i]!.id as S] = status;
      });
      steps = record;
      stepsDirty = false;
    }
    return { beliefs, top, nextStep, steps, asOf: t };
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
      if (!done[i]) {
        const dismissed = type === 'step-dismiss';
        done[i] = dismissed ? 'dismissed' : 'completed';
        stepsDirty = true;
        const rt = runtimes[steps[i]!.intentIndex]!;
        if (dismissed) add(rt, rt.def.rules.length, signal, rt.def.dismissWeight, INF);
      }
    } else {
      const bucket = ruleIndex.get(type);
      const rules = bucket && ((target !== undefined && bucket.byTarget.get(target)) || bucket.any);
      for (const { rule, test, weight: fixed } of rules ?? []) {
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
        if (!Number.isFinite(weight))
          report(`weight:${rule.id}`, `rule "${rule.id}" returned a non-finite weight`);
        else if (weight !== 0) {
          const cap = rule.rule.cap ?? INF;
          add(runtimes[rule.intentIndex]!, rule.ruleIndex, signal, weight, cap);
        }
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
      if (listeners.size)
        for (const listener of listeners) {
          try {
            listener(signal);
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

  // Adds saved evidence to what is live, valued at the later of the two times: into a fresh
  // engine it is the initial state, after signals it is `restore`. Adding rather than replaying
  // keeps an earlier visit even when history no longer holds this page's first signals.
  const merge = (state: PersistedState): void => {
    if (state?.v !== 1 || typeof state.intents !== 'object' || !state.intents)
      throw new Error('saved state is not a version 1 intentful state');
    const latest = clock() + SIGNAL_LIMITS.futureSkewMs;
    for (const rt of runtimes) {
      const saved = state.intents[rt.def.id];
      if (!saved) continue;
      // A clock that was ahead when this was saved must not decay today's evidence to nothing.
      const from = Math.min(Number.isFinite(saved.at) ? saved.at : 0, latest);
      const t = prepare(rt, from);
      const { rules } = rt.def;
      for (let slot = 0; slot <= rules.length; slot++) {
        const entry = saved.rules?.[ruleId(rt.def, slot)];
        if (!Array.isArray(entry)) continue;
        const [acc, count, at, type, target] = entry;
        if (![acc, count, at].every(Number.isFinite)) continue;
        const signal: Signal | null =
          typeof type === 'string'
            ? { type, at, ...(typeof target === 'string' && { target }) }
            : null;
        const rec = rt.records[slot];
        const cur = rec ? decayed(rt, rec.acc, rec.ref, t) : 0;
        const cap = rules[slot]?.rule.cap ?? INF;
        const sum = Math.max(-cap, Math.min(cap, cur + decayed(rt, acc, from, t)));
        const newer = !rec || at > rec.lastAt;
        rt.records[slot] = {
          acc: sum,
          ref: t,
          count: (rec?.count ?? 0) + Math.max(0, Math.floor(count)),
          lastAt: newer ? at : rec.lastAt,
          signal: newer ? signal : rec.signal,
          slot,
          applied: rec?.applied ?? sum,
          cause: rec?.cause ?? signal,
        };
        rt.acc += sum - cur;
      }
      if (Number.isInteger(saved.count) && saved.count > 0) rt.count += saved.count;
      if (Number.isFinite(saved.last) && (rt.last === null || saved.last! > rt.last))
        rt.last = saved.last;
      // What the user said on this page is newer than what they said before.
      if (!rt.said && typeof saved.declared === 'boolean') rt.declared = saved.declared;
      rt.dirty = true;
    }
    for (const [id, status] of Object.entries(state.steps ?? {})) {
      const i = steps.findIndex((s) => s.id === id);
      if (i >= 0 && !done[i] && (status === 'dismissed' || status === 'completed'))
        done[i] = status;
    }
    stepsDirty = true;
  };

  init();
  let startAt = options.startAt ?? clock();
  let restored = false;
  if (options.initialState) {
    try {
      merge(options.initialState);
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
      const t = at ?? clock();
      return rt.trail.toArray().map((rec) => ({
        rule: ruleId(rt.def, rec.slot),
        signal: rec.cause as Signal,
        applied: rec.applied,
        contribution: decayed(rt, rec.applied, rec.ref, t),
      }));
    },
    explain: (intent, at) => explainBelief(new BeliefSnapshot(runtimeOf(intent), at ?? clock())),
    refresh: (at) => {
      const t = at ?? clock();
      store.setState(compose(store.getState(), t, true), true);
    },
    nextChangeAt: (at) => {
      const t = at ?? clock();
      let earliest = INF;
      const consider = (rt: Runtime<I>, threshold: number): void => {
        // Decay moves the score toward the prior; it crosses the threshold only if that lies
        // between, i.e. when the evidence left is more than the distance to the threshold.
        const ratio =
          decayed(rt, rt.acc, rt.at, t) / (Math.log(threshold / (1 - threshold)) - rt.def.prior);
        if (rt.declared === null && ratio > 1 && ratio < INF)
          earliest = Math.min(earliest, t + Math.log(ratio) / rt.k);
      };
      for (const rt of runtimes) consider(rt, topThreshold);
      steps.forEach((step, i) => {
        if (!done[i]) consider(runtimes[step.intentIndex]!, step.minConfidence);
      });
      return earliest < INF ? Math.ceil(earliest) : null;
    },
    history: () => history.toArray(),
    historySize: history.capacity,
    onSignal: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    serialize: () => ({
      v: 1,
      at: clock(),
      intents: Object.fromEntries(
        runtimes.map((rt) => [
          rt.def.id,
          {
            at: rt.at,
            count: rt.count,
            last: rt.last,
            declared: rt.declared,
            // Valued at the intent's reference time so one `at` describes every rule.
            rules: Object.fromEntries(
              rt.records.flatMap((rec) => {
                if (!rec) return [];
                const sig = rec.signal;
                const tail: [] | [string] | [string, string] = sig
                  ? sig.target === undefined
                    ? [sig.type]
                    : [sig.type, sig.target]
                  : [];
                return [
                  [
                    ruleId(rt.def, rec.slot),
                    [rec.acc * Math.exp(-rt.k * (rt.at - rec.ref)), rec.count, rec.lastAt, ...tail],
                  ],
                ];
              }),
            ),
          },
        ]),
      ),
      steps: store.getState().steps as PersistedState['steps'],
    }),
    restore: (state) => {
      // Adding the same visit twice (a consent callback that fires twice) would count it twice.
      if (restored) {
        report('restore', 'saved state was already restored; reset() first');
        return false;
      }
      // `merge` throws before touching anything on a wrong version and skips bad fields.
      try {
        merge(state);
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
