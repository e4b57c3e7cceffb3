/**
 * Quick per-event cost of the slot hub alone: the decisions configurations of
 * `peers/decide.ts` for intentful only, minus the engine-only run, without the peers.
 * Run: npx tsx bench/run.ts hub-only.ts
 */
import type { SignalInput } from 'intentful/core';
import { engineOnly, intentful, leanIntentMatch, type Run } from './decisions';
import { summarize, us } from './lib';
import { signalStream } from './stream';

const EVENTS = 10_000;
const BATCH = 250;
const stream = signalStream(EVENTS);

function pass(run: Run): number[] {
  const out: number[] = [];
  for (let from = 0; from < EVENTS; from += BATCH) {
    const t0 = process.cpuUsage();
    for (let i = from; i < from + BATCH; i++) run.step(stream[i] as SignalInput);
    const d = process.cpuUsage(t0);
    out.push(((d.user + d.system) * 1000) / BATCH);
  }
  return out;
}

const configs: [string, () => Run][] = [
  ['engine only', engineOnly()],
  ['engine + hub', intentful({})],
  ['engine + hub, one rules slot', intentful({ withRules: true })],
  ['engine + hub, lean policy', intentful({ policy: leanIntentMatch() })],
];
// BENCH_ONLY=<index> runs one configuration (for profiles).
const only = process.env.BENCH_ONLY;
if (only !== undefined) configs.splice(0, configs.length, configs[Number(only)]!);
const samples = configs.map((): number[] => []);
for (let r = 0; r < Number(process.env.BENCH_ROUNDS ?? 8); r++)
  configs.forEach(([, make], i) => {
    const p = pass(make());
    if (r >= 2) samples[i]!.push(...p);
  });
configs.forEach(([name], i) => {
  const s = summarize(samples[i]!);
  console.log(`${name.padEnd(32)} median ${us(s.median)}  p99 ${us(s.p99)}`);
});
