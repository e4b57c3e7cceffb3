import { createIntentEngine } from '../core/engine';
import {
  type DataRange,
  defineModel,
  type EvidenceRule,
  type IntentDefinition,
  type ModelDefinition,
  type ScaleBy,
  type SignalMatch,
} from '../core/model';
import { contribution, decay, decayRate } from '../core/scoring';
import type { Signal, SignalValue } from '../core/signal';
import { beforeOutcome, type Session } from './format';
import type { SparseRow } from './logistic';

/** Which evidence a model may use: in-session behaviour, segment attributes, or both. */
export type FeatureSet = 'all' | 'behaviour' | 'segment';

/**
 * One candidate evidence rule with unit weight. `capUnits` is the bound in units of the feature;
 * the fitted rule gets `maxContribution = capUnits × |weight|`, which keeps the engine's score
 * exactly linear in the weights (so fitting and replay agree) while letting one signal kind bend:
 * the same match capped at 1, 3, 10 and 30 adds up to a piecewise-linear curve in the count.
 */
export interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly group: 'behaviour' | 'segment' | 'context';
  readonly when: SignalMatch;
  readonly scaleBy?: ScaleBy;
  readonly capUnits?: number;
}

export interface DesignOptions {
  features?: FeatureSet;
  /** Sessions a value must appear in to get its own rule. @defaultValue `max(20, 0.5 % of sessions)` */
  minSupport?: number;
  /** `session` data fields that are segment attributes; other session fields are context. */
  segmentFields?: readonly string[];
  /** Bins for numeric fields. @defaultValue `8` */
  bins?: number;
  /** Bins per field for joint rules on two numeric fields of one signal type; 0 for none. @defaultValue `4` */
  interactionBins?: number;
  /** Rules for `false` flags on signals too, not only `true` ones. @defaultValue `true` */
  flagComplements?: boolean;
  /** Quantile bins of the time on one page (`dwell` `ms`) per page type; 0 for none. @defaultValue `0` */
  dwellBins?: number;
  /** Most frequent values per text field that also get joint rules with each numeric field's coarse bins. @defaultValue `0` */
  valueJoints?: number;
}

/** Segment attributes the collectors and converters put on the `session` signal. */
export const SEGMENT_FIELDS = [
  'visitorType',
  'region',
  'trafficType',
  'browser',
  'os',
  'device',
  'referrer',
  'campaign',
  'country',
] as const;

const COUNT_CAPS = [1, 3, 10, 30];
const LOG_DWELL_CAPS = [5, 20, 60];
const MINUTE_DWELL_CAPS = [1, 5, 20];
const MAX_VALUES_PER_FIELD = 20;

interface FieldStats {
  numericBySession: number[];
  valueSupport: Map<string, number>;
  occurrences: number;
  trueSupport: number;
  falseSupport: number;
}

const fmt = (x: number): string => String(Number(x.toPrecision(4)));

function rangeLabel(r: DataRange): string {
  if (r.gt !== undefined && r.lte !== undefined) return `in (${fmt(r.gt)}, ${fmt(r.lte)}]`;
  if (r.lte !== undefined) return `≤ ${fmt(r.lte)}`;
  if (r.gt !== undefined) return `> ${fmt(r.gt)}`;
  return 'any';
}

/** Quantile bin edges over per-session values; a heavy spike at 0 gets its own bin. */
export function binEdges(values: readonly number[], bins: number): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const edges = new Set<number>();
  const zeros = sorted.filter((v) => v === 0).length;
  if (zeros >= 0.05 * sorted.length && sorted[sorted.length - 1]! > 0) edges.add(0);
  const rest = zeros >= 0.05 * sorted.length ? sorted.filter((v) => v > 0) : sorted;
  for (let b = 1; b < bins; b++) {
    const v = rest[Math.floor((b / bins) * rest.length)];
    if (v !== undefined) edges.add(v);
  }
  const list = [...edges].sort((a, b) => a - b);
  // The top edge must leave something above it, or the last bin is empty.
  return list.filter((e) => e < sorted[sorted.length - 1]!);
}

function rangesFrom(edges: readonly number[]): DataRange[] {
  if (edges.length === 0) return [];
  const out: DataRange[] = [{ lte: edges[0]! }];
  for (let i = 1; i < edges.length; i++) out.push({ gt: edges[i - 1]!, lte: edges[i]! });
  out.push({ gt: edges[edges.length - 1]! });
  return out;
}

function kindOf(s: Signal): string {
  const pt = s.data?.pageType;
  return typeof pt === 'string' ? `${s.type}\u0000${pt}` : s.type;
}

function matchOfKind(kind: string): SignalMatch {
  const [type, pageType] = kind.split('\u0000');
  return pageType === undefined ? { type: type! } : { type: type!, data: { pageType } };
}

function kindLabel(kind: string): string {
  const [type, pageType] = kind.split('\u0000');
  return pageType === undefined ? type! : `${type} (${pageType})`;
}

function isIdLike(field: string, stats: FieldStats): boolean {
  if (/id$/i.test(field) || field === 'target' || field === 'url') return true;
  return stats.valueSupport.size > 200 && stats.valueSupport.size > 0.3 * stats.occurrences;
}

/**
 * Derives candidate rules from the signals the training sessions contain, so the same design
 * serves both data sets and a team's own exports: per signal kind (type + page type) counts
 * with a few caps, dwell time (log and linear), and per data field a rule per frequent value
 * (strings, booleans) or per quantile bin (numbers). Identifier-like fields are skipped.
 */
export function designFeatures(
  sessions: readonly Session[],
  intent: string,
  options: DesignOptions = {},
): Candidate[] {
  const set = options.features ?? 'all';
  const minSupport = options.minSupport ?? Math.max(20, Math.ceil(sessions.length * 0.005));
  const segmentFields = new Set<string>(options.segmentFields ?? SEGMENT_FIELDS);
  const bins = options.bins ?? 8;
  const kinds = new Map<string, number>();
  const fields = new Map<string, Map<string, FieldStats>>();
  const dwellBins = options.dwellBins ?? 0;
  // Per page type, each session's distinct dwell times: the bins follow sessions, not pages.
  const dwellMs = new Map<string, number[]>();
  for (const session of sessions) {
    const { signals } = beforeOutcome(session, intent);
    const seenKinds = new Set<string>();
    const seenValues = new Set<string>();
    for (const s of signals) {
      if (s.type === 'goal' || s.type === 'declare') continue;
      seenKinds.add(kindOf(s));
      const ms = s.data?.ms;
      if (dwellBins > 1 && s.type === 'dwell' && typeof ms === 'number') {
        const key = `dwell ms\u0000${kindOf(s)}\u0000${ms}`;
        if (!seenValues.has(key)) {
          seenValues.add(key);
          const list = dwellMs.get(kindOf(s));
          if (list) list.push(ms);
          else dwellMs.set(kindOf(s), [ms]);
        }
      }
      if (!s.data) continue;
      let byField = fields.get(s.type);
      if (!byField) {
        byField = new Map();
        fields.set(s.type, byField);
      }
      for (const [field, raw] of Object.entries(s.data)) {
        if (field === 'pageType') continue;
        let st = byField.get(field);
        if (!st) {
          st = {
            numericBySession: [],
            valueSupport: new Map(),
            occurrences: 0,
            trueSupport: 0,
            falseSupport: 0,
          };
          byField.set(field, st);
        }
        const items: readonly SignalValue[] = Array.isArray(raw) ? raw : [raw as SignalValue];
        for (const v of items) {
          st.occurrences++;
          const key = `${s.type}\u0000${field}\u0000${typeof v}\u0000${String(v)}`;
          if (seenValues.has(key)) continue;
          seenValues.add(key);
          if (typeof v === 'number') st.numericBySession.push(v);
          else if (typeof v === 'boolean') {
            if (v) st.trueSupport++;
            else st.falseSupport++;
          } else if (typeof v === 'string') {
            st.valueSupport.set(v, (st.valueSupport.get(v) ?? 0) + 1);
          }
        }
      }
    }
    for (const k of seenKinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }

  const out: Candidate[] = [];
  const wants = (group: Candidate['group']): boolean =>
    set === 'all' || (set === 'behaviour' ? group === 'behaviour' : group === 'segment');
  const add = (c: Candidate): void => {
    if (wants(c.group)) out.push(c);
  };

  for (const [kind, support] of [...kinds.entries()].sort()) {
    if (support < minSupport || kind === 'session') continue;
    const when = matchOfKind(kind);
    const name = kindLabel(kind);
    if (when.type === 'dwell') {
      for (const cap of LOG_DWELL_CAPS) {
        add({
          id: `${name} log-seconds ≤${cap}`,
          label: `time on ${name.replace(/^dwell ?/, '') || 'pages'} (log seconds, up to ${cap})`,
          group: 'behaviour',
          when,
          scaleBy: { field: 'ms', transform: 'log1p', factor: 0.001 },
          capUnits: cap,
        });
      }
      for (const cap of MINUTE_DWELL_CAPS) {
        add({
          id: `${name} minutes ≤${cap}`,
          label: `time on ${name.replace(/^dwell ?/, '') || 'pages'} (minutes, up to ${cap})`,
          group: 'behaviour',
          when,
          scaleBy: { field: 'ms', transform: 'linear', factor: 1 / 60_000 },
          capUnits: cap,
        });
      }
      // Total time says how long, time per page how closely: many quick pages read differently
      // from a few long ones with the same total.
      const perPage = dwellMs.get(kind) ?? [];
      if (dwellBins > 1 && perPage.length >= minSupport) {
        for (const range of rangesFrom(binEdges(perPage, dwellBins))) {
          add({
            id: `${name} ms ${rangeLabel(range)}`,
            label: `${name.replace(/^dwell ?/, '') || 'a page'} read for ${rangeLabel(range)} ms`,
            group: 'behaviour',
            when: { ...when, data: { ...when.data, ms: range } },
            capUnits: 1,
          });
        }
      }
      continue;
    }
    for (const cap of COUNT_CAPS) {
      add({
        id: `${name} ×≤${cap}`,
        label: cap === 1 ? `${name}` : `${name}, counted up to ${cap} times`,
        group: 'behaviour',
        when,
        capUnits: cap,
      });
    }
  }

  const numeric: { type: string; field: string; group: Candidate['group']; values: number[] }[] =
    [];
  const texts: { type: string; field: string; group: Candidate['group']; values: string[] }[] = [];
  for (const [type, byField] of [...fields.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (type === 'dwell') continue;
    for (const [field, st] of [...byField.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (isIdLike(field, st)) continue;
      const group: Candidate['group'] =
        type === 'session' ? (segmentFields.has(field) ? 'segment' : 'context') : 'behaviour';
      // Both values of a flag get rules: with decay, "a page seen for the first time" counted up
      // to once is how recently the shopper last met something new, which the `true` rule
      // (how recently they came back to something) does not say.
      for (const flag of [true, false]) {
        if ((flag ? st.trueSupport : st.falseSupport) < minSupport) continue;
        if (!flag && (type === 'session' || options.flagComplements === false)) continue;
        const when: SignalMatch = { type, data: { [field]: flag } };
        const name = flag ? field : `not ${field}`;
        const caps = type === 'session' ? [1] : [1, 3, 10];
        for (const cap of caps) {
          add({
            id: `${type} ${name} ×≤${cap}`,
            label: cap === 1 ? `${type} with ${name}` : `${type} with ${name}, up to ${cap} times`,
            group,
            when,
            capUnits: cap,
          });
        }
      }
      const values = [...st.valueSupport.entries()]
        .filter(([, n]) => n >= minSupport)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MAX_VALUES_PER_FIELD);
      if ((options.valueJoints ?? 0) > 0 && values.length > 0) {
        texts.push({
          type,
          field,
          group,
          values: values.slice(0, options.valueJoints).map(([v]) => v),
        });
      }
      for (const [value] of values) {
        add({
          id: `${type} ${field}=${value}`,
          label: `${type} with ${field} ${value}`,
          group,
          when: { type, data: { [field]: value } },
          capUnits: 1,
        });
      }
      if (st.numericBySession.length >= minSupport) {
        numeric.push({ type, field, group, values: st.numericBySession });
        for (const range of rangesFrom(binEdges(st.numericBySession, bins))) {
          add({
            id: `${type} ${field} ${rangeLabel(range)}`,
            label: `${type} with ${field} ${rangeLabel(range)}`,
            group,
            when: { type, data: { [field]: range } },
            capUnits: 1,
          });
        }
      }
    }
  }
  // Two numeric fields on the same signal can be read together by one rule, so coarse joint
  // bins give the engine pairwise interactions (a high page value matters more on a low exit rate).
  const pairBins = options.interactionBins ?? 4;
  if (pairBins > 1) {
    for (let a = 0; a < numeric.length; a++) {
      for (let b = a + 1; b < numeric.length; b++) {
        const fa = numeric[a]!;
        const fb = numeric[b]!;
        if (fa.type !== fb.type) continue;
        const ra = rangesFrom(binEdges(fa.values, pairBins));
        const rb = rangesFrom(binEdges(fb.values, pairBins));
        for (const x of ra) {
          for (const y of rb) {
            add({
              id: `${fa.type} ${fa.field} ${rangeLabel(x)} & ${fb.field} ${rangeLabel(y)}`,
              label: `${fa.type} with ${fa.field} ${rangeLabel(x)} and ${fb.field} ${rangeLabel(y)}`,
              group: fa.group,
              when: { type: fa.type, data: { [fa.field]: x, [fb.field]: y } },
              capUnits: 1,
            });
          }
        }
      }
    }
  }
  // A text value with a numeric bin of the same signal: a second look at a phone is not a second
  // look at a cheap accessory.
  if (pairBins > 1) {
    for (const t of texts) {
      for (const fa of numeric) {
        if (fa.type !== t.type) continue;
        for (const value of t.values) {
          for (const x of rangesFrom(binEdges(fa.values, pairBins))) {
            add({
              id: `${t.type} ${t.field}=${value} & ${fa.field} ${rangeLabel(x)}`,
              label: `${t.type} with ${t.field} ${value} and ${fa.field} ${rangeLabel(x)}`,
              group: t.group,
              when: { type: t.type, data: { [t.field]: value, [fa.field]: x } },
              capUnits: 1,
            });
          }
        }
      }
    }
  }
  // The same bins per page type, counted: "three product pages with a high page value" differs
  // from one such page among many account pages.
  if (pairBins > 1) {
    for (const [kind, support] of [...kinds.entries()].sort()) {
      const [type, pageType] = kind.split('\u0000');
      if (pageType === undefined || support < minSupport) continue;
      for (const fa of numeric) {
        if (fa.type !== type) continue;
        for (const x of rangesFrom(binEdges(fa.values, pairBins))) {
          for (const cap of [1, 10]) {
            add({
              id: `${type} (${pageType}) ${fa.field} ${rangeLabel(x)} ×≤${cap}`,
              label: `${type} (${pageType}) with ${fa.field} ${rangeLabel(x)}, up to ${cap} times`,
              group: fa.group,
              when: { type, data: { pageType, [fa.field]: x } },
              capUnits: cap,
            });
          }
        }
      }
    }
  }
  return out;
}

function candidateRule(c: Candidate, weight: number): EvidenceRule {
  const rule: EvidenceRule = { id: c.id, label: c.label, when: c.when, weight };
  if (c.scaleBy) rule.scaleBy = c.scaleBy;
  if (c.capUnits !== undefined) rule.maxContribution = c.capUnits * Math.abs(weight);
  return rule;
}

function probeModel(candidates: readonly Candidate[], halfLife: number) {
  const intents: Record<string, IntentDefinition> = {};
  candidates.forEach((c, i) => {
    intents[`f${i}`] = { prior: 0, halfLife, evidence: [candidateRule(c, 1)] };
  });
  return defineModel({ intents });
}

/**
 * Feature rows for fitting: every candidate is compiled by `defineModel` as a one-rule intent
 * with prior 0 and weight 1, and its decayed, bounded sum at the decision point is the feature.
 * Matching and weights use the engine's compiled rules, and the accumulation the engine's own
 * scoring functions (decay to the signal, add within the bound), so a fitted model's engine score
 * is its linear predictor. It runs them over flat arrays rather than through an engine, which
 * would publish a snapshot per signal for hundreds of probe intents and made calibration minutes
 * slower.
 */
export function extractFeatures(
  sessions: readonly Session[],
  candidates: readonly Candidate[],
  intent: string,
  halfLife: number,
  onProgress?: (done: number, total: number) => void,
): SparseRow[] {
  if (candidates.length === 0) {
    return sessions.map(() => ({ index: new Int32Array(0), value: new Float64Array(0) }));
  }
  const probe = probeModel(candidates, halfLife);
  const k = decayRate(halfLife);
  const caps = candidates.map((c) => c.capUnits ?? Number.POSITIVE_INFINITY);
  const acc = new Float64Array(candidates.length);
  const at = new Float64Array(candidates.length);
  const touched = new Uint8Array(candidates.length);
  const rows: SparseRow[] = [];
  sessions.forEach((session, n) => {
    const { signals, at: decision } = beforeOutcome(session, intent);
    const used: number[] = [];
    for (const signal of signals) {
      const rules = probe.rulesByType.get(signal.type);
      if (!rules) continue;
      for (const rule of rules) {
        if (!rule.matches(signal)) continue;
        const w = rule.weightOf(signal);
        if (w === 0 || !Number.isFinite(w)) continue;
        const i = rule.intentIndex;
        if (!touched[i]) {
          touched[i] = 1;
          acc[i] = 0;
          at[i] = signal.at;
          used.push(i);
        }
        if (signal.at > at[i]!) {
          acc[i] = decay(acc[i]!, k, at[i]!, signal.at);
          at[i] = signal.at;
        }
        const cur = acc[i]!;
        acc[i] = cur + contribution(cur, w, k, signal.at, at[i]!, caps[i]!);
      }
    }
    used.sort((a, b) => a - b);
    const idx: number[] = [];
    const val: number[] = [];
    for (const i of used) {
      const v = decay(acc[i]!, k, at[i]!, decision);
      touched[i] = 0;
      if (v !== 0 && Number.isFinite(v)) {
        idx.push(i);
        val.push(v);
      }
    }
    rows.push({ index: Int32Array.from(idx), value: Float64Array.from(val) });
    if (onProgress && (n + 1) % 2000 === 0) onProgress(n + 1, sessions.length);
  });
  return rows;
}

type AnyModel = ReturnType<typeof defineModel<string>>;

/**
 * Feeds signals to a fresh engine whose clock follows the replay, exactly as a browser would
 * have fed them live. Returns the engine for reading beliefs and how many signals it dropped.
 */
export function replay(
  model: AnyModel,
  signals: readonly Signal[],
  onSignal?: (index: number, engine: ReturnType<typeof createIntentEngine<string, string>>) => void,
): { engine: ReturnType<typeof createIntentEngine<string, string>>; dropped: number } {
  let now = signals[0]?.at ?? 0;
  const engine = createIntentEngine({
    model,
    clock: () => now,
    historySize: 1,
    onError: () => {},
  });
  signals.forEach((s, i) => {
    now = Math.max(now, s.at);
    engine.track(s);
    onSignal?.(i, engine);
  });
  return { engine, dropped: engine.stats.dropped };
}

export interface FittedRules {
  readonly intercept: number;
  readonly weights: ArrayLike<number>;
}

/** The fitted intent as a JSON-ready model definition; zero-weight rules are left out. */
export function buildIntent(
  candidates: readonly Candidate[],
  fit: FittedRules,
  halfLife: number,
  label?: string,
): IntentDefinition {
  const evidence: EvidenceRule[] = [];
  candidates.forEach((c, i) => {
    const w = fit.weights[i] ?? 0;
    if (Math.abs(w) < 1e-6 || !Number.isFinite(w)) return;
    evidence.push(candidateRule(c, Number(w.toPrecision(8))));
  });
  const def: IntentDefinition = {
    prior: Number(fit.intercept.toPrecision(8)),
    halfLife,
    evidence,
  };
  if (label !== undefined) def.label = label;
  return def;
}

export type { ModelDefinition };
