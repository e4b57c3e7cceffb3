import type { Signal } from '../signal';
import { SlotError } from './error';
import type { Choice, DecisionEvidence, Policy, PolicyContext, ResolvedSlot } from './types';

/** Signals counted in history: "opened sizing info twice". */
export interface SignalCount {
  type: string;
  /** Exact target, or a prefix ending in `*`. @defaultValue any target */
  target?: string;
  /** At least this many. @defaultValue `1` */
  min?: number;
  /** At most this many. @defaultValue no bound */
  max?: number;
  /** Only signals from the last this many milliseconds. @defaultValue the whole history */
  within?: number;
}

/** Confidence bounds on one intent. */
export interface IntentCondition {
  id: string;
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
  /** `true`: a return visit; a number: returned within that many milliseconds of the last visit. */
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

const KEYS = new Set([
  'pageType',
  'categoriesViewed',
  'campaign',
  'returning',
  'signals',
  'intent',
]);

const list = (v: string | string[]): string[] => (typeof v === 'string' ? [v] : v);
const isStrings = (v: unknown): boolean =>
  typeof v === 'string' ||
  (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
const isCount = (v: unknown): boolean => typeof v === 'number' && v >= 0 && Number.isFinite(v);

function validate(rules: unknown, prefix: string, variants?: readonly string[]): Rule[] {
  const fail = (path: string, msg: string, got: unknown): never => {
    throw new SlotError(`intentful: ${prefix}rules${path}: ${msg}, got ${JSON.stringify(got)}`);
  };
  if (!Array.isArray(rules)) fail('', 'must be an array of rules', rules);
  (rules as unknown[]).forEach((rule, i) => {
    const at = `[${i}]`;
    if (typeof rule !== 'object' || rule === null) fail(at, 'must be an object', rule);
    const r = rule as Record<string, unknown>;
    if (typeof r.variant !== 'string' || !r.variant)
      fail(`${at}.variant`, 'must name a variant', r.variant);
    if (variants && !variants.includes(r.variant as string))
      fail(`${at}.variant`, `unknown variant (known: ${variants.join(', ')})`, r.variant);
    if (r.label !== undefined && typeof r.label !== 'string')
      fail(`${at}.label`, 'must be a string', r.label);
    if (r.when === undefined) return;
    if (typeof r.when !== 'object' || r.when === null || Array.isArray(r.when))
      fail(`${at}.when`, 'must be an object', r.when);
    const w = r.when as Record<string, unknown>;
    for (const key of Object.keys(w)) {
      if (!KEYS.has(key))
        fail(`${at}.when.${key}`, `unknown condition (known: ${[...KEYS].join(', ')})`, w[key]);
    }
    for (const key of ['pageType', 'categoriesViewed', 'campaign'] as const) {
      if (w[key] !== undefined && !isStrings(w[key]))
        fail(`${at}.when.${key}`, 'must be a string or a non-empty list of strings', w[key]);
    }
    if (w.returning !== undefined && typeof w.returning !== 'boolean' && !isCount(w.returning))
      fail(`${at}.when.returning`, 'must be true/false or a window in milliseconds', w.returning);
    if (w.signals !== undefined) {
      if (!Array.isArray(w.signals)) fail(`${at}.when.signals`, 'must be a list', w.signals);
      (w.signals as unknown[]).forEach((s, j) => {
        const sp = `${at}.when.signals[${j}]`;
        if (typeof s !== 'object' || s === null) fail(sp, 'must be an object', s);
        const c = s as Record<string, unknown>;
        if (typeof c.type !== 'string' || !c.type)
          fail(`${sp}.type`, 'must be a signal type', c.type);
        if (c.target !== undefined && typeof c.target !== 'string')
          fail(`${sp}.target`, 'must be a string', c.target);
        for (const k of ['min', 'max', 'within'] as const) {
          if (c[k] !== undefined && !isCount(c[k]))
            fail(`${sp}.${k}`, 'must be a number ≥ 0', c[k]);
        }
      });
    }
    if (w.intent !== undefined) {
      const many = Array.isArray(w.intent);
      (many ? (w.intent as unknown[]) : [w.intent]).forEach((c, j) => {
        const ip = `${at}.when.intent${many ? `[${j}]` : ''}`;
        if (typeof c !== 'object' || c === null)
          fail(ip, 'must be an object like {"id":"compare","min":0.6}', c);
        const ic = c as Record<string, unknown>;
        if (typeof ic.id !== 'string' || !ic.id) fail(`${ip}.id`, 'must name an intent', ic.id);
        for (const k of ['min', 'max'] as const) {
          const v = ic[k];
          if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1))
            fail(`${ip}.${k}`, 'must be a confidence between 0 and 1', v);
        }
      });
    }
  });
  return rules as Rule[];
}

interface Facts {
  pageType: string | null;
  categories: Set<string>;
  campaign: string | null;
  lastVisitAt: number | null;
  sessionAt: number;
  returning: boolean;
}

function factsOf(history: readonly Signal[]): Facts {
  const f: Facts = {
    pageType: null,
    categories: new Set(),
    campaign: null,
    lastVisitAt: null,
    sessionAt: 0,
    returning: false,
  };
  for (const s of history) {
    const d = s.data;
    if (!d) continue;
    if (s.type === 'page-view') {
      const page = d.pageType ?? d.page;
      if (typeof page === 'string') f.pageType = page;
      const c = d.category;
      if (typeof c === 'string') f.categories.add(c);
      else if (Array.isArray(c)) for (const x of c) if (typeof x === 'string') f.categories.add(x);
    }
    const campaign = d.campaign ?? d.utm_campaign;
    if (typeof campaign === 'string') f.campaign = campaign;
    if (s.type === 'session') {
      f.sessionAt = s.at;
      if (typeof d.lastVisitAt === 'number') {
        f.lastVisitAt = d.lastVisitAt;
        f.returning = true;
      } else f.returning = d.returning === true || d.visitorType === 'returning';
    }
  }
  return f;
}

const matchTarget = (pattern: string | undefined, target: string | undefined): boolean =>
  pattern === undefined ||
  (target !== undefined &&
    (pattern.endsWith('*') ? target.startsWith(pattern.slice(0, -1)) : target === pattern));

/** Why the rule held, or `null` when it does not. */
function check(
  w: RuleConditions,
  ctx: PolicyContext,
  facts: () => Facts,
): DecisionEvidence[] | null {
  const out: DecisionEvidence[] = [];
  if (w.pageType !== undefined) {
    const p = facts().pageType;
    if (p === null || !list(w.pageType).includes(p)) return null;
    out.push({ label: `on a ${p} page` });
  }
  if (w.categoriesViewed !== undefined) {
    const seen = list(w.categoriesViewed).filter((c) => facts().categories.has(c));
    if (seen.length === 0) return null;
    out.push({ label: `viewed ${seen.join(', ')}` });
  }
  if (w.campaign !== undefined) {
    const c = facts().campaign;
    if (c === null || !list(w.campaign).includes(c)) return null;
    out.push({ label: `came from the ${c} campaign` });
  }
  if (w.returning !== undefined) {
    const f = facts();
    const ok =
      typeof w.returning === 'number'
        ? f.lastVisitAt !== null && f.sessionAt - f.lastVisitAt <= w.returning
        : f.returning === w.returning;
    if (!ok) return null;
    out.push({ label: f.returning ? 'returning visitor' : 'first visit' });
  }
  for (const c of w.signals ?? []) {
    let n = 0;
    let last: number | undefined;
    for (const s of ctx.history()) {
      if (s.type !== c.type || !matchTarget(c.target, s.target)) continue;
      if (c.within !== undefined && ctx.now - s.at > c.within) continue;
      n++;
      last = s.at;
    }
    if (n < (c.min ?? 1) || (c.max !== undefined && n > c.max)) return null;
    out.push({
      label: `${c.type}${c.target ? ` ${c.target}` : ''} ×${n}`,
      value: n,
      ...(last !== undefined && { at: last }),
    });
  }
  if (w.intent !== undefined) {
    for (const c of Array.isArray(w.intent) ? w.intent : [w.intent]) {
      const b = ctx.state.beliefs[c.id];
      if (!b || b.confidence < (c.min ?? 0.5) || b.confidence > (c.max ?? 1)) return null;
      out.push({
        label: b.label,
        value: b.confidence,
        ...(b.lastEvidenceAt !== null && { at: b.lastEvidenceAt }),
      });
    }
  }
  return out;
}

/** Validates rules once and compiles the policy; `prefix` and `variants` sharpen the messages. */
export function compileRules(input: unknown, prefix = '', variants?: readonly string[]): Policy {
  const rules = validate(input, prefix, variants);
  return {
    name: 'rules',
    watchesSignals: true,
    decide(slot: ResolvedSlot, ctx: PolicyContext): Choice {
      let cached: Facts | undefined;
      const facts = (): Facts => {
        cached ??= factsOf(ctx.history());
        return cached;
      };
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i]!;
        if (!(rule.variant in slot.variants)) continue;
        const evidence = check(rule.when ?? {}, ctx, facts);
        if (evidence === null) continue;
        return {
          variant: rule.variant,
          reason:
            rule.label ??
            (evidence.length
              ? `Shown because: ${evidence.map((e) => e.label).join(', ')}.`
              : 'Shown to everyone on this page.'),
          evidence: [{ label: `rule ${i + 1} matched` }, ...evidence],
        };
      }
      return { variant: slot.fallback, reason: 'The standard version: no rule applied.' };
    },
  };
}

/**
 * First matching rule wins; otherwise the fallback. Rules are JSON, validated here so a bad
 * rule throws a `SlotError` naming its index and field at registration, not at render.
 */
export function rules(input: readonly Rule[]): Policy {
  return compileRules(input);
}
