/**
 * Reproduces QUALITY.md: converts both data sets, calibrates three models on each (all evidence,
 * behaviour only, segment only), evaluates them on the held-out sessions through the engine,
 * writes the charts under reports/ and the tables into QUALITY.md. Run: `npm run quality`.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainingPart } from '../calibrate/calibrate';
import { type Coverage, coverage } from '../calibrate/coverage';
import type { Evaluation } from '../calibrate/evaluate';
import { parseSessions } from '../calibrate/format';
import { main } from './main';

const DATA = process.env.INTENTFUL_DATA ?? '../shared/data';
/** The REES46 AUC target from the issue. */
const REES_AUC = 0.8;
const WORK = process.env.INTENTFUL_SESSIONS ?? join(tmpdir(), 'intentful-quality');
const SEED = 1;
const VALIDATION = 0.2;
const FEATURES = ['all', 'behaviour', 'segment'] as const;

// f1Interval is optional: reports written before it existed still render with --from-reports.
type Row = Omit<Evaluation, 'scores' | 'labels' | 'f1Interval'> & {
  label: string;
  f1Interval?: Evaluation['f1Interval'];
};

const commands: string[] = [];
// Rewrites QUALITY.md from the existing reports/ without recomputing (for editing the prose).
const fromReports = process.argv.includes('--from-reports');

async function run(args: string[]): Promise<void> {
  // In a checkout the CLI runs from source; an installed package runs it as `npx intentful`.
  commands.push(`npx tsx src/cli/intentful.ts ${args.join(' ')}`);
  if (fromReports) return;
  process.stderr.write(`\n$ intentful ${args.join(' ')}\n`);
  const code = await main(args);
  if (code !== 0) throw new Error(`intentful ${args[0]} failed with exit code ${code}`);
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const mark = (ok: boolean): string => (ok ? '✅' : '❌');

async function pipeline(name: 'uci' | 'rees46', csv: string): Promise<Row[]> {
  const sessions = join(WORK, `${name}.jsonl`);
  await run(['convert', name, csv, sessions]);
  for (const features of FEATURES) {
    await run([
      'calibrate',
      sessions,
      '--intent',
      'purchase',
      '--features',
      features,
      '--validation',
      String(VALIDATION),
      '--seed',
      String(SEED),
      '--out',
      `reports/models/${name}-${features}.json`,
    ]);
  }
  await run([
    'evaluate',
    sessions,
    '--model',
    `reports/models/${name}-all.json`,
    '--baseline',
    `reports/models/${name}-behaviour.json,reports/models/${name}-segment.json`,
    '--name',
    name,
    '--report',
    'reports',
  ]);
  return JSON.parse(readFileSync(`reports/${name}.json`, 'utf8')) as Row[];
}

/** Pads a markdown table's cells to common widths, as the repository's formatter wants them. */
function aligned(lines: string[]): string[] {
  const rows = lines.map((l) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim()),
  );
  // The marks are double-width characters for the formatter.
  const width = (c: string): number => c.length + (c.match(/[✅❌]/gu)?.length ?? 0);
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      if (!/^-+$/.test(c)) widths[i] = Math.max(widths[i] ?? 3, width(c));
    });
  }
  return rows.map(
    (r) =>
      `| ${r.map((c, i) => (/^-+$/.test(c) ? '-'.repeat(widths[i] ?? 3) : c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c))))).join(' | ')} |`,
  );
}

function table(
  name: string,
  rows: Row[],
  targets: { auc: number; f1?: number; ece?: number },
): string[] {
  const out = [
    `| ${name} | sessions (purchases) | AUC | AUC 95 % bootstrap | F1 (threshold) | F1 95 % bootstrap | precision / recall | ECE (10 bins) | log loss |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const aucOk = r.auc >= targets.auc;
    const f1Ok = targets.f1 === undefined || r.f1 >= targets.f1;
    const eceOk = targets.ece === undefined || r.ece <= targets.ece;
    const judged = r.label !== 'segment only';
    out.push(
      `| ${r.label} | ${r.sessions} (${r.positives}) | ${f3(r.auc)}${judged ? ` ${mark(aucOk)}` : ''} | ${f3(r.aucInterval.lo)}–${f3(r.aucInterval.hi)} | ${f3(r.f1)} (${f3(r.threshold)})${judged && targets.f1 !== undefined ? ` ${mark(f1Ok)}` : ''} | ${r.f1Interval ? `${f3(r.f1Interval.lo)}–${f3(r.f1Interval.hi)}` : 'n/a'} | ${f3(r.precision)} / ${f3(r.recall)} | ${r.ece.toFixed(4)}${judged && targets.ece !== undefined ? ` ${mark(eceOk)}` : ''} | ${r.logLoss.toFixed(4)} |`,
    );
  }
  return aligned(out);
}

function gap(rows: Row[]): string {
  const b = rows.find((r) => r.label === 'behaviour only');
  const s = rows.find((r) => r.label === 'segment only');
  if (!b || !s) return 'n/a';
  const d = b.auc - s.auc;
  return `${f3(d)} ${mark(d >= 0.15)}`;
}

function curveTable(rows: Row[]): string[] {
  const points = rows[0]?.curve.map((c) => c.events) ?? [];
  const out = [
    `| AUC after N events | ${points.map((p) => `N = ${p}`).join(' | ')} |`,
    `| --- | ${points.map(() => '---').join(' | ')} |`,
  ];
  for (const r of rows) out.push(`| ${r.label} | ${r.curve.map((c) => f3(c.auc)).join(' | ')} |`);
  const first = rows[0];
  if (first) {
    out.push(
      `| sessions that reach N events (purchases) | ${first.curve.map((c) => `${c.reached} (${c.reachedPositives})`).join(' | ')} |`,
      `| ${first.label}, only those sessions | ${first.curve.map((c) => f3(c.aucReached)).join(' | ')} |`,
    );
  }
  return aligned(out);
}

/**
 * What buyers and non-buyers of the training part show before the decision point. Computed from
 * the converted sessions once and kept in `reports/`, so `--from-reports` needs nothing else.
 */
function coverageOf(name: string): Coverage {
  const file = `reports/${name}-coverage.json`;
  if (fromReports) return JSON.parse(readFileSync(file, 'utf8')) as Coverage;
  const { sessions } = parseSessions(readFileSync(join(WORK, `${name}.jsonl`), 'utf8'));
  const c = coverage(trainingPart(sessions, SEED, VALIDATION).train, 'purchase');
  writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`);
  return c;
}

function coverageTable(c: Coverage): string[] {
  const pct = (n: number, of: number): string =>
    `${n} (${of === 0 ? 'n/a' : ((100 * n) / of).toFixed(1)} %)`;
  return aligned([
    `| training sessions with … | buyers (${c.positives}) | non-buyers (${c.negatives}) |`,
    '| --- | --- | --- |',
    ...c.rows.map(
      (r) => `| ${r.label} | ${pct(r.positives, c.positives)} | ${pct(r.negatives, c.negatives)} |`,
    ),
  ]);
}

/**
 * The ranking sessions without a cart add would need for REES46 to reach `target` AUC, even if
 * every session with a cart add ranked perfectly and above all others:
 * AUC = (B_cart·N + B_rest·N_rest·a) / (B·N), solved for a.
 */
function cartBound(c: Coverage, target: number): string {
  const cart = c.rows.find((r) => r.key === 'cart-add');
  if (!cart) return 'n/a';
  const restB = c.positives - cart.positives;
  const restN = c.negatives - cart.negatives;
  const a = (target * c.positives * c.negatives - cart.positives * c.negatives) / (restB * restN);
  return `${f3(a)} (${restB} buyers among ${restN} non-buyers)`;
}

async function quality(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  mkdirSync('reports/models', { recursive: true });
  const started = Date.now();
  const uci = await pipeline('uci', join(DATA, 'uci-online-shoppers/train.csv'));
  const rees = await pipeline('rees46', join(DATA, 'rees46/train.csv'));
  const reesCoverage = coverageOf('rees46');
  if (!fromReports) copyFileSync('reports/models/rees46-behaviour.json', 'models/shopping.json');
  commands.push('cp reports/models/rees46-behaviour.json models/shopping.json');
  const template = readFileSync('src/cli/QUALITY.template.md', 'utf8');
  const filled = template
    .replace(
      '{{UCI_TABLE}}',
      table('UCI Online Shoppers', uci, { auc: 0.92, f1: 0.68, ece: 0.02 }).join('\n'),
    )
    .replace('{{REES_TABLE}}', table('REES46', rees, { auc: REES_AUC }).join('\n'))
    .replace('{{UCI_GAP}}', gap(uci))
    .replace('{{REES_GAP}}', gap(rees))
    .replace('{{REES_CURVE}}', curveTable(rees).join('\n'))
    .replace('{{REES_COVERAGE}}', coverageTable(reesCoverage).join('\n'))
    .replace('{{REES_CART_BOUND}}', cartBound(reesCoverage, REES_AUC))
    .replace('{{UCI_CURVE}}', curveTable(uci).join('\n'))
    .replace('{{COMMANDS}}', commands.join('\n'))
    .replace('{{SEED}}', String(SEED))
    .replace('{{VALIDATION}}', String(VALIDATION))
    .replace('{{WORK}}', WORK);
  writeFileSync('QUALITY.md', filled);
  process.stderr.write(`\nwrote QUALITY.md in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

quality().catch((error: unknown) => {
  process.stderr.write(`quality: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
