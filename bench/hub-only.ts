/**
 * Quick per-event cost of the slot hub and of the client around it: the intentful
 * configurations of `peers/decide.ts` without the peers, next to the engine alone and the
 * engine + hub wired without the client, so each layer's share is a difference of two rows.
 * Run: npx tsx bench/run.ts hub-only.ts
 */
import type { SignalInput } from 'intentful/core';
import { createIntentEngine } from '../src/core/engine';
import { createSlotHub } from '../src/core/slots/hub';
import {
  engineOnly,
  intentful,
  leanIntentMatch,
  type Run,
  SLOTS,
  slotDefinitions,
} from './decisions';
import { summarize, us } from './lib';
import { benchModel, signalStream } from './stream';

const EVENTS = 10_000;
const BATCH = 250;
const stream = signalStream(EVENTS);

/** The engine and slot hub wired by hand (what the client does, minus consent, plugins and its timer). */
const engineAndHub = (): (() => Run) => () => {
  let now = 0;
  const clock = () => now;
  const engine = createIntentEngine({ model: benchModel(), clock });
  const hub = createSlotHub(engine, { slots: slotDefinitions(false), clock, unitId: 'bench' });
  const off = hub.connect();
  let changes = 0;
  for (const id of SLOTS) {
    const c = hub.slot(id);
    let shown = c.get();
    c.expose();
    c.subscribe(() => {
      const d = c.get();
      if (d === shown) return;
      shown = d;
      changes++;
      c.expose();
    });
  }
  return {
    step(signal) {
      now = signal.at!;
      engine.track(signal);
    },
    changes: () => changes,
    done: off,
  };
};

function pass(run: Run): number[] {
  const out: number[] = [];
  for (let from = 0; from < EVENTS; from += BATCH) {
    const t0 = process.cpuUsage();
    for (let i = from; i < from + BATCH; i++) run.step(stream[i] as SignalInput);
    const d = process.cpuUsage(t0);
    out.push(((d.user + d.system) * 1000) / BATCH);
  }
  run.done?.();
  return out;
}

const configs: [string, () => Run][] = [
  ['engine only', engineOnly()],
  ['engine + hub, no client', engineAndHub()],
  ['client (engine + hub)', intentful({})],
  ['client, one rules slot', intentful({ withRules: true })],
  ['client, lean policy', intentful({ policy: leanIntentMatch() })],
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
