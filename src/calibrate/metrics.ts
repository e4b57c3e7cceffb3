/**
 * Area under the ROC curve: the chance a random positive scores above a random negative
 * (ties count half). NaN when only one class is present, since ranking is then undefined.
 */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  const n = Math.min(scores.length, labels.length);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts with "positive" meaning score ≥ threshold. */
export function confusion(
  scores: readonly number[],
  labels: readonly boolean[],
  threshold: number,
): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < Math.min(scores.length, labels.length); i++) {
    const p = scores[i]! >= threshold;
    if (p && labels[i]) c.tp++;
    else if (p) c.fp++;
    else if (labels[i]) c.fn++;
    else c.tn++;
  }
  return c;
}

/** F1 of the positive class; 0 when nothing is predicted or present. */
export function f1(
  scores: readonly number[],
  labels: readonly boolean[],
  threshold: number,
): number {
  const { tp, fp, fn } = confusion(scores, labels, threshold);
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** The threshold that maximises F1 on these scores (midpoint between neighbouring scores). */
export function bestF1Threshold(
  scores: readonly number[],
  labels: readonly boolean[],
): { threshold: number; f1: number } {
  const n = Math.min(scores.length, labels.length);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let totalPos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) totalPos++;
  let best = { threshold: 0.5, f1: 0 };
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (labels[i]) tp++;
    else fp++;
    const next = order[k + 1];
    // Only cut between distinct scores: tied sessions are all in or all out.
    if (next !== undefined && scores[next] === scores[i]) continue;
    const value = tp === 0 ? 0 : (2 * tp) / (tp + fp + totalPos);
    if (value > best.f1) {
      const s = scores[i]!;
      const threshold = next === undefined ? s : (s + scores[next]!) / 2;
      best = { threshold, f1: value };
    }
  }
  return best;
}

export interface ReliabilityBin {
  /** Lower and upper edge of the confidence bin. */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Mean predicted confidence in the bin (NaN when empty). */
  readonly confidence: number;
  /** Observed share of positives in the bin (NaN when empty). */
  readonly observed: number;
}

/** Equal-width confidence bins; a score of exactly 1 falls in the last bin. */
export function reliability(
  scores: readonly number[],
  labels: readonly boolean[],
  bins = 10,
): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  for (let i = 0; i < Math.min(scores.length, labels.length); i++) {
    const p = Math.min(1, Math.max(0, scores[i]!));
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    sumP[b]! += p;
    sumY[b]! += labels[i] ? 1 : 0;
  }
  return count.map((c, b) => ({
    lo: b / bins,
    hi: (b + 1) / bins,
    count: c,
    confidence: c > 0 ? sumP[b]! / c : Number.NaN,
    observed: c > 0 ? sumY[b]! / c : Number.NaN,
  }));
}

/** Expected calibration error: bin-size-weighted mean |confidence − observed| over `bins` bins. */
export function ece(scores: readonly number[], labels: readonly boolean[], bins = 10): number {
  const table = reliability(scores, labels, bins);
  const n = table.reduce((s, b) => s + b.count, 0);
  if (n === 0) return 0;
  return table.reduce(
    (s, b) => (b.count > 0 ? s + (b.count / n) * Math.abs(b.confidence - b.observed) : s),
    0,
  );
}

/** Mean negative log-likelihood, with probabilities clamped so a confident miss stays finite. */
export function logLoss(scores: readonly number[], labels: readonly boolean[]): number {
  const n = Math.min(scores.length, labels.length);
  if (n === 0) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, scores[i]!));
    s -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return s / n;
}

export function brier(scores: readonly number[], labels: readonly boolean[]): number {
  const n = Math.min(scores.length, labels.length);
  if (n === 0) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += (scores[i]! - (labels[i] ? 1 : 0)) ** 2;
  return s / n;
}

/**
 * 95 % percentile bootstrap interval of the AUC (sessions resampled with replacement, seeded so
 * reports are reproducible). Says how much a held-out number could move on other sessions.
 */
export function aucInterval(
  scores: readonly number[],
  labels: readonly boolean[],
  rounds = 1000,
  seed = 1,
): { lo: number; hi: number } {
  return bootstrapInterval(scores, labels, auc, rounds, seed);
}

/**
 * 95 % bootstrap interval of F1 at a fixed threshold: with a few hundred buyers held out, F1
 * moves by several hundredths between samples of the same shoppers, which a target must be read
 * against.
 */
export function f1Interval(
  scores: readonly number[],
  labels: readonly boolean[],
  threshold: number,
  rounds = 1000,
  seed = 1,
): { lo: number; hi: number } {
  return bootstrapInterval(scores, labels, (s, l) => f1(s, l, threshold), rounds, seed);
}

function bootstrapInterval(
  scores: readonly number[],
  labels: readonly boolean[],
  metric: (scores: readonly number[], labels: readonly boolean[]) => number,
  rounds: number,
  seed: number,
): { lo: number; hi: number } {
  const n = Math.min(scores.length, labels.length);
  let s = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32: small, seedable, good enough for resampling indices.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const values: number[] = [];
  const bs = new Array<number>(n);
  const bl = new Array<boolean>(n);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(next() * n);
      bs[i] = scores[j]!;
      bl[i] = labels[j]!;
    }
    const a = metric(bs, bl);
    if (!Number.isNaN(a)) values.push(a);
  }
  if (values.length === 0) return { lo: Number.NaN, hi: Number.NaN };
  values.sort((a, b) => a - b);
  const at = (q: number): number =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))]!;
  return { lo: at(0.025), hi: at(0.975) };
}
