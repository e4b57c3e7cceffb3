/**
 * Per-signal cost of the engine: ingest + belief update (+ store publish), and snapshot reads.
 * Run: npm run bench. Prints medians; absolute numbers vary by machine, so compare within a run.
 */
// The engine alone, without the client around it (not public): see decisions.ts for the client.
import { createIntentEngine } from '../src/core/engine';
import { benchModel, signalStream } from './stream';

const SIGNALS = 10_000;
const BATCH = 500;
const ROUNDS = 15;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/**
 * Nanoseconds per item over batches (one call is below the timer's resolution). CPU time of
 * this process rather than wall time, so other work on a shared machine inflates it less.
 */
function measure(run: (from: number, to: number) => void, items: number): number[] {
  const perItem: number[] = [];
  for (let from = 0; from < items; from += BATCH) {
    const to = Math.min(items, from + BATCH);
    const t0 = process.cpuUsage();
    run(from, to);
    const d = process.cpuUsage(t0);
    perItem.push(((d.user + d.system) * 1000) / (to - from));
  }
  return perItem;
}

function report(name: string, samples: number[]): void {
  const s = samples.slice().sort((a, b) => a - b);
  const fmt = (ns: number) => `${(ns / 1000).toFixed(3)} µs`;
  console.log(`${name.padEnd(46)} median ${fmt(quantile(s, 0.5))}   p99 ${fmt(quantile(s, 0.99))}`);
}

const model = benchModel();
const stream = signalStream(SIGNALS);

function ingestRun(subscribers: number, batched = false): number[] {
  const all: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let now = 0;
    const engine = createIntentEngine({ model, clock: () => now });
    for (let i = 0; i < subscribers; i++) engine.store.subscribe(() => {});
    const run = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const s = stream[i]!;
        now = s.at!;
        engine.track(s);
      }
    };
    const samples = measure(
      batched ? (from, to) => engine.batch(() => run(from, to)) : run,
      SIGNALS,
    );
    if (round >= 3) all.push(...samples); // the first rounds warm the JIT
  }
  return all;
}

const engine = createIntentEngine({ model, clock: () => stream[SIGNALS - 1]!.at! });
for (const s of stream) engine.track(s);
const ids = model.intentIds;

console.log(
  `intentful engine: ${ids.length} intents × 5 rules, ${SIGNALS} signals, node ${process.version}\n`,
);
report('track (ingest + beliefs + steps + publish)', ingestRun(0));
report('track with 3 store subscribers', ingestRun(3));
report('track inside engine.batch (one publish per 500)', ingestRun(0, true));
report(
  'read snapshot (store.getState().top)',
  measure((from, to) => {
    let x = 0;
    for (let i = from; i < to; i++) x += engine.store.getState().top?.confidence ?? 0;
    if (x < 0) console.log(x);
  }, 100_000),
);
report(
  'fresh belief at a new time (engine.belief)',
  measure((from, to) => {
    for (let i = from; i < to; i++)
      engine.belief(ids[i % ids.length]!, stream[SIGNALS - 1]!.at! + i);
  }, 100_000),
);
