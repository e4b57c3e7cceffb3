import { defineModel, type IntentDefinition } from '../core/model';
import type { Calibration } from './calibrate';
import { replay } from './features';
import { beforeOutcome, isEvent, type Session } from './format';
import {
  auc,
  aucInterval,
  brier,
  confusion,
  ece,
  f1,
  f1Interval,
  logLoss,
  type ReliabilityBin,
  reliability,
} from './metrics';
import { isHeldOut } from './split';

export interface ModelFile {
  readonly intents: Record<string, IntentDefinition>;
  readonly calibration?: Partial<Calibration>;
}

export interface EvaluateOptions {
  /** @defaultValue the intent the model was calibrated for, or its only intent */
  intent?: string;
  /** `heldout`: only the sessions the model's calibration held out. @defaultValue `'heldout'` when the model records a split with sessions held out, else `'all'` */
  split?: 'heldout' | 'all';
  /** @defaultValue the model's calibrated threshold, else 0.5 */
  threshold?: number;
  /** Event counts for the after-N-events curve; empty for none. @defaultValue `[1, 2, 3, 5, 10]` */
  curve?: readonly number[];
  onProgress?: (done: number, total: number) => void;
}

export interface CurvePoint {
  readonly events: number;
  /** Every session, judged after at most this many events. */
  readonly auc: number;
  /** Only the sessions that reach this many events before the decision point. */
  readonly aucReached: number;
  readonly reached: number;
  readonly reachedPositives: number;
}

export interface Evaluation {
  readonly intent: string;
  /** Which sessions were scored: the model's held-out split, or every labelled session. */
  readonly scope: 'heldout' | 'all';
  /** The held-out split used (`scope: 'heldout'`), as the model recorded it. */
  readonly split?: { readonly seed: number; readonly validation: number };
  /** Sessions labelled with an outcome for the intent, scored or not. */
  readonly labelled: number;
  /** Sessions scored. */
  readonly sessions: number;
  readonly positives: number;
  readonly auc: number;
  /** 95 % bootstrap interval of `auc`. */
  readonly aucInterval: { readonly lo: number; readonly hi: number };
  readonly threshold: number;
  readonly f1: number;
  /** 95 % bootstrap interval of `f1` at `threshold`. */
  readonly f1Interval: { readonly lo: number; readonly hi: number };
  readonly precision: number;
  readonly recall: number;
  readonly ece: number;
  readonly logLoss: number;
  readonly brier: number;
  readonly reliability: readonly ReliabilityBin[];
  readonly curve: readonly CurvePoint[];
  /** Signals the engine refused (should be 0 for converter output). */
  readonly droppedSignals: number;
  /** Confidence per session at the decision point, in session order. */
  readonly scores: readonly number[];
  readonly labels: readonly boolean[];
}

/**
 * Replays each session through `createIntentEngine` with the model loaded by `defineModel`
 * (the code a browser runs), reads the intent's confidence at the decision point (before the
 * first `goal` for the intent) and scores it against the labelled outcome.
 */
export function evaluate(
  sessions: readonly Session[],
  file: ModelFile,
  options: EvaluateOptions = {},
): Evaluation {
  const model = defineModel({ intents: file.intents });
  const intent =
    options.intent ??
    file.calibration?.intent ??
    (model.intentIds.length === 1 ? model.intentIds[0] : undefined);
  if (intent === undefined || !model.intentIds.includes(intent)) {
    throw new Error(
      `intent ${intent === undefined ? '(none given)' : `"${intent}"`} is not in the model (has: ${model.intentIds.join(', ')})`,
    );
  }
  const recorded = file.calibration?.split;
  const split = recorded && {
    seed: recorded.seed ?? 1,
    validation: recorded.validation ?? 0.2,
  };
  // A model fitted on every session (`--validation 0`) has no held-out part to default to.
  const mode = options.split ?? (split && split.validation > 0 ? 'heldout' : 'all');
  if (mode === 'heldout' && !(split && split.validation > 0)) {
    throw new Error(
      'the model was fitted on every session and holds none out; evaluate every session with --all (on sessions it was not fitted on)',
    );
  }
  const labelled = sessions.filter((s) => typeof s.outcomes[intent] === 'boolean');
  const chosen =
    mode === 'all' || !split
      ? labelled
      : labelled.filter((s) => isHeldOut(s.id, split.seed, split.validation));
  const threshold = options.threshold ?? file.calibration?.threshold ?? 0.5;
  const points = [...(options.curve ?? [1, 2, 3, 5, 10])].sort((a, b) => a - b);
  const scores: number[] = [];
  const labels: boolean[] = [];
  const atN = points.map(() => [] as number[]);
  const reachedN = points.map(() => [] as boolean[]);
  let dropped = 0;
  chosen.forEach((session, n) => {
    const { signals, at } = beforeOutcome(session, intent);
    const byN = new Array<number | undefined>(points.length).fill(undefined);
    let events = 0;
    const result = replay(model, signals, (i, engine) => {
      const s = signals[i]!;
      if (!isEvent(s.type)) return;
      events++;
      points.forEach((p, k) => {
        if (p === events) byN[k] = engine.belief(intent, s.at).confidence;
      });
    });
    dropped += result.dropped;
    const final = result.engine.belief(intent, at).confidence;
    scores.push(final);
    labels.push(session.outcomes[intent] === true);
    points.forEach((_, k) => {
      atN[k]!.push(byN[k] ?? final);
      reachedN[k]!.push(byN[k] !== undefined);
    });
    if (options.onProgress && (n + 1) % 500 === 0) options.onProgress(n + 1, chosen.length);
  });
  const c = confusion(scores, labels, threshold);
  const curve = points.map((events, k) => {
    const s = atN[k]!;
    const reached = reachedN[k]!;
    const rs = s.filter((_, i) => reached[i]);
    const rl = labels.filter((_, i) => reached[i]);
    return {
      events,
      auc: auc(s, labels),
      aucReached: auc(rs, rl),
      reached: rs.length,
      reachedPositives: rl.filter(Boolean).length,
    };
  });
  return {
    intent,
    scope: mode,
    ...(mode === 'heldout' && split && { split }),
    labelled: labelled.length,
    sessions: chosen.length,
    positives: labels.filter(Boolean).length,
    auc: auc(scores, labels),
    aucInterval: aucInterval(scores, labels),
    threshold,
    f1: f1(scores, labels, threshold),
    f1Interval: f1Interval(scores, labels, threshold),
    precision: c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn),
    ece: ece(scores, labels, 10),
    logLoss: logLoss(scores, labels),
    brier: brier(scores, labels),
    reliability: reliability(scores, labels, 10),
    curve,
    droppedSignals: dropped,
    scores,
    labels,
  };
}
