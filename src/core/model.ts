import { compileScale, compileWeight, type Scale } from './scoring';
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
export interface ScaleBy {
  /** The `signal.data` field to read; a missing or non-numeric field contributes 0. */
  field: string;
  /** @defaultValue `'linear'` */
  transform?: 'linear' | 'log1p' | 'sqrt';
  /** Multiplies the field before the transform (e.g. `0.001` for ms to s). @defaultValue `1` */
  factor?: number;
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
  scaleBy?: ScaleBy;
  /** Bound on this rule's live (decayed) contribution, in absolute log-odds. @defaultValue no bound */
  maxContribution?: number;
}

/** An intent the app cares about and the evidence for it. */
export interface IntentDefinition {
  /** Shown in explanations. @defaultValue the intent id */
  label?: string;
  /** Log-odds with no evidence. @defaultValue `-2` (confidence ≈ 0.12) */
  prior?: number;
  /** Milliseconds after which evidence counts half. `Infinity` disables decay. @defaultValue `300000` (5 min) */
  halfLife?: number;
  /** Log-odds added when a step or slot variant of this intent is dismissed ("not for me"): the whole intent drops, not just what was shown. @defaultValue `-1.5` */
  dismissWeight?: number;
  evidence: readonly EvidenceRule[];
  /**
   * Signals that mean the user got what they came for (a purchase, a booking): the intent retires
   * for `satisfiedFor`: its evidence is cleared and new evidence does not count, so the app stops
   * offering more of what was just done. @defaultValue never satisfied
   */
  satisfiedBy?: SignalMatch | readonly SignalMatch[];
  /** How long a satisfied intent stays retired, in milliseconds. @defaultValue `3600000` (1 h) */
  satisfiedFor?: number;
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
  minLeadToSwitch?: number;
  /** What `intentful calibrate` recorded about the fit (data, metrics); the engine ignores it. @defaultValue none */
  calibration?: unknown;
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
  readonly satisfiedFor: number;
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

/** A rule as the index reaches it, with only what the index does not already guarantee. */
export interface IndexedRule {
  readonly rule: CompiledRule;
  /** The conditions left to test (data, target prefixes), or `null` when the rule matches. */
  readonly test: ((signal: Signal) => boolean) | null;
  /** The weight when it does not depend on the signal, else `null` (see `scale`). */
  readonly weight: number | null;
  /**
   * A numeric weight scaled by a data field: the engine applies it with `scaleInto` in its own loop.
   * `null` otherwise; then a `null` weight means a weight function (call `rule.weightOf`).
   */
  readonly scale: Scale | null;
}

/** The rules one signal type can reach, in model order. */
export interface RuleBucket {
  /** Rules for a signal whose target no exact-target rule names (or that has no target). */
  readonly any: readonly IndexedRule[];
  /** Per exact target: `any` plus the rules that name exactly this target. */
  readonly byTarget: ReadonlyMap<string, readonly IndexedRule[]>;
}

/** A validated model. `I` are the intent ids and `S` the step ids, so typos fail to compile. */
export interface Model<I extends string = string, S extends string = string> {
  readonly intentIds: readonly I[];
  readonly stepIds: readonly S[];
  readonly topThreshold: number;
  readonly minLeadToSwitch: number;
  readonly intents: readonly CompiledIntent[];
  readonly steps: readonly CompiledStep[];
  /** Rules indexed by signal type, so a signal only meets the rules that can match it. */
  readonly rulesByType: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Rules by signal type, then exact target: a signal only tests rules that can match it. */
  readonly ruleIndex: ReadonlyMap<string, RuleBucket>;
  /** Per signal type, the intents it can satisfy and the test a signal must pass. */
  readonly satisfiers: ReadonlyMap<
    string,
    readonly (readonly [intentIndex: number, test: (signal: Signal) => boolean])[]
  >;
  readonly definition: ModelDefinition<I>;
}

export class ModelError extends Error {
  override name = 'ModelError';
}

// In production a message keeps where the problem is and the field at fault; the sentence that
// says what is wrong is development-only, so every app does not ship it.
function fail(where: string, problem: string): never {
  throw new ModelError(`intentful: ${where}: ${problem}`);
}

// Fields renamed since earlier releases: an old model must fail loudly, not load without them.
const RENAMED: { readonly [old: string]: string } = {
  per: 'scaleBy',
  cap: 'maxContribution',
  switchMargin: 'minLeadToSwitch',
};
const RULE_KEYS = ['id', 'label', 'when', 'weight', 'scaleBy', 'maxContribution'];
const INTENT_KEYS = [
  'label',
  'prior',
  'halfLife',
  'dismissWeight',
  'evidence',
  'satisfiedBy',
  'satisfiedFor',
];
const MODEL_KEYS = ['intents', 'steps', 'topThreshold', 'minLeadToSwitch', 'calibration'];

/**
 * Ids become keys of plain objects (beliefs, stored state): one an object already has
 * (`constructor`, `toString`, `__proto__`) would read as present when it is not.
 */
export function ownName(id: string, where: string): void {
  if (id in Object.prototype)
    fail(
      where,
      process.env.NODE_ENV !== 'production'
        ? `"${id}" is a name every JavaScript object has; choose another id`
        : `reserved id "${id}"`,
    );
}

/**
 * A misspelt or renamed field would otherwise be ignored and silently change the model. Checked
 * in development only: the same model code runs there first, and production skips the tables.
 */
function known(value: unknown, where: string, keys: readonly string[]): void {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value))
    if (!keys.includes(key))
      fail(
        where,
        RENAMED[key]
          ? `\`${key}\` is now called \`${RENAMED[key]}\``
          : `unknown field \`${key}\` (known: ${keys.join(', ')})`,
      );
}

// [field, default (undefined: required), constraint]
type NumberSpec<K extends string> = readonly [
  key: K,
  fallback: number | undefined,
  ok?: (n: number) => boolean,
];

const positive = (n: number) => n > 0;
const nonNegative = (n: number) => n >= 0;

/** What each constrained field must be, said in development messages only. */
const NEED: { readonly [key: string]: string } | null =
  process.env.NODE_ENV !== 'production'
    ? {
        halfLife: '> 0 ms',
        satisfiedFor: '>= 0 ms',
        maxContribution: '> 0',
        minConfidence: 'between 0 and 1 (exclusive)',
        minLeadToSwitch: '>= 0',
      }
    : null;

/** Reads numeric fields by table; `NaN` and non-numbers are rejected, `Infinity` is allowed. */
function numbers<K extends string>(
  source: object,
  where: string,
  specs: readonly NumberSpec<K>[],
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const [key, fallback, ok] of specs) {
    const v = (source as Record<string, unknown>)[key];
    if (v === undefined && fallback !== undefined) out[key] = fallback;
    else if (typeof v !== 'number' || Number.isNaN(v) || (ok && !ok(v)))
      fail(
        where,
        process.env.NODE_ENV !== 'production'
          ? typeof v !== 'number' || Number.isNaN(v)
            ? `${key} must be a number, got ${JSON.stringify(v)}`
            : `${key} must be ${NEED?.[key]}, got ${v}`
          : `bad ${key}`,
      );
    else out[key] = v;
  }
  return out;
}

const INTENT_NUMBERS = [
  ['prior', -2],
  ['halfLife', 300_000, positive],
  ['dismissWeight', -1.5],
  ['satisfiedFor', 3_600_000, nonNegative],
] as const;
const MAX_CONTRIBUTION = [['maxContribution', Infinity, positive]] as const;
const WEIGHT = [['weight', undefined]] as const;
const STEP_NUMBERS = [
  ['minConfidence', 0.6, (n: number) => n > 0 && n < 1],
  ['priority', 0],
] as const;
const MODEL_NUMBERS = [
  ['topThreshold', 0.5],
  ['minLeadToSwitch', 0.1, nonNegative],
] as const;

/** A string or a non-empty list of non-empty strings, as a list; `null` when it is neither. */
function strings(value: unknown): readonly string[] | null {
  const list = typeof value === 'string' ? [value] : value;
  return Array.isArray(list) && list.length > 0 && list.every((t) => typeof t === 'string' && t)
    ? list
    : null;
}

type Test<T> = (value: T) => boolean;

const condition = (c: DataCondition): Test<SignalValue> => {
  if (Array.isArray(c)) return (v) => c.includes(v);
  if (typeof c !== 'object' || c === null) return (v) => v === c;
  // A missing bound compares as NaN, which never fails.
  const r = c as Record<keyof DataRange, number>;
  return (v) => typeof v === 'number' && !(v < r.gte || v <= r.gt || v > r.lte || v >= r.lt);
};

// One small test per condition, built once, so a signal meets no parsing or lookups.
function compileMatch(
  when: SignalMatch,
  targets: readonly string[] | null,
): [matches: Test<Signal>, rest: Test<Signal> | null] {
  const tests: Test<Signal>[] = [];
  if (targets) {
    const exact = new Set(targets.filter((t) => !t.endsWith('*')));
    const prefixes = targets.filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1));
    tests.push(
      prefixes.length
        ? ({ target: t }) =>
            t !== undefined && (exact.has(t) || prefixes.some((p) => t.startsWith(p)))
        : ({ target }) => exact.has(target as string),
    );
  }
  for (const [field, c] of Object.entries(when.data ?? {})) {
    const ok = condition(c);
    tests.push(({ data }) => {
      const v = data?.[field];
      return v !== undefined && (Array.isArray(v) ? v.some(ok) : ok(v as SignalValue));
    });
  }
  const all =
    (list: Test<Signal>[]): Test<Signal> =>
    (signal) => {
      for (let i = 0; i < list.length; i++) if (!list[i]!(signal)) return false;
      return true;
    };
  // The index only reaches an exact-target rule with one of its targets: only data is left.
  const rest = targets?.some((t) => t.endsWith('*')) ? tests : tests.slice(targets ? 1 : 0);
  return [all(tests), rest.length ? (rest.length > 1 ? all(rest) : rest[0]!) : null];
}

const describeMatch = ({ type, target, data }: SignalMatch): string =>
  [type].flat().join('|') +
  (target === undefined ? '' : `:${[target].flat().join('|')}`) +
  (data
    ? `{${Object.entries(data)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}}`
    : '');

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

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
  minLeadToSwitch?: number;
}): Model<I, S[number]['id']> {
  const intentEntries = Object.entries(
    (definition as { intents?: object } | null)?.intents ?? {},
  ) as [I, IntentDefinition][];
  if (process.env.NODE_ENV !== 'production') known(definition, 'model', MODEL_KEYS);
  if (intentEntries.length === 0) fail('model', 'needs at least one intent');
  const intentIndex = new Map<string, number>();
  const rulesByType = new Map<string, CompiledRule[]>();
  // Exact targets each type's rules name; a rule naming only exact targets skips other signals.
  const exactOnly = new Map<CompiledRule, readonly string[]>();
  const indexed = new Map<CompiledRule, IndexedRule>();
  const satisfiers = new Map<string, (readonly [number, Test<Signal>])[]>();
  const intents: CompiledIntent[] = intentEntries.map(([id, def], index) => {
    const where = `intent "${id}"`;
    ownName(id, where);
    if (typeof def !== 'object' || def === null) fail(where, 'must be an object');
    if (process.env.NODE_ENV !== 'production') known(def, where, INTENT_KEYS);
    const nums = numbers(def, where, INTENT_NUMBERS);
    if (!Array.isArray(def.evidence)) fail(where, 'evidence must be an array');
    intentIndex.set(id, index);
    const usedIds = new Set<string>();
    const rules = def.evidence.map((rule: EvidenceRule, ruleIndex: number): CompiledRule => {
      const rwhere = `${where}, evidence[${ruleIndex}]`;
      if (process.env.NODE_ENV !== 'production') known(rule, rwhere, RULE_KEYS);
      const when = (rule as Partial<EvidenceRule> | null)?.when;
      if (typeof when !== 'object' || when === null) fail(rwhere, 'needs a `when` object');
      const types = strings(when.type);
      if (!types)
        fail(
          rwhere,
          process.env.NODE_ENV !== 'production'
            ? 'when.type must be a signal type or a non-empty list'
            : 'bad when.type',
        );
      const targets = when.target === undefined ? null : strings(when.target);
      if (when.target !== undefined && !targets)
        fail(
          rwhere,
          process.env.NODE_ENV !== 'production'
            ? 'when.target must be a target or a non-empty list'
            : 'bad when.target',
        );
      if (typeof rule.weight !== 'function') numbers(rule, rwhere, WEIGHT);
      numbers(rule, rwhere, MAX_CONTRIBUTION);
      if (rule.scaleBy !== undefined && typeof rule.scaleBy?.field !== 'string')
        fail(
          rwhere,
          process.env.NODE_ENV !== 'production'
            ? 'scaleBy.field must name a data field'
            : 'bad scaleBy.field',
        );
      const [matches, test] = compileMatch(when, targets);
      let ruleId = rule.id ?? describeMatch(when);
      if (usedIds.has(ruleId)) ruleId = `${ruleId}#${ruleIndex}`;
      usedIds.add(ruleId);
      const compiled: CompiledRule = {
        id: ruleId,
        label: rule.label ?? ruleId,
        intentIndex: index,
        ruleIndex,
        rule,
        matches,
        weightOf: compileWeight(rule),
      };
      const numeric = typeof rule.weight === 'number';
      indexed.set(compiled, {
        rule: compiled,
        test,
        weight: numeric && !rule.scaleBy ? (rule.weight as number) : null,
        scale: numeric && rule.scaleBy ? compileScale(rule.scaleBy) : null,
      });
      for (const t of new Set(types as string[])) push(rulesByType, t, compiled);
      if (targets?.every((t) => !t.endsWith('*'))) exactOnly.set(compiled, targets);
      return compiled;
    });
    if (def.satisfiedBy !== undefined) {
      const list = Array.isArray(def.satisfiedBy) ? def.satisfiedBy : [def.satisfiedBy];
      list.forEach((when: SignalMatch, i: number) => {
        const swhere = `${where}, satisfiedBy[${i}]`;
        const types = strings((when as Partial<SignalMatch> | null)?.type);
        if (!types)
          fail(
            swhere,
            process.env.NODE_ENV !== 'production'
              ? 'type must be a signal type or a non-empty list'
              : 'bad type',
          );
        const targets = when.target === undefined ? null : strings(when.target);
        if (when.target !== undefined && !targets)
          fail(
            swhere,
            process.env.NODE_ENV !== 'production'
              ? 'target must be a target or a non-empty list'
              : 'bad target',
          );
        const [test] = compileMatch(when, targets);
        for (const t of new Set(types as string[])) push(satisfiers, t, [index, test] as const);
      });
    }
    return { id, label: def.label ?? id, ...nums, rules };
  });
  const ruleIndex = new Map<string, RuleBucket>();
  for (const [type, rules] of rulesByType) {
    const targets = new Set(rules.flatMap((r) => exactOnly.get(r) ?? []));
    const only = (t?: string) =>
      rules
        .filter((r) => exactOnly.get(r)?.includes(t as string) ?? true)
        .map((r) => indexed.get(r)!);
    ruleIndex.set(type, { any: only(), byTarget: new Map([...targets].map((t) => [t, only(t)])) });
  }
  const stepIds = new Set<string>();
  const steps: CompiledStep[] = (definition.steps ?? []).map((step, i) => {
    const id = (step as Partial<StepDefinition> | null)?.id;
    const where = `step ${typeof id === 'string' ? `"${id}"` : `[${i}]`}`;
    if (typeof id !== 'string' || !id) fail(where, 'needs an id');
    ownName(id as string, where);
    if (stepIds.has(id as string)) fail(where, 'duplicate step id');
    stepIds.add(id as string);
    const index = intentIndex.get(step.intent);
    if (index === undefined)
      fail(
        where,
        process.env.NODE_ENV !== 'production'
          ? `unknown intent "${String(step.intent)}" (known: ${[...intentIndex.keys()].join(', ')})`
          : `unknown intent "${String(step.intent)}"`,
      );
    return {
      id: step.id,
      intent: step.intent,
      intentIndex: index as number,
      ...numbers(step, where, STEP_NUMBERS),
      label: step.label ?? step.id,
    };
  });
  return {
    intentIds: intents.map((i) => i.id as I),
    stepIds: steps.map((s) => s.id as S[number]['id']),
    ...numbers(definition, 'model', MODEL_NUMBERS),
    intents,
    steps,
    rulesByType,
    ruleIndex,
    satisfiers,
    definition: definition as ModelDefinition<I>,
  };
}

/** Intent ids of a model type. */
export type IntentOf<M> = M extends Model<infer I, string> ? I : never;
/** Step ids of a model type. */
export type StepOf<M> = M extends Model<string, infer S> ? S : never;
