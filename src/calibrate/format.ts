import { normalizeSignal, type Signal, type SignalValue } from '../core/signal';

/**
 * One labelled session, as stored one per line in a session file (JSONL).
 *
 * ```json
 * {"id":"s1","signals":[{"type":"session","at":0,"data":{"visitorType":"returning"}},
 *   {"type":"page-view","at":1200,"target":"/p/42","data":{"pageType":"product","price":35.8}},
 *   {"type":"goal","at":90000,"target":"purchase"}],
 *  "outcomes":{"purchase":true}}
 * ```
 *
 * - `signals` are in the library's own signal format (what the collectors and `track()` produce,
 *   what a sink exports), in any order; they are replayed sorted by `at`.
 * - `outcomes` label the session: did the user reach the goal named by each key.
 * - A `goal` signal whose target is the intent marks when the outcome happened; evaluation only
 *   lets the engine see the signals before the first one, so the score is a prediction, not a
 *   recap. Without a goal signal the whole session is seen (aggregate data, see QUALITY.md).
 * - `segment` optionally repeats identity attributes for slicing reports; the engine never reads
 *   it (segment attributes reach the engine only through a `session` signal).
 */
export interface Session {
  readonly id: string;
  readonly signals: readonly Signal[];
  readonly outcomes: Readonly<Record<string, boolean>>;
  readonly segment?: Readonly<Record<string, SignalValue>>;
}

export interface LineError {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
}

export interface ParseResult {
  readonly sessions: Session[];
  readonly errors: LineError[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one parsed line; returns the session or why it is unusable. */
export function validateSession(value: unknown): Session | string {
  if (!isRecord(value)) return 'not a JSON object';
  const { id, signals, outcomes, segment } = value;
  if (typeof id !== 'string' || id === '') return '`id` must be a non-empty string';
  if (!Array.isArray(signals)) return '`signals` must be an array';
  if (!isRecord(outcomes)) return '`outcomes` must be an object of booleans';
  for (const [k, v] of Object.entries(outcomes)) {
    if (typeof v !== 'boolean')
      return `outcomes.${k} must be true or false, got ${JSON.stringify(v)}`;
  }
  const checked: Signal[] = [];
  for (let i = 0; i < signals.length; i++) {
    // Infinity as "now": a stored session is in the past, so no timestamp is too far ahead.
    const s = normalizeSignal(signals[i], Number.POSITIVE_INFINITY);
    if (typeof s === 'string') return `signals[${i}]: ${s}`;
    checked.push(s);
  }
  let seg: Record<string, SignalValue> | undefined;
  if (segment !== undefined) {
    if (!isRecord(segment)) return '`segment` must be an object';
    seg = {};
    for (const [k, v] of Object.entries(segment)) {
      if (v !== null && typeof v === 'object') return `segment.${k} must be a primitive`;
      if (typeof v === 'number' && !Number.isFinite(v)) return `segment.${k} must be finite`;
      seg[k] = v as SignalValue;
    }
  }
  return seg === undefined
    ? { id, signals: checked, outcomes: outcomes as Record<string, boolean> }
    : { id, signals: checked, outcomes: outcomes as Record<string, boolean>, segment: seg };
}

/**
 * Parses a session file. Malformed lines are skipped and reported with their line number and
 * reason, so one bad export line does not lose a whole calibration run. Blank lines are ignored.
 */
export function parseSessions(text: string): ParseResult {
  const sessions: Session[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ line: i + 1, reason: `invalid JSON (${(error as Error).message})` });
      continue;
    }
    const s = validateSession(value);
    if (typeof s === 'string') {
      errors.push({ line: i + 1, reason: s });
      continue;
    }
    if (seen.has(s.id)) {
      errors.push({ line: i + 1, reason: `duplicate session id "${s.id}"` });
      continue;
    }
    seen.add(s.id);
    sessions.push(s);
  }
  return { sessions, errors };
}

export function formatSession(session: Session): string {
  return JSON.stringify(session);
}

/** Groups errors by reason ("12 × signals[0]: bad-timestamp") for a short CLI summary. */
export function summarizeErrors(errors: readonly LineError[], examples = 5): string[] {
  const out: string[] = [];
  for (const e of errors.slice(0, examples)) out.push(`line ${e.line}: ${e.reason}`);
  if (errors.length > examples) out.push(`… and ${errors.length - examples} more`);
  return out;
}

/** Signals that count as one data-set event; session context and dwell ride along. */
export const isEvent = (type: string): boolean => type !== 'session' && type !== 'dwell';

/**
 * The signals the engine may see when judging `intent`: sorted by time, cut before the first
 * `goal` signal for that intent. Also the decision time (the last seen signal's time).
 */
export function beforeOutcome(session: Session, intent: string): { signals: Signal[]; at: number } {
  const sorted = session.signals
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
    .map((x) => x.s);
  const cut = sorted.findIndex((s) => s.type === 'goal' && s.target === intent);
  const signals = cut === -1 ? sorted : sorted.slice(0, cut);
  const last = signals[signals.length - 1];
  return { signals, at: last ? last.at : (sorted[0]?.at ?? 0) };
}
