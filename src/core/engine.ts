import { createStore, type StoreApi } from 'zustand/vanilla';
import { explainBelief, explainStep } from './explain';
import type { CompiledIntent, CompiledRule, CompiledStep, Model } from './model';
import {
  type DropReason,
  isDev,
  normalizeSignal,
  Ring,
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
  /** Called after each accepted signal. Returns an unsubscribe function. */
  onSignal(listener: (signal: Signal) => void): () => void;
  serialize(): PersistedState;
  /** Forget all evidence, declarations, step states and history. */
  reset(): void;
  readonly stats: Readonly<EngineStats>;
}

/** One rule's evidence, immutable so belief snapshots can share it. `acc` is valued at `ref`. */
interface RuleRecord {
  readonly acc: number;
  readonly ref: number;
  readonly count: number;
  readonly lastAt: number;
  readonly signal: Signal | null;
}

interface Runtime {
  readonly def: CompiledIntent;
  /** ln 2 / halfLife, so decay is exp(-k·Δt). */
  readonly k: number;
  /** Sum of all rule contributions, valued at `at`. */
  acc: number;
  at: number;
  /** One slot per rule, plus one for dismissed steps. */
  readonly records: (RuleRecord | undefined)[];
  count: number;
  last: number | null;
  declared: boolean | null;
  // Audit trail as a ring of parallel arrays: no allocation per evidence event.
  trailNext: number;
  trailSize: number;
  readonly trailRule: Int32Array;
  readonly trailValue: Float64Array;
  readonly trailRef: Float64Array;
  readonly trailSignal: (Signal | undefined)[];
}

const DISMISSED = 'dismissed';
const DISMISSED_LABEL = 'dismissed a suggestion';
const EPSILON = 1e-9;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

function ruleName(def: CompiledIntent, slot: number): [id: string, label: string] {
  const rule = def.rules[slot];
  return rule ? [rule.id, rule.label] : [DISMISSED, DISMISSED_LABEL];
}

// Snapshots compute their evidence list on first read: most snapshots are only asked for
// their confidence, and building lists on every signal would dominate the per-signal cost.
class BeliefSnapshot<I extends string> implements Belief<I> {
  #evidence: readonly Evidence[] | undefined;
  readonly #def: CompiledIntent;
  readonly #k: number;
  readonly #records: readonly (RuleRecord | undefined)[];

  constructor(
    readonly intent: I,
    readonly label: string,
    readonly score: number,
    readonly confidence: number,
    readonly declared: boolean | null,
    readonly observations: number,
    readonly lastEvidenceAt: number | null,
    readonly asOf: number,
    def: CompiledIntent,
    k: number,
    records: readonly (RuleRecord | undefined)[],
  ) {
    this.#def = def;
    this.#k = k;
    this.#records = records;
  }

  get evidence(): readonly Evidence[] {
    if (this.#evidence) return this.#evidence;
    const out: Evidence[] = [];
    this.#records.forEach((rec, slot) => {
      if (!rec) return;
      const contribution = rec.acc * Math.exp(-this.#k * Math.max(0, this.asOf - rec.ref));
      if (Math.abs(contribution) < EPSILON) return;
      const [rule, label] = ruleName(this.#def, slot);
      out.push({
        rule,
        label,
        contribution,
        count: rec.count,
        lastAt: rec.lastAt,
        signal: rec.signal,
      });
    });
    out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    this.#evidence = out;
    return out;
  }

  toJSON(): Belief<I> {
    // Own fields plus the lazily built evidence, so logs and devtools see the whole belief.
    return { ...this, evidence: this.evidence };
  }
}

class StepSnapshot<I extends string, S extends string> implements NextStep<I, S> {
  #why: string | undefined;
  readonly #belief: Belief<I>;

  constructor(
    readonly id: S,
    readonly intent: I,
    readonly label: string,
    readonly priority: number,
    belief: Belief<I>,
  ) {
    this.#belief = belief;
  }

  get confidence(): number {
    return this.#belief.confidence;
  }

  get why(): string {
    if (this.#why === undefined) this.#why = explainStep(this.label, this.#belief);
    return this.#why;
  }

  toJSON(): NextStep<I, S> {
    return { ...this, confidence: this.confidence, why: this.why };
  }
}

/**
 * Creates an engine: one zustand store, beliefs, steps. Pure given its clock: no timers,
 * no globals, so it runs the same in a browser, on a server and in a replay.
 */
export function createIntentEngine<I extends string, S extends string>(
  options: EngineOptions<I, S>,
): IntentEngine<I, S> {
  const { model } = options;
  const clock = options.clock ?? Date.now;
  const history = new Ring<Signal>(options.historySize ?? 500);
  const trailSize = Math.max(1, options.trailSize ?? 20);
  const signalListeners = new Set<(signal: Signal) => void>();
  const reported = new Set<string>();
  const stats: EngineStats = { accepted: 0, dropped: 0, droppedBy: {} };
  const stepStatus = new Map<string, StepStatus>();

  const report = (kind: string, error: unknown): void => {
    if (reported.has(kind)) return;
    reported.add(kind);
    const err = error instanceof Error ? error : new Error(String(error));
    if (options.onError) {
      try {
        options.onError(err);
      } catch {
        // The error handler itself failed; there is nowhere left to report to.
      }
    } else if (isDev()) {
      console.warn(`[intentful] ${err.message}`);
    }
  };

  const drop = (reason: keyof EngineStats['droppedBy'], detail: string): false => {
    stats.dropped++;
    stats.droppedBy[reason] = (stats.droppedBy[reason] ?? 0) + 1;
    report(`drop:${reason}`, new Error(`dropped a signal (${reason}): ${detail}`));
    return false;
  };

  const makeRuntime = (def: CompiledIntent): Runtime => ({
    def,
    k: Number.isFinite(def.halfLife) ? Math.LN2 / def.halfLife : 0,
    acc: 0,
    at: 0,
    records: new Array<RuleRecord | undefined>(def.rules.length + 1).fill(undefined),
    count: 0,
    last: null,
    declared: null,
    trailNext: 0,
    trailSize: 0,
    trailRule: new Int32Array(trailSize),
    trailValue: new Float64Array(trailSize),
    trailRef: new Float64Array(trailSize),
    trailSignal: new Array<Signal | undefined>(trailSize).fill(undefined),
  });
  let runtimes = model.intents.map(makeRuntime);
  const ids = model.intentIds;
  const steps = model.steps;
  // Mirrors stepStatus by step index, for the hot path.
  const stepDone = new Uint8Array(steps.length);
  // Intents changed since the last publish; a batch publishes once for all its signals.
  const touched: Runtime[] = [];
  let stepsDirty = false;
  let pendingAt = Number.NEGATIVE_INFINITY;
  let batchDepth = 0;
  const setStepStatus = (index: number, status: StepStatus): void => {
    stepStatus.set(steps[index]!.id, status);
    stepDone[index] = 1;
    stepsDirty = true;
  };
  const clearSteps = (): void => {
    stepStatus.clear();
    stepDone.fill(0);
  };
  const indexOf = new Map<string, number>(model.intents.map((d, i) => [d.id, i]));

  const addEvidence = (rt: Runtime, slot: number, signal: Signal, weight: number, cap: number) => {
    const t = signal.at;
    if (t > rt.at) {
      if (rt.acc !== 0) rt.acc *= Math.exp(-rt.k * (t - rt.at));
      rt.at = t;
    }
    const now = rt.at;
    const rec = rt.records[slot];
    const cur = rec ? rec.acc * Math.exp(-rt.k * (now - rec.ref)) : 0;
    // An out-of-order signal counts for what would be left of it by now.
    let applied = t < now ? weight * Math.exp(-rt.k * (now - t)) : weight;
    if (cur + applied > cap) applied = Math.max(0, cap - cur);
    else if (cur + applied < -cap) applied = Math.min(0, -cap - cur);
    const newer = !rec || t >= rec.lastAt;
    rt.records[slot] = {
      acc: cur + applied,
      ref: now,
      count: (rec ? rec.count : 0) + 1,
      lastAt: newer ? t : rec.lastAt,
      signal: newer ? signal : rec.signal,
    };
    rt.acc += applied;
    rt.count++;
    if (rt.last === null || t > rt.last) rt.last = t;
    const i = rt.trailNext;
    rt.trailRule[i] = slot;
    rt.trailValue[i] = applied;
    rt.trailRef[i] = now;
    rt.trailSignal[i] = signal;
    rt.trailNext = (i + 1) % trailSize;
    if (rt.trailSize < trailSize) rt.trailSize++;
  };

  const buildBelief = (rt: Runtime, t: number): Belief<I> => {
    const score = rt.def.prior + (t > rt.at ? rt.acc * Math.exp(-rt.k * (t - rt.at)) : rt.acc);
    return new BeliefSnapshot<I>(
      rt.def.id as I,
      rt.def.label,
      score,
      rt.declared === null ? sigmoid(score) : rt.declared ? 1 : 0,
      rt.declared,
      rt.count,
      rt.last,
      t,
      rt.def,
      rt.k,
      rt.records.slice(),
    );
  };

  // Evidence only changes with the score (decay scales every rule alike), so this is enough.
  const sameBelief = (a: Belief<I>, b: Belief<I>): boolean =>
    a.score === b.score && a.declared === b.declared && a.observations === b.observations;

  const pickTop = (
    beliefs: Readonly<Record<I, Belief<I>>>,
    prev: Belief<I> | null,
  ): Belief<I> | null => {
    let best: Belief<I> | null = null;
    const threshold = model.topThreshold;
    for (let i = 0; i < ids.length; i++) {
      const b = beliefs[ids[i]!];
      if (b.confidence >= threshold && (best === null || b.confidence > best.confidence)) best = b;
    }
    if (best && prev && best.intent !== prev.intent) {
      const held = beliefs[prev.intent];
      if (
        held.confidence >= model.topThreshold &&
        best.confidence < held.confidence + model.switchMargin
      ) {
        return held;
      }
    }
    return best;
  };

  const pickStep = (
    beliefs: Readonly<Record<I, Belief<I>>>,
    prev: NextStep<I, S> | null,
    prevBeliefs: Readonly<Record<I, Belief<I>>> | null,
  ): NextStep<I, S> | null => {
    let best: CompiledStep | null = null;
    let bestConf = 0;
    let held: CompiledStep | null = null;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (stepDone[i]) continue;
      const conf = beliefs[step.intent as I].confidence;
      if (conf < step.minConfidence) continue;
      if (prev !== null && step.id === prev.id) held = step;
      if (
        best === null ||
        step.priority > best.priority ||
        (step.priority === best.priority && conf > bestConf)
      ) {
        best = step;
        bestConf = conf;
      }
    }
    if (best === null) return null;
    // A shown step stays while it is still due, unless something more important or clearly more
    // likely comes along: guidance that jumps around is worse than none.
    if (
      held !== null &&
      held !== best &&
      best.priority === held.priority &&
      bestConf < beliefs[held.intent as I].confidence + model.switchMargin
    ) {
      best = held;
    }
    const belief = beliefs[best.intent as I];
    if (prev && prev.id === best.id && prevBeliefs && prevBeliefs[best.intent as I] === belief)
      return prev;
    return new StepSnapshot<I, S>(
      best.id as S,
      best.intent as I,
      best.label,
      best.priority,
      belief,
    );
  };

  const initialBeliefs = (t: number): Record<I, Belief<I>> => {
    const out = {} as Record<I, Belief<I>>;
    for (const rt of runtimes) out[rt.def.id as I] = buildBelief(rt, t);
    return out;
  };

  const stepsRecord = (): Partial<Record<S, StepStatus>> =>
    Object.fromEntries(stepStatus) as Partial<Record<S, StepStatus>>;

  const hydrate = (state: PersistedState): void => {
    if (
      typeof state !== 'object' ||
      state === null ||
      state.v !== 1 ||
      typeof state.intents !== 'object'
    ) {
      throw new Error('initial state is not a version 1 intentful state');
    }
    for (const rt of runtimes) {
      const saved = state.intents[rt.def.id];
      if (!saved) continue;
      rt.at = Number.isFinite(saved.at) ? saved.at : 0;
      rt.count = Number.isInteger(saved.count) && saved.count >= 0 ? saved.count : 0;
      rt.last = typeof saved.last === 'number' && Number.isFinite(saved.last) ? saved.last : null;
      rt.declared = typeof saved.declared === 'boolean' ? saved.declared : null;
      rt.records.forEach((_, slot) => {
        const entry = saved.rules?.[ruleName(rt.def, slot)[0]];
        if (!Array.isArray(entry)) return;
        const [acc, count, lastAt, type, target] = entry;
        if (![acc, count, lastAt].every((x) => typeof x === 'number' && Number.isFinite(x))) return;
        const signal: Signal | null =
          typeof type !== 'string'
            ? null
            : typeof target === 'string'
              ? { type, at: lastAt, target }
              : { type, at: lastAt };
        rt.records[slot] = {
          acc,
          ref: rt.at,
          count: Math.max(0, Math.floor(count)),
          lastAt,
          signal,
        };
        rt.acc += acc;
      });
    }
    for (const [id, status] of Object.entries(state.steps ?? {})) {
      const index = steps.findIndex((s) => s.id === id);
      if ((status === 'dismissed' || status === 'completed') && index >= 0) {
        setStepStatus(index, status);
      }
    }
  };

  let startAt = clock();
  if (options.initialState) {
    try {
      hydrate(options.initialState);
      // Server and client must render the same snapshot, so it is taken at the saved time.
      startAt = options.initialState.at;
    } catch (error) {
      runtimes = model.intents.map(makeRuntime);
      clearSteps();
      report('hydrate', error);
    }
  }

  const firstBeliefs = initialBeliefs(startAt);
  const store = createStore<IntentState<I, S>>()(() => ({
    beliefs: firstBeliefs,
    top: pickTop(firstBeliefs, null),
    nextStep: pickStep(firstBeliefs, null, null),
    steps: stepsRecord(),
    asOf: startAt,
  }));
  stepsDirty = false;

  const publish = (touched: readonly Runtime[], t: number, stepsChanged: boolean): void => {
    const prev = store.getState();
    let beliefs = prev.beliefs;
    if (touched.length > 0) {
      const next: Record<I, Belief<I>> = { ...prev.beliefs };
      for (const rt of touched) next[rt.def.id as I] = buildBelief(rt, t);
      beliefs = next;
    }
    store.setState(
      {
        beliefs,
        top: pickTop(beliefs, prev.top),
        nextStep: pickStep(beliefs, prev.nextStep, prev.beliefs),
        steps: stepsChanged ? stepsRecord() : prev.steps,
        asOf: t,
      },
      true,
    );
  };

  const flush = (): void => {
    if (touched.length > 0 || stepsDirty) publish(touched, pendingAt, stepsDirty);
    touched.length = 0;
    stepsDirty = false;
    pendingAt = Number.NEGATIVE_INFINITY;
  };
  const touch = (rt: Runtime): void => {
    if (!touched.includes(rt)) touched.push(rt);
  };

  const ingest = (signal: Signal): boolean => {
    switch (signal.type) {
      case 'declare': {
        const i = indexOf.get(signal.target ?? '');
        if (i === undefined) return drop('unknown-intent', `declare "${signal.target}"`);
        const value = signal.data?.value;
        const rt = runtimes[i]!;
        rt.declared = typeof value === 'boolean' ? value : null;
        touch(rt);
        return true;
      }
      case 'step-dismiss':
      case 'step-complete': {
        const index = steps.findIndex((s) => s.id === signal.target);
        const step = steps[index];
        if (!step) return drop('unknown-step', `${signal.type} "${signal.target}"`);
        if (stepDone[index]) return true;
        setStepStatus(index, signal.type === 'step-dismiss' ? 'dismissed' : 'completed');
        if (signal.type === 'step-dismiss') {
          const rt = runtimes[step.intentIndex]!;
          addEvidence(
            rt,
            rt.def.rules.length,
            signal,
            rt.def.dismissWeight,
            Number.POSITIVE_INFINITY,
          );
          touch(rt);
        }
        return true;
      }
    }
    const rules = model.rulesByType.get(signal.type);
    if (rules) {
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i] as CompiledRule;
        if (!rule.matches(signal)) continue;
        let weight: number;
        try {
          weight = rule.weightOf(signal);
        } catch (error) {
          report(`weight:${rule.id}`, error);
          continue;
        }
        if (!Number.isFinite(weight)) {
          report(`weight:${rule.id}`, new Error(`rule "${rule.id}" returned a non-finite weight`));
          continue;
        }
        if (weight === 0) continue;
        const rt = runtimes[rule.intentIndex]!;
        addEvidence(rt, rule.ruleIndex, signal, weight, rule.rule.cap ?? Number.POSITIVE_INFINITY);
        touch(rt);
      }
    }
    return true;
  };

  const track = (input: SignalInput): boolean => {
    try {
      const now = clock();
      const normalized = normalizeSignal(input, now);
      if (typeof normalized === 'string')
        return drop(normalized, JSON.stringify(input)?.slice(0, 120) ?? '');
      let signal: Signal | null = normalized;
      if (options.beforeSignal) {
        signal = options.beforeSignal(normalized);
        if (signal === null) return drop('filtered', normalized.type);
      }
      if (!ingest(signal)) return false;
      history.push(signal);
      stats.accepted++;
      const t = Math.max(now, signal.at);
      if (t > pendingAt) pendingAt = t;
      if (batchDepth === 0) flush();
      for (const listener of signalListeners) {
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

  const runtimeOf = (intent: I): Runtime => {
    const i = indexOf.get(intent);
    if (i === undefined) throw new Error(`intentful: unknown intent "${intent}"`);
    return runtimes[i]!;
  };

  const refresh = (at?: number): void => {
    const t = at ?? clock();
    const prev = store.getState();
    let changed = false;
    const next: Record<I, Belief<I>> = { ...prev.beliefs };
    for (const rt of runtimes) {
      const b = buildBelief(rt, t);
      const old = prev.beliefs[rt.def.id as I];
      if (!sameBelief(old, b)) {
        next[rt.def.id as I] = b;
        changed = true;
      }
    }
    const beliefs = changed ? next : prev.beliefs;
    const top = pickTop(beliefs, prev.top);
    const nextStep = pickStep(beliefs, prev.nextStep, prev.beliefs);
    if (changed || top !== prev.top || nextStep !== prev.nextStep) {
      store.setState({ beliefs, top, nextStep, steps: prev.steps, asOf: t }, true);
    }
  };

  const nextChangeAt = (at?: number): number | null => {
    const t = at ?? clock();
    let earliest: number | null = null;
    const consider = (rt: Runtime, threshold: number): void => {
      if (rt.declared !== null || rt.k === 0 || rt.acc === 0) return;
      const a = rt.acc * Math.exp(-rt.k * Math.max(0, t - rt.at));
      const s = logit(threshold) - rt.def.prior;
      // Decay moves the score toward the prior; it crosses the threshold only if that lies between.
      if (Math.sign(a) !== Math.sign(s) || Math.abs(a) <= Math.abs(s) || s === 0) return;
      const when = t + Math.log(a / s) / rt.k;
      if (earliest === null || when < earliest) earliest = when;
    };
    for (const rt of runtimes) consider(rt, model.topThreshold);
    for (const step of model.steps) {
      if (!stepStatus.has(step.id)) consider(runtimes[step.intentIndex]!, step.minConfidence);
    }
    return earliest === null ? null : Math.ceil(earliest);
  };

  return {
    model,
    store,
    track,
    batch: (fn) => {
      batchDepth++;
      try {
        fn();
      } finally {
        if (--batchDepth === 0) flush();
      }
    },
    declare: (intent, value) => track({ type: 'declare', target: intent, data: { value } }),
    dismissStep: (id) => track({ type: 'step-dismiss', target: id }),
    completeStep: (id) => track({ type: 'step-complete', target: id }),
    belief: (intent, at) => buildBelief(runtimeOf(intent), at ?? clock()),
    trail: (intent, at) => {
      const rt = runtimeOf(intent);
      const t = at ?? clock();
      const out: TrailEntry[] = [];
      for (let n = 0; n < rt.trailSize; n++) {
        const i = (rt.trailNext - rt.trailSize + n + trailSize) % trailSize;
        const applied = rt.trailValue[i]!;
        out.push({
          rule: ruleName(rt.def, rt.trailRule[i]!)[0],
          signal: rt.trailSignal[i]!,
          applied,
          contribution: applied * Math.exp(-rt.k * Math.max(0, t - rt.trailRef[i]!)),
        });
      }
      return out;
    },
    explain: (intent, at) => explainBelief(buildBelief(runtimeOf(intent), at ?? clock())),
    refresh,
    nextChangeAt,
    history: () => history.toArray(),
    onSignal: (listener) => {
      signalListeners.add(listener);
      return () => {
        signalListeners.delete(listener);
      };
    },
    serialize: () => {
      const t = clock();
      const intents: Record<string, PersistedState['intents'][string]> = {};
      for (const rt of runtimes) {
        const rules: Record<string, PersistedState['intents'][string]['rules'][string]> = {};
        rt.records.forEach((rec, slot) => {
          if (!rec) return;
          // Stored at the intent's reference time so one `at` describes every rule.
          const base = [
            rec.acc * Math.exp(-rt.k * (rt.at - rec.ref)),
            rec.count,
            rec.lastAt,
          ] as const;
          const sig = rec.signal;
          rules[ruleName(rt.def, slot)[0]] = !sig
            ? base
            : sig.target === undefined
              ? [...base, sig.type]
              : [...base, sig.type, sig.target];
        });
        intents[rt.def.id] = {
          at: rt.at,
          count: rt.count,
          last: rt.last,
          declared: rt.declared,
          rules,
        };
      }
      return { v: 1, at: t, intents, steps: Object.fromEntries(stepStatus) };
    },
    reset: () => {
      runtimes = model.intents.map(makeRuntime);
      clearSteps();
      history.clear();
      const t = clock();
      const beliefs = initialBeliefs(t);
      store.setState(
        {
          beliefs,
          top: pickTop(beliefs, null),
          nextStep: pickStep(beliefs, null, null),
          steps: stepsRecord(),
          asOf: t,
        },
        true,
      );
    },
    stats,
  };
}
