import type { IntentDefinition } from '../core/model';
import {
  buildIntent,
  type Candidate,
  type DesignOptions,
  designFeatures,
  extractFeatures,
  type FeatureSet,
} from './features';
import type { Session } from './format';
import {
  type FitOptions,
  fitLogistic,
  type LogisticModel,
  linear,
  type SparseRow,
  sigmoid,
} from './logistic';
import { auc, bestF1Threshold, logLoss } from './metrics';
import { foldOf, isHeldOut } from './split';

export interface CalibrateOptions {
  intent: string;
  features?: FeatureSet;
  /**
   * Share of sessions held out for reporting, never used for fitting or tuning; `evaluate` then
   * scores only those unless told otherwise. @defaultValue `0` (fit on every session)
   */
  validation?: number;
  /** @defaultValue `1` */
  seed?: number;
  /** Cross-validation folds inside the training part, for tuning. @defaultValue `4` */
  folds?: number;
  /** L2 strengths tried. */
  lambdas?: readonly number[];
  /** Half-lives tried (ms). Decay changes the features, so each one is a separate replay. */
  halfLives?: readonly number[];
  /**
   * Joint-bin counts tried for pairs of numeric fields (`DesignOptions.interactionBins`); a count
   * in `design` fixes it instead. @defaultValue `[2, 3]`
   */
  interactionBins?: readonly number[];
  design?: Omit<DesignOptions, 'features'>;
  onProgress?: (message: string) => void;
}

export interface Calibration {
  readonly intent: string;
  readonly features: FeatureSet;
  readonly halfLife: number;
  readonly lambda: number;
  /** Bins per field of the joint rules on two numeric fields. */
  readonly interactionBins: number;
  /** Decision threshold maximising F1 on out-of-fold predictions of the training part. */
  readonly threshold: number;
  readonly split: { readonly seed: number; readonly validation: number };
  readonly trainingSessions: number;
  readonly trainingPositives: number;
  readonly candidates: number;
  readonly rules: number;
  /** Out-of-fold numbers for the chosen settings (tuning data, not the held-out report). */
  readonly crossValidation: { readonly auc: number; readonly logLoss: number; readonly f1: number };
  readonly tried: readonly {
    readonly interactionBins: number;
    readonly halfLife: number;
    readonly lambda: number;
    readonly logLoss: number;
    readonly auc: number;
  }[];
}

/** A model file: loadable by `defineModel` as is; `calibration` is ignored by the engine. */
export interface CalibratedModelFile {
  readonly intents: Record<string, IntentDefinition>;
  readonly calibration: Calibration;
}

export const MINUTE = 60_000;
/** JSON has no Infinity; 30 days is "no decay" for any session. */
export const NO_DECAY = 30 * 24 * 60 * MINUTE;
// Short half-lives matter on event data: how recently the shopper last met a new product is
// evidence (REES46 cross-validation preferred 2–5 min once flags had both values).
export const DEFAULT_HALF_LIVES = [
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  60 * MINUTE,
  720 * MINUTE,
  NO_DECAY,
];
export const DEFAULT_LAMBDAS = [3, 10, 30, 100, 300, 1000];
// Joint rules multiply with the bins; which count pays for its rules depends on the data (UCI
// cross-validation preferred 2, REES46 3; neither preferred the 4 used before, which would cost a
// third more calibration time).
export const DEFAULT_INTERACTION_BINS = [2, 3];

export function trainingPart(
  sessions: readonly Session[],
  seed: number,
  validation: number,
): { train: Session[]; heldOut: Session[] } {
  const train: Session[] = [];
  const heldOut: Session[] = [];
  for (const s of sessions) (isHeldOut(s.id, seed, validation) ? heldOut : train).push(s);
  return { train, heldOut };
}

/**
 * The prior is what the engine believes with no evidence, and what every belief decays back to.
 * Left free, the intercept can sit anywhere as long as some always-present rule offsets it (in
 * REES46 every session views a product), and an idle visitor would then drift *up* to it as that
 * evidence decays. So the intercept is pinned to the base rate and the rules carry the rest.
 */
export function anchoredPrior(labels: readonly boolean[]): FitOptions {
  const n = labels.length;
  if (n === 0) return {};
  const rate = (labels.filter(Boolean).length + 0.5) / (n + 1);
  return { interceptCenter: Math.log(rate / (1 - rate)), interceptLambda: 100 * n };
}

/** Out-of-fold predictions; `warm` carries each fold's fit to the next λ to save Newton steps. */
function crossValidate(
  rows: readonly SparseRow[],
  labels: readonly boolean[],
  folds: readonly number[],
  k: number,
  dims: number,
  lambda: number,
  warm: (LogisticModel | undefined)[],
): number[] {
  const out = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < k; f++) {
    const trainIdx: number[] = [];
    for (let i = 0; i < rows.length; i++) if (folds[i] !== f) trainIdx.push(i);
    const start = warm[f];
    const foldLabels = trainIdx.map((i) => labels[i]!);
    const options = { ...anchoredPrior(foldLabels), lambda };
    const m = fitLogistic(
      trainIdx.map((i) => rows[i]!),
      foldLabels,
      dims,
      start ? { ...options, start } : options,
    );
    warm[f] = m;
    for (let i = 0; i < rows.length; i++) if (folds[i] === f) out[i] = sigmoid(linear(m, rows[i]!));
  }
  return out;
}

/**
 * Fits an intent's evidence weights, prior and half-life from labelled sessions. Holds out
 * `validation` of the sessions (by id and seed) and never looks at them; tunes the joint-bin
 * count, half-life and L2 strength by cross-validated log loss on the rest, picks the F1 threshold on the out-of-fold
 * predictions, then refits on the whole training part.
 */
export function calibrate(
  sessions: readonly Session[],
  options: CalibrateOptions,
): CalibratedModelFile {
  const intent = options.intent;
  const features = options.features ?? 'all';
  const seed = options.seed ?? 1;
  const validation = options.validation ?? 0;
  const k = Math.max(2, options.folds ?? 4);
  const lambdas = options.lambdas ?? DEFAULT_LAMBDAS;
  // A segment attribute arrives once, at the start; letting it decay would let session length
  // leak into the "segment only" baseline through the decay, so that baseline keeps it whole.
  const halfLives = options.halfLives ?? (features === 'segment' ? [NO_DECAY] : DEFAULT_HALF_LIVES);
  const log = options.onProgress ?? (() => {});
  const labelled = sessions.filter((s) => typeof s.outcomes[intent] === 'boolean');
  const { train } = trainingPart(labelled, seed, validation);
  const labels = train.map((s) => s.outcomes[intent] === true);
  const positives = labels.filter(Boolean).length;
  const binCounts =
    options.design?.interactionBins !== undefined
      ? [options.design.interactionBins]
      : (options.interactionBins ?? DEFAULT_INTERACTION_BINS);
  // Bin counts that yield the same rules (no two numeric fields on one signal) are one setting.
  const designs: { bins: number; candidates: Candidate[] }[] = [];
  for (const bins of binCounts) {
    const c = designFeatures(train, intent, { ...options.design, features, interactionBins: bins });
    const ids = c.map((x) => x.id).join('\n');
    if (!designs.some((d) => d.candidates.map((x) => x.id).join('\n') === ids))
      designs.push({ bins, candidates: c });
  }
  log(
    `training on ${train.length} sessions (${positives} ${intent}), holding out ${labelled.length - train.length}; ${designs.map((d) => `${d.candidates.length} candidate rules with ${d.bins} joint bins`).join(', ')}`,
  );
  const folds = train.map((s) => foldOf(s.id, seed, k));
  const tried: Calibration['tried'][number][] = [];
  let best: {
    interactionBins: number;
    candidates: Candidate[];
    halfLife: number;
    lambda: number;
    loss: number;
    rows: SparseRow[];
    oof: number[];
  } | null = null;
  for (const { bins, candidates } of designs) {
    for (const halfLife of halfLives) {
      const rows = extractFeatures(train, candidates, intent, halfLife, (done, total) =>
        log(`  replaying with half-life ${halfLife / MINUTE} min: ${done}/${total}`),
      );
      const warm: (LogisticModel | undefined)[] = [];
      for (const lambda of [...lambdas].sort((a, b) => b - a)) {
        const oof = crossValidate(rows, labels, folds, k, candidates.length, lambda, warm);
        const loss = logLoss(oof, labels);
        const a = auc(oof, labels);
        tried.push({ interactionBins: bins, halfLife, lambda, logLoss: loss, auc: a });
        log(
          `  joint bins ${bins}, half-life ${halfLife / MINUTE} min, λ ${lambda}: log loss ${loss.toFixed(4)}, AUC ${a.toFixed(4)}`,
        );
        if (best === null || loss < best.loss)
          best = { interactionBins: bins, candidates, halfLife, lambda, loss, rows, oof };
      }
    }
  }
  const first = designs[0]!;
  const chosen = best ?? {
    interactionBins: first.bins,
    candidates: first.candidates,
    halfLife: halfLives[0] ?? 30 * MINUTE,
    lambda: lambdas[0] ?? 1,
    loss: Number.NaN,
    rows: extractFeatures(train, first.candidates, intent, halfLives[0] ?? 30 * MINUTE),
    oof: train.map(() => 0.5),
  };
  const { candidates } = chosen;
  const fit = fitLogistic(chosen.rows, labels, candidates.length, {
    ...anchoredPrior(labels),
    lambda: chosen.lambda,
  });
  const threshold = bestF1Threshold(chosen.oof, labels);
  const def = buildIntent(candidates, fit, chosen.halfLife, intent);
  log(
    `chose joint bins ${chosen.interactionBins}, half-life ${chosen.halfLife / MINUTE} min, λ ${chosen.lambda}; ${def.evidence.length} rules; F1 threshold ${threshold.threshold.toFixed(3)}`,
  );
  return {
    intents: { [intent]: def },
    calibration: {
      intent,
      features,
      halfLife: chosen.halfLife,
      lambda: chosen.lambda,
      interactionBins: chosen.interactionBins,
      threshold: Number(threshold.threshold.toPrecision(6)),
      split: { seed, validation },
      trainingSessions: train.length,
      trainingPositives: positives,
      candidates: candidates.length,
      rules: def.evidence.length,
      crossValidation: {
        auc: auc(chosen.oof, labels),
        logLoss: chosen.loss,
        f1: threshold.f1,
      },
      tried,
    },
  };
}
