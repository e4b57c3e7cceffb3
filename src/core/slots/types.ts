import type { Belief, IntentState } from '../engine';
import type { Messages } from '../messages';
import type { RegisteredIntent } from '../register';
import type { Signal } from '../signal';

/** One variant of a slot: what it is for, in words a product team reads. */
export interface VariantSpec {
  /**
   * Intents this variant serves (for the intent-match and bandit policies). Typed by the model in
   * `Register`, so a typo fails to compile. @defaultValue `[]`
   */
  readonly intents?: readonly RegisteredIntent[];
  /** Shown in explanations. @defaultValue the variant id */
  readonly label?: string;
  /** The generalized experience everyone sees when nothing specific applies. @defaultValue the first variant */
  readonly fallback?: boolean;
}

/** A slot as the hub sees it after registration. */
export interface ResolvedSlot {
  readonly id: string;
  /** Variant ids in declaration order. */
  readonly ids: readonly string[];
  readonly variants: { readonly [id: string]: VariantSpec };
  readonly fallback: string;
}

/** Why a decision was made, one line each, for people (devtools, auditors, end users). */
export interface DecisionEvidence {
  readonly label: string;
  /** A confidence, count or weight behind the line, when there is one. */
  readonly value?: number;
  /** Clock time of the latest signal behind the line. */
  readonly at?: number;
  /** For devtools and audits only (rule numbers, counts, buckets): `<WhyThis>` leaves it out. */
  readonly internal?: boolean;
}

/** How an experiment (or a holdout) placed this unit. */
export interface Assignment {
  /** The stable anonymous unit id that was hashed. */
  readonly unit: string;
  /** Position in [0, 1) from the hash of unit, slot and salt. */
  readonly bucket: number;
  readonly salt: string;
  /** `true` when the unit is in the holdout that sees the fallback. */
  readonly holdout: boolean;
  /** `true` when the assignment was read back from storage. */
  readonly sticky?: boolean;
}

/** What a policy answers for a slot; the hub completes it into the `Decision` it publishes. */
export interface PolicyAnswer {
  readonly variant: string;
  /** Human-readable, for end users ("You seem to be comparing plans"). */
  readonly reason: string;
  readonly evidence?: readonly DecisionEvidence[];
  readonly assignment?: Assignment | null;
  /** Names the policy that actually chose, when a composite delegated. */
  readonly policy?: string;
  /** Top intent the choice was made for (bandits learn per intent). */
  readonly intent?: string | null;
  /** The reason describes `intent`'s belief: explanations read the live belief instead of this text. */
  readonly describesIntent?: boolean;
}

/** The chosen variant of a slot and everything needed to explain and measure it. */
export interface Decision<V extends string = string> {
  readonly slot: string;
  readonly variant: V;
  readonly policy: string;
  readonly reason: string;
  readonly evidence: readonly DecisionEvidence[];
  readonly assignment: Assignment | null;
  /** `true` when the fallback is shown (nothing applied, holdout, or an error). */
  readonly fallback: boolean;
  readonly intent: string | null;
  /** The reason describes `intent`'s belief, so `<WhyThis>` explains the live belief. */
  readonly describesIntent: boolean;
  /** Clock time of the decision. */
  readonly at: number;
}

/**
 * What a policy may look at. Everything is read lazily, so cheap policies stay cheap. Valid while
 * `decide` and `nextChangeAt` run: the hub reuses one context for the slots it asks together.
 */
export interface PolicyContext {
  readonly state: IntentState;
  /** Beliefs sorted by confidence, highest first. */
  ranked(): readonly Belief[];
  /** Accepted signals still in history, oldest first. */
  history(): readonly Signal[];
  /**
   * Stable anonymous unit id, or `null` before one is known (server render without one), without
   * consent to personalize, and for policies that asked for none: only `experiment()`,
   * `withHoldout()`, `bandit()`, `analytics()` and policies wrapped in `withUnit()` get one.
   */
  readonly unit: string | null;
  readonly now: number;
  /** Key/value storage when consent allows persisting, else `null`. */
  readonly storage: KeyValueStorage | null;
  /**
   * An intent's confidence now, read without building the state (`NaN` for an unknown intent):
   * what a policy that only compares confidences should read. Absent in hand-made contexts; fall
   * back to `state.beliefs`.
   */
  confidence?(intent: string): number;
  /** One intent's belief, built without the rest of the state. Absent in hand-made contexts. */
  belief?(intent: string): Belief | undefined;
  /**
   * The decision on screen now, so a policy can keep its reason when nothing changed; returned as
   * the answer, it keeps the decision as it is.
   */
  readonly previous: Decision | null;
  /**
   * The app's replacements for sentences said to users (the client's `messages`, as given,
   * unchecked); built-in policies put them over their English defaults. @defaultValue none
   */
  readonly messages?: Partial<Messages>;
  /**
   * State a policy keeps current signal by signal for this engine instead of rescanning history:
   * `make` (the key, so keep it stable) runs once per connected hub and again whenever the hub
   * rebuilds (engine reset, decay, a batch), then `add` sees every accepted signal. Absent in
   * hand-made contexts; fall back to `history()`.
   */
  follow?<T extends SignalFollower>(
    make: (history: () => readonly Signal[], historySize: number) => T,
  ): T;
}

/** Per-engine state fed by each accepted signal; see `PolicyContext.follow`. */
export interface SignalFollower {
  add(signal: Signal): void;
}

/** The one small interface any team can implement to choose variants. */
export interface Policy {
  /** Shown in decisions, `data-policy` and events. */
  readonly name: string;
  decide(slot: ResolvedSlot, context: PolicyContext): PolicyAnswer;
  /** Decisions may change on any accepted signal, not only on belief changes. @defaultValue `false` */
  readonly watchesSignals?: boolean;
  /**
   * The intents whose beliefs alone decide this slot: the hub re-decides only when one of them
   * changes. @defaultValue re-decide on every new state
   */
  reads?(slot: ResolvedSlot): readonly string[];
  /**
   * When the answer just given may change by time passing alone, with no new signal or belief
   * change (a signal leaving a counting window): a clock time later than `context.now`, or `null`
   * for never. The connected hub asks right after each `decide`, with the same slot and context,
   * and re-decides the slot then (a seen variant still stays put until navigation unless the slot
   * is `live`). Waking early only costs a `decide`; waking late shows a stale variant. Belief
   * decay is scheduled by the engine, not here. @defaultValue only signals and beliefs change it
   */
  nextChangeAt?(slot: ResolvedSlot, context: PolicyContext): number | null;
  /** Called when a chosen variant was seen (`reward` undefined) or converted (`reward` 1). */
  learn?(feedback: Feedback): void;
}

/** What the hub tells a learning policy. */
export interface Feedback {
  readonly slot: string;
  readonly variant: string;
  readonly intent: string | null;
  readonly kind: 'exposure' | 'outcome';
}

/** The subset of `Storage` the library uses, so any store (memory, cookie-backed) fits. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
