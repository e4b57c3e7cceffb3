/** Public shapes of the engine, apart from the engine so its parts can share them. */

import type { StoreApi } from 'zustand/vanilla';
import type { CoreMessages } from './messages';
import type { Model } from './model';
import type { TrailRecorder } from './runtime';
import type { DropReason, Signal, SignalInput } from './signal';
import type { StateCodec } from './state';

/** One source of evidence behind a belief, with its contribution after decay. */
export interface Evidence {
  /** Rule id (`"dismissed"` for dismissed steps). */
  readonly rule: string;
  readonly label: string;
  /** The model gave this rule a label of its own: plain language, fit for end users. */
  readonly labelled: boolean;
  /** Log-odds this rule adds now, after decay and its `maxContribution`. Negative for contradicting evidence. */
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
  /** Until when the intent is retired because its `satisfiedBy` happened, else `null`. */
  readonly satisfiedUntil: number | null;
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
  /** Log-odds applied at `signal.at` (within the rule's `maxContribution`). */
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
      /** Retired until this time (`satisfiedBy`). */
      readonly satisfiedUntil?: number;
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
  historySize?: number | undefined;
  /** Keeps recent evidence events per intent for `trail()` (`trails()`). @defaultValue none: `trail()` answers `[]` */
  trails?: TrailRecorder | undefined;
  /** Start from persisted or server state instead of priors (needs `codec`). */
  initialState?: PersistedState | undefined;
  /** Writes and joins saved state; without it `serialize` throws and `restore` refuses. @defaultValue none */
  codec?: StateCodec | undefined;
  /** The time the first state is dated, so creating an engine need not read the clock. @defaultValue `clock()` */
  startAt?: number;
  /** Runs on every valid signal before it is stored: redact or return `null` to drop it. */
  beforeSignal?: (signal: Signal) => Signal | null;
  /** Receives errors from bad input or throwing callbacks, once per kind. @defaultValue a development-only `console.warn` */
  onError?: ((error: Error) => void) | undefined;
  /** Sentences for end users (a next step's `why`). @defaultValue English */
  messages?: CoreMessages;
}

export interface IntentEngine<I extends string = string, S extends string = string> {
  readonly model: Model<I, S>;
  /**
   * Zustand vanilla store with the published state. The state object is built when first read
   * after a publish; its subscribers get it (and the previous one) after every publish.
   */
  readonly store: Pick<StoreApi<IntentState<I, S>>, 'getState' | 'getInitialState' | 'subscribe'>;
  /** Called after every publish, without building the state: the per-signal path. */
  subscribe(listener: () => void): () => void;
  /** Publishes so far: a reader that saw this number has seen the current state. */
  generation(): number;
  /** The published belief of the intent at model index `index`, as the state has it. */
  published(index: number): Belief<I> | undefined;
  /** Model index of the published top intent, or -1. */
  topIndex(): number;
  /** Index in `model.steps` of the published next step, or -1. */
  stepIndex(): number;
  /** The model index of `intent`, or -1. */
  indexOf(intent: string): number;
  /**
   * Per intent, in model order: a number that changes whenever its published belief changes.
   * Read only; typed, so the per-signal path reads numbers without building beliefs.
   */
  readonly versions: Uint32Array;
  /** Per intent, in model order: the published confidence. Read only. */
  readonly confidences: Float64Array;
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
  /** Recompute every belief at `at` (default now) and publish what changed (decay). */
  refresh(at?: number): void;
  /** Earliest time decay will change the top intent or the next step, or `null`. */
  nextChangeAt(at?: number, changedOnly?: boolean): number | null;
  /**
   * `nextChangeAt`, written to `out[0]` (`Infinity` for none), so the per-signal path boxes no time.
   * When `out` has a second slot it must hold the time a timer is already armed for: crossings
   * that cannot come before it are left to that timer's own look, which must pass no such slot.
   */
  nextChangeInto(at: number, changedOnly: boolean, out: Float64Array): void;
  /** Some intent has counted evidence since creation or the last reset. */
  observed(): boolean;
  /** Accepted signals still in history, oldest first. */
  history(): Signal[];
  /** How many signals history keeps (`historySize`). */
  readonly historySize: number;
  /** Called after each accepted signal. Returns an unsubscribe function. */
  onSignal(listener: (signal: Signal) => void): () => void;
  /** Throws without a codec (given at creation or by `setCodec`). */
  serialize(): PersistedState;
  /** Gives the engine its save/restore code (the first codec stays). */
  setCodec(codec: StateCodec): void;
  /**
   * Adds saved state (an earlier visit's) to what this engine has seen since it was created or
   * reset, as if it had been the initial state: for consent granted after mount. Evidence is
   * summed per rule within the rule's `maxContribution`; what the user declared or did with steps
   * on this page wins. Returns `false`, changing nothing, when the state is not a version 1 state
   * or a saved state (or `initialState`) was already added since creation or `reset()`.
   */
  restore(state: PersistedState): boolean;
  /** Forget all evidence, declarations, step states and history. */
  reset(): void;
  readonly stats: Readonly<EngineStats>;
}
