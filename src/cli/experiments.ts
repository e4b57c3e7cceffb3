/**
 * The cross-validation behind the choices in QUALITY.md: each variant of the candidate rules or
 * the fit is scored by out-of-fold predictions inside the training part only (the held-out
 * sessions are never read), averaged over several fold assignments because one assignment moves
 * REES46's AUC by ±0.02. Writes reports/experiments.md. Run: `npx tsx src/cli/experiments.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate, trainingPart } from '../calibrate/calibrate';
import { convertRees46, convertUci } from '../calibrate/convert';
import { evaluate } from '../calibrate/evaluate';
import {
  type Candidate,
  type DesignOptions,
  designFeatures,
  extractFeatures,
} from '../calibrate/features';
import { beforeOutcome, type Session } from '../calibrate/format';
import { fitLogistic, linear, type SparseRow, sigmoid } from '../calibrate/logistic';
import { auc, bestF1Threshold, ece, logLoss } from '../calibrate/metrics';
import { foldOf } from '../calibrate/split';

const DATA = process.env.INTENTFUL_DATA ?? '../shared/data';
const SEED = 1;
const VALIDATION = 0.2;
const FOLD_SEEDS = [1, 2, 3, 4, 5];
const MINUTE = 60_000;
const NO_DECAY = 30 * 24 * 60 * MINUTE;

interface Variant {
  name: string;
  sessions: Session[];
  design: DesignOptions;
  halfLives: number[];
  lambdas: number[];
  positiveWeight?: number;
  foldSeeds?: number[];
  /** Rules beyond the designed ones. */
  extra?: (sessions: Session[]) => Candidate[];
}

interface Score {
  auc: number;
  /** AUC among sessions with no cart add before the decision point. */
  aucNoCart: number;
  logLoss: number;
  f1: number;
  ece: number;
}

function anchored(labels: readonly boolean[]) {
  const rate = (labels.filter(Boolean).length + 0.5) / (labels.length + 1);
  return { interceptCenter: Math.log(rate / (1 - rate)), interceptLambda: 100 * labels.length };
}

const hasCartAdd = (s: Session): boolean =>
  beforeOutcome(s, 'purchase').signals.some((x) => x.type === 'cart-add');

function outOfFold(
  v: Variant,
  rows: SparseRow[],
  labels: boolean[],
  dims: number,
  lambda: number,
): Score {
  const scores: Score[] = [];
  for (const foldSeed of v.foldSeeds ?? FOLD_SEEDS) {
    const folds = v.sessions.map((s) => foldOf(s.id, foldSeed, 4));
    const oof = new Array<number>(rows.length).fill(0);
    for (let f = 0; f < 4; f++) {
      const idx = rows.map((_, i) => i).filter((i) => folds[i] !== f);
      const ls = idx.map((i) => labels[i]!);
      const w = v.positiveWeight;
      const m = fitLogistic(
        idx.map((i) => rows[i]!),
        ls,
        dims,
        { ...anchored(ls), lambda, ...(w ? { weights: ls.map((l) => (l ? w : 1)) } : {}) },
      );
      rows.forEach((r, i) => {
        if (folds[i] === f) oof[i] = sigmoid(linear(m, r));
      });
    }
    const noCart = v.sessions.map((s) => !hasCartAdd(s));
    scores.push({
      auc: auc(oof, labels),
      aucNoCart: auc(
        oof.filter((_, i) => noCart[i]),
        labels.filter((_, i) => noCart[i]),
      ),
      logLoss: logLoss(oof, labels),
      f1: bestF1Threshold(oof, labels).f1,
      ece: ece(oof, labels, 10),
    });
  }
  const mean = (k: keyof Score): number => scores.reduce((a, s) => a + s[k], 0) / scores.length;
  return {
    auc: mean('auc'),
    aucNoCart: mean('aucNoCart'),
    logLoss: mean('logLoss'),
    f1: mean('f1'),
    ece: mean('ece'),
  };
}

/** Best setting of one variant by mean out-of-fold log loss, as `calibrate` chooses. */
function score(v: Variant): Score & { halfLife: number; lambda: number; rules: number } {
  const labels = v.sessions.map((s) => s.outcomes.purchase === true);
  const candidates = [
    ...designFeatures(v.sessions, 'purchase', v.design),
    ...(v.extra?.(v.sessions) ?? []),
  ];
  let best: (Score & { halfLife: number; lambda: number }) | null = null;
  for (const halfLife of v.halfLives) {
    const rows = extractFeatures(v.sessions, candidates, 'purchase', halfLife);
    for (const lambda of v.lambdas) {
      const s = outOfFold(v, rows, labels, candidates.length, lambda);
      if (best === null || s.logLoss < best.logLoss) best = { ...s, halfLife, lambda };
    }
  }
  process.stderr.write(`  ${v.name}: AUC ${best!.auc.toFixed(3)}\n`);
  return { ...best!, rules: candidates.length };
}

/** Drops the page-view fields added after the first QUALITY run, to measure what they add. */
function withoutHistoryFields(sessions: Session[]): Session[] {
  return sessions.map((s) => ({
    ...s,
    signals: s.signals.map((x) => {
      if (x.type !== 'page-view' || !x.data) return x;
      const { productViews: _v, inCart: _c, ...data } = x.data;
      return { ...x, data };
    }),
  }));
}

/**
 * A probe, not a model the engine could run: rules match one signal, and the month and visitor
 * type live on the `session` signal, so "a high page value in November" cannot be a rule. Copying
 * them onto every page view measures what such cross-signal interactions would be worth.
 */
function withContextOnPages(sessions: Session[]): Session[] {
  return sessions.map((s) => {
    const context = s.signals.find((x) => x.type === 'session')?.data ?? {};
    return {
      ...s,
      signals: s.signals.map((x) =>
        x.type === 'page-view'
          ? {
              ...x,
              data: {
                ...x.data,
                month: context.month ?? null,
                visitorType: context.visitorType ?? null,
              },
            }
          : x,
      ),
    };
  });
}

function contextByPageValue(sessions: Session[]): Candidate[] {
  const out: Candidate[] = [];
  const ranges = [{ lte: 0 }, { gt: 0, lte: 10 }, { gt: 10, lte: 30 }, { gt: 30 }];
  const values = (field: string): string[] => [
    ...new Set(
      sessions.map((s) => String(s.signals.find((x) => x.type === 'session')?.data?.[field])),
    ),
  ];
  for (const field of ['month', 'visitorType']) {
    for (const value of values(field)) {
      for (const pageValue of ranges) {
        out.push({
          id: `probe ${field}=${value} pageValue ${JSON.stringify(pageValue)}`,
          label: '',
          group: 'behaviour',
          when: { type: 'page-view', data: { [field]: value, pageValue } },
          capUnits: 1,
        });
      }
    }
  }
  return out;
}

function all(name: 'uci' | 'rees46'): Session[] {
  const file = name === 'uci' ? 'uci-online-shoppers/train.csv' : 'rees46/train.csv';
  const csv = readFileSync(join(DATA, file), 'utf8');
  return (name === 'uci' ? convertUci : convertRees46)(csv).sessions;
}

function train(name: 'uci' | 'rees46'): Session[] {
  return trainingPart(all(name), SEED, VALIDATION).train;
}

/**
 * The whole method (calibrate, then evaluate through the engine) on other held-out splits: with
 * 38 REES46 buyers held out, one split's AUC moves by ±0.1, so the mean over splits is the better
 * estimate of what unseen sessions will show. Nothing is chosen from these numbers.
 */
function repeatedSplits(): string[] {
  const sessions = all('rees46');
  const old = withoutHistoryFields(sessions);
  const methods = [
    {
      name: 'rules as in the first run',
      sessions: old,
      features: 'behaviour' as const,
      design: { flagComplements: false },
      halfLives: [10 * MINUTE, 60 * MINUTE, 720 * MINUTE, NO_DECAY],
    },
    {
      name: 'with `false` flags, `productViews`, `inCart`, short half-lives',
      sessions,
      features: 'behaviour' as const,
      design: {},
      halfLives: [2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 60 * MINUTE],
    },
    {
      name: 'segment only',
      sessions,
      features: 'segment' as const,
      design: {},
      halfLives: [NO_DECAY],
    },
  ];
  const seeds = [1, 2, 3, 4, 5];
  const lines = [
    `| REES46 held-out AUC, behaviour only | ${seeds.map((s) => `seed ${s}`).join(' | ')} | mean |`,
    `| --- | ${seeds.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const m of methods) {
    const aucs = seeds.map((seed) => {
      const file = calibrate(m.sessions, {
        intent: 'purchase',
        features: m.features,
        seed,
        validation: VALIDATION,
        lambdas: [100, 300, 1000],
        halfLives: m.halfLives,
        design: m.design,
      });
      return evaluate(m.sessions, JSON.parse(JSON.stringify(file)), { curve: [] }).auc;
    });
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    process.stderr.write(`  splits, ${m.name}: mean AUC ${mean.toFixed(3)}\n`);
    lines.push(`| ${m.name} | ${aucs.map((a) => a.toFixed(3)).join(' | ')} | ${mean.toFixed(3)} |`);
  }
  return lines;
}

function main(): void {
  const rees = train('rees46');
  const uci = train('uci');
  const shortHl = [2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 60 * MINUTE];
  const reesL = [100, 300, 1000];
  const behaviour: DesignOptions = { features: 'behaviour' };
  const oldRees = withoutHistoryFields(rees);
  const variants: Variant[] = [
    {
      name: 'REES46 behaviour: rules as in the first run (10 min half-life)',
      sessions: oldRees,
      design: { ...behaviour, flagComplements: false },
      halfLives: [10 * MINUTE],
      lambdas: reesL,
    },
    {
      name: 'REES46 + half-lives 2 and 5 min',
      sessions: oldRees,
      design: { ...behaviour, flagComplements: false },
      halfLives: shortHl,
      lambdas: reesL,
    },
    {
      name: 'REES46 + rules for `false` flags ("a product not seen before")',
      sessions: oldRees,
      design: behaviour,
      halfLives: shortHl,
      lambdas: reesL,
    },
    {
      name: 'REES46 + `productViews` and `inCart` on page views',
      sessions: rees,
      design: behaviour,
      halfLives: shortHl,
      lambdas: reesL,
    },
    {
      name: 'REES46, same, 16 bins per numeric field',
      sessions: rees,
      design: { ...behaviour, bins: 16 },
      halfLives: shortHl,
      lambdas: reesL,
    },
    {
      name: 'REES46, same, no joint bins',
      sessions: rees,
      design: { ...behaviour, interactionBins: 0 },
      halfLives: shortHl,
      lambdas: reesL,
    },
    {
      name: 'REES46, same, buyers weighted ×5',
      sessions: rees,
      design: behaviour,
      halfLives: [2 * MINUTE, 5 * MINUTE],
      lambdas: reesL,
      positiveWeight: 5,
    },
    {
      name: 'REES46 segment only',
      sessions: rees,
      design: { features: 'segment' },
      halfLives: [NO_DECAY],
      lambdas: reesL,
    },
    {
      name: 'UCI all evidence (no decay)',
      sessions: uci,
      design: { features: 'all' },
      halfLives: [NO_DECAY],
      lambdas: [100, 300],
      foldSeeds: [1, 2, 3],
    },
    {
      name: 'UCI all, 16 bins per numeric field',
      sessions: uci,
      design: { features: 'all', bins: 16 },
      halfLives: [NO_DECAY],
      lambdas: [100, 300],
      foldSeeds: [1, 2, 3],
    },
    {
      name: 'UCI all, joint bins 3 per field',
      sessions: uci,
      design: { features: 'all', interactionBins: 3 },
      halfLives: [NO_DECAY],
      lambdas: [100, 300],
      foldSeeds: [1, 2, 3],
    },
    {
      name: 'UCI probe, not runnable: month × page value and visitor type × page value rules',
      sessions: withContextOnPages(uci),
      design: { features: 'all' },
      halfLives: [NO_DECAY],
      lambdas: [100, 300],
      foldSeeds: [1, 2, 3],
      extra: contextByPageValue,
    },
    {
      name: 'UCI all, buyers weighted ×2',
      sessions: uci,
      design: { features: 'all' },
      halfLives: [NO_DECAY],
      lambdas: [100, 300],
      positiveWeight: 2,
      foldSeeds: [1, 2, 3],
    },
  ];
  const lines = [
    '# Cross-validation behind the choices in QUALITY.md',
    '',
    '<!-- Generated by `npx tsx src/cli/experiments.ts`. -->',
    '',
    `Training part only (seed ${SEED}, ${VALIDATION} held out and never read). Each row: 4-fold`,
    'out-of-fold predictions, averaged over several fold assignments (5 for REES46, 3 for UCI), at',
    'the half-life and L2 strength with the lowest mean log loss. F1 is at the best threshold on',
    'those predictions, so it is optimistic by the same amount in every row.',
    '',
    'The "AUC without a cart add" column ranks only the sessions with no cart add before the',
    'decision point (UCI has no cart signal, so there it is every session).',
    '',
    '| variant | candidate rules | half-life (min) | λ | AUC | AUC without a cart add | log loss | F1 | ECE |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const v of variants) {
    const s = score(v);
    lines.push(
      `| ${v.name} | ${s.rules} | ${s.halfLife === NO_DECAY ? 'none' : s.halfLife / MINUTE} | ${s.lambda} | ${s.auc.toFixed(3)} | ${s.aucNoCart.toFixed(3)} | ${s.logLoss.toFixed(4)} | ${s.f1.toFixed(3)} | ${s.ece.toFixed(4)} |`,
    );
  }
  lines.push(
    '',
    '## The method on five held-out splits',
    '',
    'Each seed holds out a different 20 % of REES46 (seed 1 is the split in QUALITY.md),',
    'calibrates on the rest (λ from 100, 300, 1000) and scores the held-out sessions through the',
    'engine. Read the mean, not one seed; none of these numbers chose anything.',
    '',
    ...repeatedSplits(),
  );
  writeFileSync('reports/experiments.md', `${lines.join('\n')}\n`);
  process.stderr.write('wrote reports/experiments.md\n');
}

main();
