/**
 * The objects the store publishes. They keep the public shape as own fields and reach back to
 * the engine's state through symbol keys, so what few callers read (evidence, `why`) is built on
 * first read instead of for every signal.
 */
import { evidenceList, explainStep } from './explain';
import type { CoreMessages } from './messages';
import type { CompiledStep } from './model';
import type { RuleRecords, Runtime } from './runtime';
import { scoreAt } from './schedule';
import { logistic } from './scoring';
import type { Belief, Evidence, NextStep } from './types';

// Snapshot internals are symbol-keyed: own fields stay the public shape (keys, JSON, spreads),
// and unlike private fields they cost nothing extra when compiled for older targets.
const HIDDEN = /* @__PURE__ */ Symbol();
const RECORDS = /* @__PURE__ */ Symbol();
// Evidence lists once read, so a snapshot answers with the same list; few snapshots are read.
const memo = /* @__PURE__ */ new WeakMap<object, readonly Evidence[]>();

// A snapshot computes its evidence list on first read: most are only asked for their confidence.
export class BeliefSnapshot<I extends string> implements Belief<I> {
  declare readonly intent: I;
  declare readonly label: string;
  declare readonly score: number;
  declare readonly confidence: number;
  declare readonly declared: boolean | null;
  declare readonly observations: number;
  declare readonly lastEvidenceAt: number | null;
  declare readonly asOf: number;
  declare readonly satisfiedUntil: number | null;
  declare readonly [HIDDEN]: Runtime;
  declare readonly [RECORDS]: RuleRecords;

  /**
   * `rt` gives the intent and its evidence records; the numbers are what the engine published for
   * it, so a snapshot built after more evidence arrived (read later, in a batch) still describes
   * its publish. `satisfiedUntil` is `-Infinity` and `last` is `NaN` for none.
   */
  constructor(
    rt: Runtime,
    score: number,
    declared: boolean | null,
    observations: number,
    last: number,
    asOf: number,
    satisfiedUntil: number,
  ) {
    this.intent = rt.def.id as I;
    this.label = rt.def.label;
    this.score = score;
    this.confidence = declared === null ? logistic(score) : +declared;
    this.declared = declared;
    this.observations = observations;
    this.lastEvidenceAt = Number.isNaN(last) ? null : last;
    this.asOf = asOf;
    this.satisfiedUntil = satisfiedUntil > asOf ? satisfiedUntil : null;
    this[HIDDEN] = rt;
    this[RECORDS] = rt.records;
    rt.shared = true;
  }

  /** The intent's belief computed from its live state at `t`. */
  static at<I extends string>(rt: Runtime, t: number): BeliefSnapshot<I> {
    return new BeliefSnapshot(
      rt,
      scoreAt(rt, t),
      rt.declared,
      rt.count,
      rt.last,
      t,
      rt.retiredUntil,
    );
  }

  get evidence(): readonly Evidence[] {
    let list = memo.get(this);
    if (!list) {
      const rt = this[HIDDEN];
      list = evidenceList(rt.def, rt.k, this[RECORDS], this.asOf);
      memo.set(this, list);
    }
    return list;
  }

  toJSON(): Belief<I> {
    // Own fields plus the lazily built evidence, so logs and devtools see the whole belief.
    return { ...this, evidence: this.evidence };
  }
}

export class StepSnapshot<I extends string, S extends string> implements NextStep<I, S> {
  declare readonly id: S;
  declare readonly intent: I;
  declare readonly label: string;
  declare readonly priority: number;
  declare readonly confidence: number;
  declare readonly [HIDDEN]: Belief<I>;
  declare readonly [RECORDS]: CoreMessages;

  constructor(step: CompiledStep, belief: Belief<I>, messages: CoreMessages) {
    this.id = step.id as S;
    this.intent = step.intent as I;
    this.label = step.label;
    this.priority = step.priority;
    this.confidence = belief.confidence;
    this[HIDDEN] = belief;
    this[RECORDS] = messages;
  }

  /** Whether this snapshot already describes `step` for `belief`, so it can be kept as is. */
  describes(step: CompiledStep, belief: Belief<I>): boolean {
    return this.id === step.id && this[HIDDEN] === belief;
  }

  get why(): string {
    return explainStep(this.label, this[HIDDEN], this[RECORDS]);
  }

  toJSON(): NextStep<I, S> {
    return { ...this, why: this.why };
  }
}
