/**
 * How the per-signal cost grows with the model and the page: 1, 10 and 100 intents, slots, and
 * evidence rules per intent, one dimension at a time (the others at 10 intents, 5 rules, 4
 * slots), on the same stream, taking turns in one process. From the built package, bundled.
 * Run: npx tsx bench/run.ts scaling.ts
 */
import * as intentful from 'intentful/core';
import { intentfulRun, type Shape } from './intentful';
import { isMain, roundRobin, rowOf, wantsJson } from './lib';
import { signalStream } from './stream';

const EVENTS = 5_000;
const ROUNDS = Number(process.env.BENCH_SCALING_ROUNDS ?? 10);
const WARMUP = 2;

export type Dimension = 'intents' | 'slots' | 'rules';

export interface ScalingRow {
  dimension: Dimension;
  n: number;
  shape: Required<Omit<Shape, 'withRules'>>;
  median: number;
  p99: number;
  perRound: number[];
  changes: number;
  error: string | null;
}

const BASE = { intents: 10, rules: 5, slots: 4 };

export async function measureScaling(): Promise<ScalingRow[]> {
  const stream = signalStream(EVENTS);
  const configs: { dimension: Dimension; n: number; shape: typeof BASE }[] = [];
  for (const dimension of ['intents', 'slots', 'rules'] as const)
    for (const n of [1, 10, 100])
      configs.push({ dimension, n, shape: { ...BASE, [dimension]: n } });
  const measured = await roundRobin(
    configs.map((c) => intentfulRun(intentful, c.shape)),
    stream,
    ROUNDS,
    WARMUP,
  );
  return configs.map((c, i) => ({ ...c, ...rowOf(measured[i]!) }));
}

if (isMain(import.meta.url)) {
  const rows = await measureScaling();
  if (wantsJson()) console.log(JSON.stringify(rows));
  else
    for (const r of rows)
      console.log(
        `${r.dimension.padEnd(8)} ${String(r.n).padStart(3)}  median ${(r.median / 1000).toFixed(2)} µs  p99 ${(r.p99 / 1000).toFixed(2)} µs  changes ${r.changes}${r.error ? `  FAILED ${r.error}` : ''}`,
      );
}
