import type { RegisteredIntent } from '../register';
import type { Signal } from '../signal';
import { SlotError } from './error';
import { followers, withFeatures } from './features';
import { say } from './say';
import type {
  DecisionEvidence,
  Policy,
  PolicyAnswer,
  PolicyContext,
  ResolvedSlot,
  SignalFollower,
} from './types';

/** Signals counted in history: "opened sizing info twice". */
export interface SignalCount {
  type: string;
  /** Exact target, or a prefix ending in `*`. @defaultValue any target */
  target?: string;
  /** At least this many. @defaultValue `1` */
  min?: number;
  /** At most this many. @defaultValue no bound */
  max?: number;
  /**
   * Only signals from the last this many milliseconds. Time alone changes the count: the slot is
   * asked again when the oldest counted signal gets older than this. @defaultValue the whole history
   */
  within?: number;
}

/** Confidence bounds on one intent. */
export interface IntentCondition {
  /** Typed by the model in `Register`, so a typo fails to compile. */
  id: RegisteredIntent;
  /** @defaultValue `0.5` */
  min?: number;
  /** @defaultValue `1` */
  max?: number;
}

/**
 * Conditions a marketer can read; all given ones must hold. Facts come from history: page type
 * is `data.page` (or `pageType`) of the latest `page-view`, categories are `data.category` of
 * `page-view`s, the campaign is the latest `data.campaign` (or `utm_campaign`), and a return
 * visit is a `session` signal with `data.returning: true` (what the session collector sends);
 * a window in milliseconds needs `data.lastVisitAt` on that signal.
 */
export interface RuleConditions {
  pageType?: string | string[];
  /** Viewed any of these categories. */
  categoriesViewed?: string | string[];
  campaign?: string | string[];
  /**
   * `true`: a return visit; a number: returned within that many milliseconds of the last visit
   * (measured at the `session` signal, so it does not expire as the page stays open).
   */
  returning?: boolean | number;
  signals?: SignalCount[];
  intent?: IntentCondition | IntentCondition[];
}

/** One rule: when the conditions hold, show the variant. JSON-serializable. */
export interface Rule {
  variant: string;
  /** Said to the user as the reason ("Shown because you came from the spring campaign"). @defaultValue generated from the conditions */
  label?: string;
  /** @defaultValue always matches */
  when?: RuleConditions;
}

// Validation is a table of checks: each field names what it must be, so messages say where and why.
type Check = (v: unknown, path: string) => void;
type Test = (v: unknown) => boolean;

const fail = (path: string, must: string, got: unknown): never => {
  throw `rules${path}: ${must}, got ${JSON.stringify(got)}`;
};
const isObject: Test = (v) => typeof v === 'object' && v !== null;
const isString: Test = (v) => typeof v === 'string';
const isName: Test = (v) => isString(v) && v !== '';
const within =
  (lo: number, hi: number): Test =>
  (v) =>
    typeof v === 'number' && v >= lo && v <= hi;
const isCount: Test = (v) => typeof v === 'number' && v >= 0 && v <= Number.MAX_VALUE;
/** A leaf: skipped when absent unless `required`. */
const leaf =
  (test: Test, must: string, required?: boolean): Check =>
  (v, p) => {
    if ((required || v !== undefined) && !test(v)) fail(p, must, v);
  };
/** An object whose fields are checked; `strict` also rejects unknown fields and lists. */
const shape =
  (fields: { [key: string]: Check }, must = 'must be an object', strict?: boolean): Check =>
  (v, p) => {
    // An absent field is fine; an absent list item is not.
    if (v === undefined && !p.endsWith(']')) return;
    if (!isObject(v) || (strict && Array.isArray(v))) fail(p, must, v);
    const o = v as { [key: string]: unknown };
    if (strict)
      for (const k in o)
        if (!Object.hasOwn(fields, k))
          fail(`${p}.${k}`, `unknown condition (known: ${Object.keys(fields).join(', ')})`, o[k]);
    for (const k in fields) fields[k]!(o[k], `${p}.${k}`);
  };
const list =
  (item: Check, must: string, one?: boolean): Check =>
  (v, p) => {
    if (v === undefined && p) return;
    if (Array.isArray(v))
      v.forEach((x, i) => {
        item(x, `${p}[${i}]`);
      });
    else if (one) item(v, p);
    else fail(p, must, v);
  };

// Built on first use: calls at the top level would stay in every app bundle that shares this
// module's chunk, rules or not.
let whenCheck: Check | undefined;
const whenSchema = (): Check => (whenCheck ??= buildWhen());
function buildWhen(): Check {
  const COUNT = leaf(isCount, 'must be a number ≥ 0');
  const CONFIDENCE = leaf(within(0, 1), 'must be a confidence between 0 and 1');
  const STRINGS = leaf(
    (v) => isString(v) || (Array.isArray(v) && v.length > 0 && v.every(isString)),
    'must be a string or a non-empty list of strings',
  );
  return shape(
    {
      pageType: STRINGS,
      categoriesViewed: STRINGS,
      campaign: STRINGS,
      returning: leaf(
        (v) => typeof v === 'boolean' || isCount(v),
        'must be true/false or a window in milliseconds',
      ),
      signals: list(
        shape({
          type: leaf(isName, 'must be a signal type', true),
          target: leaf(isString, 'must be a string'),
          min: COUNT,
          max: COUNT,
          within: COUNT,
        }),
        'must be a list',
      ),
      intent: list(
        shape(
          { id: leaf(isName, 'must name an intent', true), min: CONFIDENCE, max: CONFIDENCE },
          'must be an object like {"id":"compare","min":0.6}',
        ),
        '',
        true,
      ),
    },
    undefined,
    true,
  );
}

const matches = (c: SignalCount, s: Signal): boolean => {
  const p = c.target;
  const t = s.target;
  return (
    s.type === c.type &&
    (p === undefined ||
      (t !== undefined && (p.endsWith('*') ? t.startsWith(p.slice(0, -1)) : t === p)))
  );
};

/** Signals oldest first from `start`: dropping the oldest is O(1); compacted when adding. */
interface Queue {
  items: Signal[];
  start: number;
}
const queue = (): Queue => ({ items: [], start: 0 });
const size = (q: Queue): number => q.items.length - q.start;
const push = (q: Queue, s: Signal): void => {
  if (q.start > 64 && q.start * 2 > q.items.length) {
    q.items.splice(0, q.start);
    q.start = 0;
  }
  q.items.push(s);
};

/** Rule facts over the window of signals in history, kept current one signal at a time. */
interface RuleFacts extends SignalFollower {
  /**
   * Each fact's latest value and the signal it came from (`page`, `campaign`, `session`, `visit`,
   * `returning`, and `c:<category>` per category viewed). When that signal leaves the window,
   * every older one has too, so the fact is gone.
   */
  readonly latest: Map<string, readonly [unknown, Signal]>;
  /** The signals in the window each counted condition matches. */
  readonly counted: Map<SignalCount, Queue>;
}

/**
 * Facts from `seed` (history, oldest first), then from each added signal, over a window as long
 * as the engine's history.
 */
function ruleFacts(
  counts: readonly SignalCount[],
  seed: readonly Signal[],
  capacity = Number.POSITIVE_INFINITY,
): RuleFacts {
  const window = queue();
  const latest = new Map<string, readonly [unknown, Signal]>();
  const counted = new Map(counts.map((c) => [c, queue()]));
  const add = (s: Signal): void => {
    const d = s.data;
    const set = (fact: string, value: unknown): void => {
      latest.set(fact, [value, s]);
    };
    push(window, s);
    for (const [c, q] of counted) if (matches(c, s)) push(q, s);
    if (d) {
      if (s.type === 'page-view') {
        const page = d.pageType ?? d.page;
        if (isString(page)) set('page', page);
        for (const c of [d.category ?? []].flat()) if (isString(c)) set(`c:${c}`, 1);
      }
      const campaign = d.campaign ?? d.utm_campaign;
      if (isString(campaign)) set('campaign', campaign);
      if (s.type === 'session') {
        set('session', s.at);
        const visit = d.lastVisitAt;
        if (typeof visit === 'number') set('visit', visit);
        set(
          'returning',
          typeof visit === 'number' || d.returning === true || d.visitorType === 'returning',
        );
      }
    }
    while (size(window) > capacity) {
      const old = window.items[window.start++];
      for (const q of counted.values()) if (q.items[q.start] === old) q.start++;
      for (const [k, v] of latest) if (v[1] === old) latest.delete(k);
    }
  };
  for (const s of seed) add(s);
  return { latest, counted, add };
}

const anyOf = (want: string | string[], value: unknown): boolean =>
  [want].flat().includes(value as string);

/** Why the rule held, or `null` when it does not. */
function check(
  w: RuleConditions,
  ctx: PolicyContext,
  facts: () => RuleFacts,
  wake: { at: number },
): DecisionEvidence[] | null {
  const out: DecisionEvidence[] = [];
  const because = (label: string, value?: number, at?: number | null, internal?: true): void => {
    out.push({
      label,
      ...(value !== undefined && { value }),
      ...(at !== undefined && at !== null && { at }),
      ...(internal && { internal }),
    });
  };
  const fact = (name: string): unknown => facts().latest.get(name)?.[0];
  if (w.pageType !== undefined) {
    const p = fact('page');
    if (!anyOf(w.pageType, p)) return null;
    because(`on a ${p} page`);
  }
  if (w.categoriesViewed !== undefined) {
    const seen = [w.categoriesViewed].flat().filter((c) => fact(`c:${c}`));
    if (!seen.length) return null;
    because(`viewed ${seen.join(', ')}`);
  }
  if (w.campaign !== undefined) {
    const c = fact('campaign');
    if (!anyOf(w.campaign, c)) return null;
    because(`came from the ${c} campaign`);
  }
  if (w.returning !== undefined) {
    const returning = fact('returning') === true;
    const visit = fact('visit') as number | undefined;
    if (
      typeof w.returning === 'number'
        ? visit === undefined ||
          ((fact('session') as number | undefined) ?? 0) - visit > w.returning
        : returning !== w.returning
    )
      return null;
    because(returning ? 'returning visitor' : 'first visit');
  }
  // When the first counted signal leaves a window, this rule's count (and maybe its outcome) drops.
  let drops = Number.POSITIVE_INFINITY;
  for (const c of w.signals ?? []) {
    let n = 0;
    let last: number | undefined;
    let first = Number.POSITIVE_INFINITY;
    const q = facts().counted.get(c)!;
    for (let i = q.start; i < q.items.length; i++) {
      const at = q.items[i]!.at;
      if (c.within === undefined || ctx.now - at <= c.within) {
        n++;
        last = at;
        if (at < first) first = at;
      }
    }
    // `+ 1`: a signal still counts at exactly `within` old.
    const gone = c.within === undefined ? Number.POSITIVE_INFINITY : first + c.within + 1;
    if (n > (c.max ?? n)) {
      // Too many now; fewer may be few enough once the oldest leave.
      if (gone < wake.at) wake.at = gone;
      return null;
    }
    // Too few never becomes enough by waiting: only a signal can add one.
    if (n < (c.min ?? 1)) return null;
    if (gone < drops) drops = gone;
    // Signal types and targets are the app's ids, not words for users.
    because(`${c.type}${c.target ? ` ${c.target}` : ''} ×${n}`, n, last, true);
  }
  for (const c of w.intent === undefined ? [] : [w.intent].flat()) {
    const b = ctx.state.beliefs[c.id];
    if (!b || b.confidence < (c.min ?? 0.5) || b.confidence > (c.max ?? 1)) return null;
    because(b.label, b.confidence, b.lastEvidenceAt);
  }
  if (drops < wake.at) wake.at = drops;
  return out;
}

/** Validates rules once and compiles the policy; `prefix` and `variants` sharpen the messages. */
export function compileRules(input: unknown, prefix = '', variants?: readonly string[]): Policy {
  try {
    list(
      shape({
        variant: (v, p) => {
          leaf(isName, 'must name a variant', true)(v, p);
          if ((v as string) in Object.prototype)
            fail(p, 'is a name every JavaScript object has; choose another variant id', v);
          if (variants && !variants.includes(v as string))
            fail(p, `unknown variant (known: ${variants.join(', ')})`, v);
        },
        label: leaf(isString, 'must be a string'),
        when: whenSchema(),
      }),
      'must be an array of rules',
    )(input, '');
  } catch (error) {
    throw typeof error === 'string' ? new SlotError(`intentful: ${prefix}${error}`) : error;
  }
  const rules = input as readonly Rule[];
  const counts = rules.flatMap((r) => r.when?.signals ?? []);
  // Per policy, since the counts it keeps are its own conditions'.
  const follow = (history: () => readonly Signal[], historySize: number): RuleFacts =>
    ruleFacts(counts, history(), historySize);
  // The hub asks `nextChangeAt` right after `decide` with the same slot and context: answer from
  // what that decision found instead of checking the rules twice.
  let last: readonly [ResolvedSlot, PolicyContext, number | null] | undefined;
  const checked = new Set<string>();
  const policy: Policy = {
    name: 'rules',
    watchesSignals: true,
    decide(slot, ctx) {
      // Once per slot: a rule on an intent the model lacks would never match, and say nothing.
      if (process.env.NODE_ENV !== 'production' && !checked.has(slot.id)) {
        checked.add(slot.id);
        const problem = unknownIntent(
          { id: slot.id, variants: {}, rules },
          Object.keys(ctx.state.beliefs),
        );
        if (problem) throw new SlotError(problem);
      }
      let f: RuleFacts | undefined;
      const facts = (): RuleFacts =>
        (f ??= ctx.follow?.(follow) ?? ruleFacts(counts, ctx.history()));
      // Only rules up to the one that matches can change the answer.
      const wake = { at: Number.POSITIVE_INFINITY };
      let answer: PolicyAnswer = {
        variant: slot.fallback,
        reason: say(ctx).standard,
      };
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i]!;
        if (!Object.hasOwn(slot.variants, rule.variant)) continue;
        const evidence = check(rule.when ?? {}, ctx, facts, wake);
        if (evidence === null) continue;
        const m = say(ctx);
        answer = {
          variant: rule.variant,
          reason:
            rule.label ??
            (evidence.length
              ? m.ruleMatched(evidence.filter((e) => !e.internal).map((e) => e.label))
              : m.everyone),
          evidence: [{ label: `rule ${i + 1} matched`, internal: true }, ...evidence],
        };
        break;
      }
      last = [slot, ctx, wake.at < Number.POSITIVE_INFINITY ? wake.at : null];
      return answer;
    },
    nextChangeAt(slot, ctx) {
      if (last?.[0] !== slot || last[1] !== ctx) policy.decide(slot, ctx);
      return last![2];
    },
  };
  // Counts signals as they arrive, kept per engine by the followers it carries.
  return withFeatures(policy, { followers });
}

/**
 * First matching rule wins; otherwise the fallback. Rules are JSON, validated here so a bad
 * rule throws a `SlotError` naming its index and field at registration, not at render.
 */
export function rules(input: readonly Rule[]): Policy {
  return compileRules(input);
}

/**
 * Development check: the first intent id a slot's variants or rules name that the model lacks,
 * as a message, else `null`. Such a variant or rule would silently never apply.
 */
export function unknownIntent(
  slot: {
    readonly id: string;
    readonly variants: ResolvedSlot['variants'];
    readonly rules?: readonly Rule[];
  },
  known: readonly string[],
): string | null {
  const check = (id: string, where: string): string | null =>
    known.includes(id)
      ? null
      : `intentful: slot "${slot.id}": ${where} names intent "${id}", which the model does not define (known: ${known.join(', ')})`;
  for (const [v, spec] of Object.entries(slot.variants))
    for (const id of spec.intents ?? []) {
      const m = check(id, `variant "${v}"`);
      if (m) return m;
    }
  for (const [i, rule] of (slot.rules ?? []).entries())
    for (const c of rule.when?.intent === undefined ? [] : [rule.when.intent].flat()) {
      const m = check(c.id, `rule ${i + 1}`);
      if (m) return m;
    }
  return null;
}
