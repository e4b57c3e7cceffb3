import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type CalibratedModelFile, calibrate } from '../calibrate/calibrate';
import { convertRees46, convertUci } from '../calibrate/convert';
import { type Evaluation, evaluate, type ModelFile } from '../calibrate/evaluate';
import type { FeatureSet } from '../calibrate/features';
import {
  type LineError,
  type Session,
  summarizeErrors,
  validateSession,
} from '../calibrate/format';
import { isHeldOut } from '../calibrate/split';
import { curveSvg, reliabilitySvg } from '../calibrate/svg';
import { defineModel } from '../core/model';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE = `intentful: calibrate and evaluate intent models on recorded sessions

usage:
  intentful convert uci|rees46 <data.csv> <out.jsonl>
  intentful calibrate <sessions.jsonl> --intent <id> --out <model.json>
      [--features all|behaviour|segment] [--validation 0] [--seed 1] [--folds 4]
  intentful evaluate <sessions.jsonl> --model <model.json>
      [--baseline <model.json>[,<model.json>…]] [--name <label>] [--report <dir>] [--all]

calibrate fits on every session unless --validation holds a share out (0.2: a fifth, chosen
by session id and --seed). evaluate then scores only that held-out share, and says so; --all
scores every session (for sessions the model was not fitted on). It exits with 1 when no
session is left to score.

A session file has one JSON session per line: {"id", "signals": [...], "outcomes": {...}}.
See QUALITY.md for the format, the data sets and how the numbers are produced.`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[], booleans: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (eq !== -1) flags.set(name, a.slice(eq + 1));
      else if (booleans.includes(name)) flags.set(name, true);
      else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
        i++;
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function number(p: Parsed, name: string, fallback: number, check: (n: number) => boolean): number {
  const raw = flag(p, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${name}: invalid value "${raw}"`);
  return n;
}

function known(p: Parsed, names: readonly string[]): void {
  for (const name of p.flags.keys()) {
    if (!names.includes(name)) throw new UsageError(`unknown option --${name}`);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Streams a session file so large sink exports do not need to fit in one string. */
export async function readSessionFile(
  path: string,
  io: Io,
): Promise<{ sessions: Session[]; errors: LineError[] }> {
  const sessions: Session[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  let stream: ReturnType<typeof createReadStream>;
  try {
    readFileSync(path, { flag: 'r' }).length;
    stream = createReadStream(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (line % 20_000 === 0) io.err(`  read ${line} lines`);
    const raw = text.trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, reason: `invalid JSON (${(error as Error).message})` });
      continue;
    }
    const s = validateSession(value);
    if (typeof s === 'string') errors.push({ line, reason: s });
    else if (seen.has(s.id)) errors.push({ line, reason: `duplicate session id "${s.id}"` });
    else {
      seen.add(s.id);
      sessions.push(s);
    }
  }
  return { sessions, errors };
}

function reportSkipped(what: string, errors: readonly LineError[], io: Io): void {
  if (errors.length === 0) return;
  io.err(`skipped ${errors.length} malformed ${what}:`);
  for (const line of summarizeErrors(errors)) io.err(`  ${line}`);
}

async function loadSessions(path: string, io: Io): Promise<Session[]> {
  const { sessions, errors } = await readSessionFile(path, io);
  io.err(`read ${sessions.length} sessions from ${path}`);
  reportSkipped('lines', errors, io);
  if (sessions.length === 0) throw new UsageError(`${path} has no usable sessions`);
  return sessions;
}

function loadModel(path: string): ModelFile {
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const file = json as ModelFile;
  try {
    defineModel({ intents: file.intents });
  } catch (error) {
    throw new UsageError(`${path} is not a valid model: ${(error as Error).message}`);
  }
  return file;
}

function convertCommand(argv: readonly string[], io: Io): number {
  const p = parseArgs(argv, []);
  known(p, []);
  const [kind, input, output] = p.positional;
  if ((kind !== 'uci' && kind !== 'rees46') || !input || !output) {
    throw new UsageError('usage: intentful convert uci|rees46 <data.csv> <out.jsonl>');
  }
  const csv = readText(input);
  const { sessions, errors } = kind === 'uci' ? convertUci(csv) : convertRees46(csv);
  reportSkipped('rows', errors, io);
  if (sessions.length === 0) throw new UsageError(`${input}: no sessions converted`);
  writeText(output, `${sessions.map((s) => JSON.stringify(s)).join('\n')}\n`);
  const positives = sessions.filter((s) => s.outcomes.purchase).length;
  const signals = sessions.reduce((n, s) => n + s.signals.length, 0);
  io.err(
    `wrote ${sessions.length} sessions (${positives} with a purchase, ${signals} signals) to ${output}`,
  );
  return 0;
}

async function calibrateCommand(argv: readonly string[], io: Io): Promise<number> {
  const p = parseArgs(argv, []);
  known(p, ['intent', 'out', 'features', 'validation', 'seed', 'folds']);
  const [input] = p.positional;
  const intent = flag(p, 'intent');
  const out = flag(p, 'out');
  if (!input || !intent || !out) {
    throw new UsageError(
      'usage: intentful calibrate <sessions.jsonl> --intent <id> --out <model.json>',
    );
  }
  const features = (flag(p, 'features') ?? 'all') as FeatureSet;
  if (!['all', 'behaviour', 'segment'].includes(features)) {
    throw new UsageError(`--features must be all, behaviour or segment, got "${features}"`);
  }
  const validation = number(p, 'validation', 0, (n) => n >= 0 && n < 1);
  const seed = number(p, 'seed', 1, Number.isInteger);
  const folds = number(p, 'folds', 4, (n) => Number.isInteger(n) && n >= 2);
  const sessions = await loadSessions(input, io);
  const labelled = sessions.filter((s) => typeof s.outcomes[intent] === 'boolean');
  if (labelled.length === 0) {
    throw new UsageError(
      `no session has an outcome "${intent}" (outcomes look like {"${intent}": true})`,
    );
  }
  const heldOut = labelled.filter((s) => isHeldOut(s.id, seed, validation)).length;
  io.err(
    validation === 0
      ? `fitting on all ${count(labelled.length)} labelled sessions (none held out; --validation 0.2 keeps a fifth for evaluate)`
      : `fitting on ${count(labelled.length - heldOut)} of ${count(labelled.length)} labelled sessions; ${count(heldOut)} held out for evaluate (--validation ${validation}, --seed ${seed})`,
  );
  if (heldOut === labelled.length) {
    throw new UsageError(
      `--validation ${validation} holds out every one of the ${labelled.length} sessions: nothing left to fit on`,
    );
  }
  const started = Date.now();
  const file: CalibratedModelFile = calibrate(labelled, {
    intent,
    features,
    validation,
    seed,
    folds,
    onProgress: (m) => io.err(m),
  });
  defineModel({ intents: file.intents });
  writeText(out, `${JSON.stringify(file, null, 2)}\n`);
  io.err(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const count = (n: number): string => n.toLocaleString('en');

/** Which sessions an evaluation scored, and why, in one line. */
function scopeLine(e: Evaluation): string {
  if (e.scope === 'heldout' && e.split)
    return `scored ${count(e.sessions)} of ${count(e.labelled)} sessions: the model's validation split (${e.split.validation} held out at calibration, seed ${e.split.seed}); pass --all for every session`;
  return `scored all ${count(e.sessions)} labelled sessions (--all, or the model holds none out: figures on sessions it was fitted on are optimistic)`;
}

function summary(name: string, e: Evaluation): string[] {
  return [
    `${name}: ${e.sessions} sessions (${e.positives} ${e.intent})`,
    `  AUC ${fmt(e.auc)} [${fmt(e.aucInterval.lo)}–${fmt(e.aucInterval.hi)}]  F1 ${fmt(e.f1)} at ${fmt(e.threshold)} (precision ${fmt(e.precision)}, recall ${fmt(e.recall)})  ECE ${fmt(e.ece, 4)}  log loss ${fmt(e.logLoss, 4)}  Brier ${fmt(e.brier, 4)}`,
    `  after N events (AUC): ${e.curve.map((c) => `${c.events}: ${fmt(c.auc)}`).join(', ')}`,
  ];
}

function metricsJson(e: Evaluation): Omit<Evaluation, 'scores' | 'labels'> {
  const { scores: _s, labels: _l, ...rest } = e;
  return rest;
}

async function evaluateCommand(argv: readonly string[], io: Io): Promise<number> {
  const p = parseArgs(argv, ['all']);
  known(p, ['model', 'baseline', 'name', 'report', 'all', 'intent']);
  const [input] = p.positional;
  const modelPath = flag(p, 'model');
  if (!input || !modelPath) {
    throw new UsageError('usage: intentful evaluate <sessions.jsonl> --model <model.json>');
  }
  const model = loadModel(modelPath);
  // Several comparison models may be given, comma-separated; all share the charts.
  const baselinePaths = (flag(p, 'baseline') ?? '').split(',').filter((x) => x !== '');
  const baselines = baselinePaths.map(loadModel);
  const sessions = await loadSessions(input, io);
  const split: 'all' | undefined = p.flags.get('all') ? 'all' : undefined;
  const intent = flag(p, 'intent');
  const run = (file: ModelFile, label: string, scope: 'all' | undefined = split): Evaluation => {
    const e = evaluate(sessions, file, {
      ...(scope ? { split: scope } : {}),
      ...(intent ? { intent } : {}),
      onProgress: (done, total) => io.err(`  ${label}: replayed ${done}/${total} sessions`),
    });
    if (e.droppedSignals > 0) io.err(`  ${label}: the engine dropped ${e.droppedSignals} signals`);
    return e;
  };
  const name = flag(p, 'name') ?? 'model';
  const seriesName = (file: ModelFile, fallback: string): string =>
    file.calibration?.features === 'segment'
      ? 'segment only'
      : file.calibration?.features === 'behaviour'
        ? 'behaviour only'
        : file.calibration?.features === 'all'
          ? 'behaviour + segment + context'
          : fallback;
  const mainLabel = seriesName(model, name);
  const main = run(model, mainLabel);
  // Baselines are scored on the main model's sessions: all of them when it scored all.
  const evals = [
    { label: mainLabel, e: main },
    ...baselines.map((file, i) => {
      const label = seriesName(file, baselinePaths[i] ?? 'baseline');
      return { label, e: run(file, label, split ?? (main.scope === 'all' ? 'all' : undefined)) };
    }),
  ];
  io.out(scopeLine(main));
  for (const { label, e } of evals.slice(1))
    if (e.sessions !== main.sessions || e.scope !== main.scope)
      io.err(
        `intentful: warning: ${label} was scored on other sessions (${scopeLine(e)}); compare it with care`,
      );
  if (main.sessions === 0) {
    io.err(
      `intentful: no session to score: ${main.labelled === 0 ? `none of the sessions has an outcome "${main.intent}"` : 'none of them is in the held-out split; pass --all to score every session'}`,
    );
    return 1;
  }
  for (const { label, e } of evals) for (const line of summary(label, e)) io.out(line);
  if (main.positives === 0 || main.positives === main.sessions)
    io.err(
      `intentful: warning: every scored session is ${main.positives === 0 ? 'negative' : 'positive'}; AUC and F1 say nothing`,
    );
  const dir = flag(p, 'report');
  if (dir) {
    writeText(
      join(dir, `${name}-reliability.svg`),
      reliabilitySvg(
        `${name}: reliability on ${main.sessions} ${main.scope === 'heldout' ? 'held-out' : '(all)'} sessions`,
        evals.map(({ label, e }) => ({
          name: `${label} (ECE ${fmt(e.ece, 3)})`,
          points: e.reliability,
        })),
      ),
    );
    writeText(
      join(dir, `${name}-after-n-events.svg`),
      curveSvg(
        `${name}: AUC after the first N events`,
        'events seen (sessions with fewer: all their events)',
        'AUC',
        evals.map(({ label, e }) => ({
          name: label,
          points: e.curve.map((c) => ({ x: c.events, y: c.auc })),
        })),
      ),
    );
    writeText(
      join(dir, `${name}.json`),
      `${JSON.stringify(
        evals.map(({ label, e }) => ({ label, ...metricsJson(e) })),
        null,
        2,
      )}\n`,
    );
    io.err(`wrote ${dir}/${name}-reliability.svg, ${name}-after-n-events.svg and ${name}.json`);
  }
  return 0;
}

/** Runs one CLI command; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'convert':
        return convertCommand(rest, io);
      case 'calibrate':
        return await calibrateCommand(rest, io);
      case 'evaluate':
        return await evaluateCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`intentful: ${error.message}`);
      if (error.message.startsWith('unknown')) io.err(USAGE);
      return 2;
    }
    io.err(`intentful: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
