// @vitest-environment node
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineModel } from 'intentful/core';
import { describe, expect, it } from 'vitest';
import { calibrate, trainingPart } from '../../src/calibrate/calibrate';
import { convertRees46, convertUci } from '../../src/calibrate/convert';
import { evaluate } from '../../src/calibrate/evaluate';
import { buildIntent, designFeatures, extractFeatures, replay } from '../../src/calibrate/features';
import { beforeOutcome, type Session } from '../../src/calibrate/format';
import { linear } from '../../src/calibrate/logistic';
import { main } from '../../src/cli/main';

const fixture = (name: string): string =>
  readFileSync(join(process.cwd(), 'test/calibrate/fixtures', name), 'utf8');

const quick = { lambdas: [1, 10], halfLives: [3_600_000], folds: 2 } as const;

describe('converters', () => {
  it('turns UCI aggregate rows into session, page-view and dwell signals', () => {
    const { sessions, errors } = convertUci(fixture('uci-slice.csv'));
    expect(errors).toEqual([]);
    expect(sessions).toHaveLength(45);
    const first = sessions[0]!;
    // Row 1: 2 product pages, 64 s in total → two views, each followed by 32 s of dwell.
    expect(first.signals.map((s) => s.type)).toEqual([
      'session',
      'page-view',
      'dwell',
      'page-view',
      'dwell',
    ]);
    expect(first.signals[2]!.data).toEqual({ pageType: 'product', ms: 32_000 });
    expect(first.signals[0]!.data).toMatchObject({
      visitorType: 'returning',
      region: '1',
      month: 'Feb',
    });
    expect(first.outcomes).toEqual({ purchase: false });
    expect(sessions.filter((s) => s.outcomes.purchase)).toHaveLength(15);
  });

  it('turns REES46 events into signals and marks the purchase with a goal', () => {
    const { sessions, errors } = convertRees46(fixture('rees46-slice.csv'));
    expect(errors).toEqual([]);
    const buyers = sessions.filter((s) => s.outcomes.purchase);
    expect(buyers.length).toBeGreaterThanOrEqual(5);
    for (const s of buyers) {
      const seen = beforeOutcome(s, 'purchase').signals;
      expect(seen.some((x) => x.type === 'goal')).toBe(false);
      expect(s.signals.some((x) => x.type === 'goal' && x.target === 'purchase')).toBe(true);
    }
    const view = sessions[0]!.signals.find((x) => x.type === 'page-view')!;
    expect(view.data).toMatchObject({ pageType: 'product', repeat: false });
    expect(typeof view.data!.price).toBe('number');
  });

  it('reports rows it cannot use', () => {
    const bad = convertUci('Administrative,Revenue\n1,TRUE\n');
    expect(bad.sessions).toEqual([]);
    expect(bad.errors[0]!.reason).toMatch(/missing .*ProductRelated/);
    const csv = fixture('uci-slice.csv').split('\n');
    csv[1] = csv[1]!.replace(/^0,/, 'x,');
    const some = convertUci(csv.join('\n'));
    expect(some.errors).toEqual([{ line: 2, reason: 'bad value in Administrative' }]);
    expect(some.sessions).toHaveLength(44);
  });
});

describe('the engine scores exactly what calibration fitted', () => {
  // Calibration computes features with the engine's compiled rules and scoring functions but its
  // own loop; these fail if that loop and the engine ever accumulate, decay or bound differently.
  const engineScore = (model: Parameters<typeof replay>[0], session: Session): number => {
    const { signals, at } = beforeOutcome(session, 'purchase');
    return replay(model, signals).engine.belief('purchase', at).score;
  };

  it("a calibrated model's score for a replayed session is calibration's linear predictor", () => {
    const { sessions } = convertUci(fixture('uci-slice.csv'));
    const file = calibrate(sessions, {
      intent: 'purchase',
      validation: 0.3,
      seed: 3,
      design: { minSupport: 3 },
      ...quick,
    });
    const { interactionBins, halfLife } = file.calibration;
    const intent = file.intents.purchase!;
    expect(intent.evidence.length).toBeGreaterThan(3);
    // The candidates the chosen design had, with the weights the file gives their rules.
    const { train } = trainingPart(sessions, 3, 0.3);
    const candidates = designFeatures(train, 'purchase', { minSupport: 3, interactionBins });
    const weightOf = new Map(intent.evidence.map((r) => [r.id, r.weight as number]));
    const fit = {
      intercept: intent.prior!,
      weights: Float64Array.from(candidates, (c) => weightOf.get(c.id) ?? 0),
      iterations: 0,
      converged: true,
    };
    expect(fit.weights.filter((w) => w !== 0)).toHaveLength(intent.evidence.length);
    const model = defineModel(JSON.parse(JSON.stringify(file)));
    // Held-out sessions too: the equality is arithmetic, not a property of the training data.
    const rows = extractFeatures(sessions, candidates, 'purchase', halfLife);
    sessions.forEach((session, i) => {
      expect(engineScore(model, session)).toBeCloseTo(linear(fit, rows[i]!), 9);
    });
  });

  it('holds for weights of both signs, bounded counts, decay and data-field scaling', () => {
    const { sessions } = convertRees46(fixture('rees46-slice.csv'));
    const candidates = designFeatures(sessions, 'purchase', { minSupport: 2 });
    expect(candidates.length).toBeGreaterThan(10);
    expect(candidates.some((c) => c.scaleBy)).toBe(true);
    const halfLife = 120_000;
    const rows = extractFeatures(sessions, candidates, 'purchase', halfLife);
    // Arbitrary weights of both signs exercise the symmetric bounds.
    const fit = {
      intercept: -1.3,
      weights: Float64Array.from(candidates, (_, i) => ((i % 7) - 3) * 0.37),
      iterations: 0,
      converged: true,
    };
    const model = defineModel({ intents: { purchase: buildIntent(candidates, fit, halfLife) } });
    // A bound that binds somewhere, or the test would not notice bounds applied differently.
    const unbounded = extractFeatures(
      sessions,
      candidates.map(({ capUnits: _, ...c }) => c),
      'purchase',
      halfLife,
    );
    expect(rows.some((row, i) => row.value.some((v, k) => v !== unbounded[i]!.value[k]))).toBe(
      true,
    );
    sessions.forEach((session, i) => {
      expect(engineScore(model, session)).toBeCloseTo(linear(fit, rows[i]!), 9);
    });
  });
});

describe('the shipped shopping model', () => {
  it('loads with defineModel as is and scores a replayed session', () => {
    const json = JSON.parse(readFileSync(join(process.cwd(), 'models/shopping.json'), 'utf8'));
    const model = defineModel(json);
    expect(model.intentIds).toEqual(['purchase']);
    const { sessions } = convertRees46(fixture('rees46-slice.csv'));
    const result = evaluate(sessions, json, { split: 'all' });
    expect(result.droppedSignals).toBe(0);
    expect(result.scores.every((p) => p > 0 && p < 1)).toBe(true);
  });
});

describe('calibrate and evaluate on a small slice', () => {
  it('fits a loadable model on UCI rows and evaluates it through the engine', () => {
    const { sessions } = convertUci(fixture('uci-slice.csv'));
    const file = calibrate(sessions, {
      intent: 'purchase',
      validation: 0.3,
      seed: 3,
      design: { minSupport: 3 },
      ...quick,
    });
    const json = JSON.parse(JSON.stringify(file));
    const model = defineModel(json);
    // With no evidence (and after all evidence decays) the belief is the training base rate.
    const { trainingPositives, trainingSessions } = file.calibration;
    const prior = file.intents.purchase!.prior!;
    expect(1 / (1 + Math.exp(-prior))).toBeCloseTo(
      (trainingPositives + 0.5) / (trainingSessions + 1),
      2,
    );
    expect(model.intentIds).toEqual(['purchase']);
    expect(file.calibration.trainingSessions + 0).toBeLessThan(45);
    const result = evaluate(sessions, json);
    expect(result.sessions).toBe(45 - file.calibration.trainingSessions);
    for (const v of [result.auc, result.f1, result.ece, result.logLoss]) {
      expect(Number.isNaN(v) || (v >= 0 && Number.isFinite(v))).toBe(true);
    }
    expect(result.scores.every((p) => p > 0 && p < 1)).toBe(true);
    expect(result.droppedSignals).toBe(0);
    // Page value is the strongest evidence in this data; it must rank buyers above non-buyers.
    const all = evaluate(sessions, json, { split: 'all' });
    expect(all.auc).toBeGreaterThan(0.8);
  });

  it('tunes the joint-bin count with half-life and λ, and keeps the rules of the one chosen', () => {
    const { sessions } = convertUci(fixture('uci-slice.csv'));
    const options = { intent: 'purchase', validation: 0.3, seed: 3, ...quick };
    const file = calibrate(sessions, { ...options, design: { minSupport: 3 } });
    const { tried, interactionBins, lambda, halfLife } = file.calibration;
    expect([...new Set(tried.map((t) => t.interactionBins))]).toEqual([2, 3]);
    const best = tried.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
    expect([best.interactionBins, best.halfLife, best.lambda]).toEqual([
      interactionBins,
      halfLife,
      lambda,
    ]);
    // Every rule of the model is a candidate of the chosen design, so none comes from another.
    const { train } = trainingPart(sessions, 3, 0.3);
    const ids = new Set(
      designFeatures(train, 'purchase', { minSupport: 3, interactionBins }).map((c) => c.id),
    );
    expect(file.intents.purchase!.evidence.every((r) => ids.has(r.id!))).toBe(true);
    // A count fixed in the design is the only one tried; the segment set has no numeric pairs,
    // so its bin counts are one setting.
    const fixed = calibrate(sessions, {
      ...options,
      design: { minSupport: 3, interactionBins: 4 },
    });
    expect(new Set(fixed.calibration.tried.map((t) => t.interactionBins))).toEqual(new Set([4]));
    const segment = calibrate(sessions, {
      ...options,
      features: 'segment',
      design: { minSupport: 3 },
    });
    expect(new Set(segment.calibration.tried.map((t) => t.interactionBins))).toEqual(new Set([2]));
  });

  it('runs convert, calibrate and evaluate from the CLI with a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intentful-cli-'));
    const csv = join(dir, 'rees46.csv');
    writeFileSync(csv, fixture('rees46-slice.csv'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const sessions = join(dir, 's.jsonl');
    expect(await main(['convert', 'rees46', csv, sessions], io)).toBe(0);
    // A broken export line is skipped and reported, not fatal.
    writeFileSync(sessions, `${readFileSync(sessions, 'utf8')}{"id": 1}\nnot json\n`);
    const model = join(dir, 'model.json');
    expect(
      await main(
        [
          'calibrate',
          sessions,
          '--intent',
          'purchase',
          '--out',
          model,
          '--validation',
          '0.3',
          '--folds',
          '2',
        ],
        io,
      ),
    ).toBe(0);
    expect(err.join('\n')).toMatch(/skipped 2 malformed lines/);
    expect(err.join('\n')).toMatch(/line \d+: `id` must be a non-empty string/);
    const report = join(dir, 'report');
    expect(
      await main(['evaluate', sessions, '--model', model, '--report', report, '--name', 't'], io),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/AUC/);
    expect(readFileSync(join(report, 't-reliability.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(report, 't-after-n-events.svg'), 'utf8')).toMatch(/<polyline/);
    const metrics = JSON.parse(readFileSync(join(report, 't.json'), 'utf8'));
    expect(metrics[0].curve.map((c: { events: number }) => c.events)).toEqual([1, 2, 3, 5, 10]);
  });

  it('gives clear errors for bad usage', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l) };
    expect(
      await main(
        ['calibrate', '/nonexistent.jsonl', '--intent', 'purchase', '--out', '/tmp/x.json'],
        io,
      ),
    ).toBe(2);
    expect(err.join('\n')).toMatch(/cannot read \/nonexistent.jsonl/);
    expect(await main(['evaluate', 'x.jsonl'], io)).toBe(2);
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command "frobnicate"/);
  });
});
