import type { Signal, SignalValue } from './signal';

/** Numeric range on a signal's data field; all given bounds must hold. */
export interface DataRange {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}

/** A value to equal, a list of allowed values, or a numeric range. */
export type DataCondition = SignalValue | readonly SignalValue[] | DataRange;

/** Which signals a rule counts. Every given field must match. */
export interface SignalMatch {
  /** Signal type, or several. */
  type: string | readonly string[];
  /** Exact target, several, or a prefix ending in `*` (`"size-*"`). */
  target?: string | readonly string[];
  /** Conditions on `signal.data` fields. An array value in the signal matches if any item does. */
  data?: { readonly [field: string]: DataCondition };
}

/** How a numeric data field scales a rule's weight. */
export interface WeightScale {
  /** The `signal.data` field to read; a missing or non-numeric field contributes 0. */
  field: string;
  /** @defaultValue `'linear'` */
  transform?: 'linear' | 'log1p' | 'sqrt';
  /** Multiplies the field before the transform (e.g. `0.001` for ms to s). @defaultValue `1` */
  scale?: number;
  /** Upper bound on the transformed value. @defaultValue no bound */
  max?: number;
}

/** How one kind of signal counts toward an intent. */
export interface EvidenceRule {
  /** Stable name used in explanations and model files. @defaultValue derived from `when` */
  id?: string;
  /** Human-readable description for "why" texts ("opened the size guide"). @defaultValue the id */
  label?: string;
  when: SignalMatch;
  /** Log-odds added per matching signal; negative for contradicting evidence. A function may depend on the signal. */
  weight: number | ((signal: Signal) => number);
  /** Multiply the weight by a transformed numeric field of the signal (JSON-friendly alternative to a function). */
  per?: WeightScale;
  /** Bound on this rule's live (decayed) contribution, in absolute log-odds. @defaultValue no cap */
  cap?: number;
}

/** An intent the app cares about and the evidence for it. */
export interface IntentDefinition {
  /** Shown in explanations. @defaultValue the intent id */
  label?: string;
  /** Log-odds with no evidence. @defaultValue `-2` (confidence ≈ 0.12) */
  prior?: number;
  /** Milliseconds after which evidence counts half. `Infinity` disables decay. @defaultValue `300000` (5 min) */
  halfLife?: number;
  /** Log-odds added when a step of this intent is dismissed: the whole intent drops, not just the step. @defaultValue `-1.5` */
  dismissWeight?: number;
  evidence: readonly EvidenceRule[];
}

/** Guidance tied to an intent. */
export interface StepDefinition<I extends string = string> {
  id: string;
  intent: I;
  /** Confidence of `intent` needed before the step can be shown. @defaultValue `0.6` */
  minConfidence?: number;
  /** Higher wins over confidence; equal priorities are ranked by confidence. @defaultValue `0` */
  priority?: number;
  /** Short text for the step (apps usually render their own UI from the id). */
  label?: string;
}

export interface ModelDefinition<I extends string = string> {
  intents: { readonly [K in I]: IntentDefinition };
  steps?: readonly StepDefinition<I>[];
  /** Confidence an intent needs to be the top intent. @defaultValue `0.5` */
  topThreshold?: number;
  /** How much more confident a challenger must be to replace the current top intent or a shown step of equal priority. @defaultValue `0.1` */
  switchMargin?: number;
}

export interface CompiledRule {
  readonly id: string;
  readonly label: string;
  readonly intentIndex: number;
  readonly ruleIndex: number;
  readonly rule: EvidenceRule;
  readonly matches: (signal: Signal) => boolean;
  readonly weightOf: (signal: Signal) => number;
}

export interface CompiledIntent {
  readonly id: string;
  readonly label: string;
  readonly prior: number;
  readonly halfLife: number;
  readonly dismissWeight: number;
  readonly rules: readonly CompiledRule[];
}

export interface CompiledStep {
  readonly id: string;
  readonly intent: string;
  readonly intentIndex: number;
  readonly minConfidence: number;
  readonly priority: number;
  readonly label: string;
}

/** A validated model. `I` are the intent ids and `S` the step ids, so typos fail to compile. */
export interface Model<I extends string = string, S extends string = string> {
  readonly intentIds: readonly I[];
  readonly stepIds: readonly S[];
  readonly topThreshold: number;
  readonly switchMargin: number;
  readonly intents: readonly CompiledIntent[];
  readonly steps: readonly CompiledStep[];
  /** Rules indexed by signal type, so a signal only meets the rules that can match it. */
  readonly rulesByType: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly definition: ModelDefinition<I>;
}

export class ModelError extends Error {
  override name = 'ModelError';
}

const DEFAULT_PRIOR = -2;
const DEFAULT_HALF_LIFE = 300_000;
const DEFAULT_DISMISS = -1.5;
const DEFAULT_MIN_CONFIDENCE = 0.6;
const DEFAULT_TOP_THRESHOLD = 0.5;

function isRange(c: DataCondition): c is DataRange {
  return typeof c === 'object' && c !== null && !Array.isArray(c);
}

function valueMatches(v: SignalValue, c: DataCondition): boolean {
  if (Array.isArray(c)) return c.includes(v);
  if (isRange(c)) {
    if (typeof v !== 'number') return false;
    return (
      (c.gte === undefined || v >= c.gte) &&
      (c.gt === undefined || v > c.gt) &&
      (c.lte === undefined || v <= c.lte) &&
      (c.lt === undefined || v < c.lt)
    );
  }
  return v === c;
}

function targetMatcher(t: string | readonly string[]): (target: string | undefined) => boolean {
  const list = typeof t === 'string' ? [t] : t;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const item of list) {
    if (item.endsWith('*')) prefixes.push(item.slice(0, -1));
    else exact.add(item);
  }
  return (target) => {
    if (target === undefined) return false;
    if (exact.has(target)) return true;
    for (const p of prefixes) if (target.startsWith(p)) return true;
    return false;
  };
}

function compileMatch(when: SignalMatch): (signal: Signal) => boolean {
  const target = when.target === undefined ? null : targetMatcher(when.target);
  const data = when.data ? Object.entries(when.data) : null;
  return (signal) => {
    if (target && !target(signal.target)) return false;
    if (data) {
      const d = signal.data;
      if (!d) return false;
      for (const [field, cond] of data) {
        const v = d[field];
        if (v === undefined) return false;
        if (Array.isArray(v)) {
          if (!v.some((item: SignalValue) => valueMatches(item, cond))) return false;
        } else if (!valueMatches(v as SignalValue, cond)) return false;
      }
    }
    return true;
  };
}

function compileWeight(rule: EvidenceRule): (signal: Signal) => number {
  const base = rule.weight;
  const per = rule.per;
  const raw: (signal: Signal) => number = typeof base === 'function' ? base : () => base;
  if (!per) return raw;
  const scale = per.scale ?? 1;
  const max = per.max ?? Number.POSITIVE_INFINITY;
  const transform = per.transform ?? 'linear';
  return (signal) => {
    const v = signal.data?.[per.field];
    if (typeof v !== 'number') return 0;
    let x = v * scale;
    if (transform === 'log1p') x = Math.log1p(Math.max(0, x));
    else if (transform === 'sqrt') x = Math.sqrt(Math.max(0, x));
    return raw(signal) * Math.min(x, max);
  };
}

function describeMatch(when: SignalMatch): string {
  const types = typeof when.type === 'string' ? when.type : when.type.join('|');
  const target =
    when.target === undefined
      ? ''
      : `:${typeof when.target === 'string' ? when.target : when.target.join('|')}`;
  const data = when.data
    ? `{${Object.entries(when.data)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}}`
    : '';
  return `${types}${target}${data}`;
}

function finite(value: unknown, where: string, what: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new ModelError(
      `intentful: ${where}: ${what} must be a number, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Validates a model and compiles its rules. Throws a `ModelError` naming the intent, rule and
 * field that is wrong, so a bad model fails at startup rather than silently at runtime.
 * Accepts JSON (e.g. a calibrated model file) as well as code.
 */
export function defineModel<
  const I extends string,
  const S extends readonly StepDefinition<NoInfer<I>>[] = readonly [],
>(definition: {
  intents: { readonly [K in I]: IntentDefinition };
  steps?: S;
  topThreshold?: number;
  switchMargin?: number;
}): Model<I, S[number]['id']> {
  if (typeof definition !== 'object' || definition === null) {
    throw new ModelError('intentful: a model needs an `intents` object');
  }
  const intentEntries = Object.entries(definition.intents ?? {}) as [I, IntentDefinition][];
  if (intentEntries.length === 0)
    throw new ModelError('intentful: a model needs at least one intent');
  const intentIndex = new Map<string, number>();
  const rulesByType = new Map<string, CompiledRule[]>();
  const intents: CompiledIntent[] = intentEntries.map(([id, def], index) => {
    const where = `intent "${id}"`;
    if (typeof def !== 'object' || def === null)
      throw new ModelError(`intentful: ${where} must be an object`);
    const halfLife =
      def.halfLife === undefined ? DEFAULT_HALF_LIFE : finite(def.halfLife, where, 'halfLife');
    if (halfLife <= 0)
      throw new ModelError(`intentful: ${where}: halfLife must be > 0 ms, got ${halfLife}`);
    if (!Array.isArray(def.evidence))
      throw new ModelError(`intentful: ${where}: evidence must be an array`);
    intentIndex.set(id, index);
    const usedIds = new Set<string>();
    const rules = def.evidence.map((rule: EvidenceRule, ruleIndex: number): CompiledRule => {
      const rwhere = `${where}, evidence[${ruleIndex}]`;
      if (
        typeof rule !== 'object' ||
        rule === null ||
        typeof rule.when !== 'object' ||
        rule.when === null
      ) {
        throw new ModelError(`intentful: ${rwhere}: needs a \`when\` object`);
      }
      const types = typeof rule.when.type === 'string' ? [rule.when.type] : rule.when.type;
      if (
        !Array.isArray(types) ||
        types.length === 0 ||
        types.some((t) => typeof t !== 'string' || !t)
      ) {
        throw new ModelError(
          `intentful: ${rwhere}: when.type must be a signal type or a non-empty list`,
        );
      }
      if (typeof rule.weight !== 'function') finite(rule.weight, rwhere, 'weight');
      if (rule.cap !== undefined && !(finite(rule.cap, rwhere, 'cap') > 0)) {
        throw new ModelError(`intentful: ${rwhere}: cap must be > 0, got ${rule.cap}`);
      }
      if (rule.per !== undefined && typeof rule.per.field !== 'string') {
        throw new ModelError(`intentful: ${rwhere}: per.field must name a data field`);
      }
      let ruleId = rule.id ?? describeMatch(rule.when);
      if (usedIds.has(ruleId)) ruleId = `${ruleId}#${ruleIndex}`;
      usedIds.add(ruleId);
      const compiled: CompiledRule = {
        id: ruleId,
        label: rule.label ?? ruleId,
        intentIndex: index,
        ruleIndex,
        rule,
        matches: compileMatch(rule.when),
        weightOf: compileWeight(rule),
      };
      for (const t of types) {
        const list = rulesByType.get(t);
        if (list) list.push(compiled);
        else rulesByType.set(t, [compiled]);
      }
      return compiled;
    });
    return {
      id,
      label: def.label ?? id,
      prior: def.prior === undefined ? DEFAULT_PRIOR : finite(def.prior, where, 'prior'),
      halfLife,
      dismissWeight:
        def.dismissWeight === undefined
          ? DEFAULT_DISMISS
          : finite(def.dismissWeight, where, 'dismissWeight'),
      rules,
    };
  });
  const stepIds = new Set<string>();
  const steps: CompiledStep[] = (definition.steps ?? []).map((step, i) => {
    const where = `step ${typeof step?.id === 'string' ? `"${step.id}"` : `[${i}]`}`;
    if (typeof step?.id !== 'string' || !step.id)
      throw new ModelError(`intentful: ${where}: needs an id`);
    if (stepIds.has(step.id)) throw new ModelError(`intentful: ${where}: duplicate step id`);
    stepIds.add(step.id);
    const index = intentIndex.get(step.intent);
    if (index === undefined) {
      throw new ModelError(
        `intentful: ${where}: unknown intent "${String(step.intent)}" (known: ${[...intentIndex.keys()].join(', ')})`,
      );
    }
    const minConfidence =
      step.minConfidence === undefined
        ? DEFAULT_MIN_CONFIDENCE
        : finite(step.minConfidence, where, 'minConfidence');
    if (minConfidence <= 0 || minConfidence >= 1) {
      throw new ModelError(
        `intentful: ${where}: minConfidence must be between 0 and 1 (exclusive)`,
      );
    }
    return {
      id: step.id,
      intent: step.intent,
      intentIndex: index,
      minConfidence,
      priority: step.priority === undefined ? 0 : finite(step.priority, where, 'priority'),
      label: step.label ?? step.id,
    };
  });
  const topThreshold =
    definition.topThreshold === undefined
      ? DEFAULT_TOP_THRESHOLD
      : finite(definition.topThreshold, 'model', 'topThreshold');
  const switchMargin =
    definition.switchMargin === undefined
      ? 0.1
      : finite(definition.switchMargin, 'model', 'switchMargin');
  if (switchMargin < 0) throw new ModelError('intentful: model: switchMargin must be >= 0');
  return {
    intentIds: intents.map((i) => i.id as I),
    stepIds: steps.map((s) => s.id as S[number]['id']),
    topThreshold,
    switchMargin,
    intents,
    steps,
    rulesByType,
    definition: definition as ModelDefinition<I>,
  };
}

/** Intent ids of a model type. */
export type IntentOf<M> = M extends Model<infer I, string> ? I : never;
/** Step ids of a model type. */
export type StepOf<M> = M extends Model<string, infer S> ? S : never;
