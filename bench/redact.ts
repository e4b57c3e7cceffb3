/**
 * Cost of redacting one string, by kind of string, and of one typical signal.
 * Run: npx tsx bench/run.ts redact.ts. CPU time per item, median over batches; compare within a run.
 */
// Not public: apps redact through `redaction()` or `collectors({ redact })`.
import { redactSignal, redactText } from '../src/core/privacy';
import { CLEAN, LEAKY } from '../test/privacy/corpus';
import { summarize, us } from './lib';

const BATCH = 5_000;
const ROUNDS = 30;

// What collectors hand over most: targets, section names, page types, route paths, queries.
const PLAIN = [
  'size-guide',
  'compare-plans',
  'pricing',
  '/cart',
  'shipping',
  'add-to-cart',
  'trail running shoes',
  'reviews',
  'checkout',
  '/products/air-zoom-pegasus',
  'Free returns within a month',
  'product',
];
const DIGITS = [
  'size 42',
  '/products/air-zoom-pegasus-40',
  'price under 100',
  'promo SPRING25',
  '/blog/2024-05-17/how-to-pick-a-tent',
  'step-2',
  '#variant-3',
];
const URLS = CLEAN.filter((s) => /[=?]/.test(s)).concat([
  '/search?q=tent&page=2',
  '/c/shoes?sort=price',
]);
const LEAKS = LEAKY.map((l) => l.input);

function perItem<T>(fn: (item: T) => unknown, inputs: readonly T[]): number {
  const samples: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < BATCH; i++) {
      const out = fn(inputs[i % inputs.length]!);
      if (out === null) sink++;
    }
    const d = process.cpuUsage(t0);
    // The first rounds warm the JIT.
    if (round >= 5) samples.push(((d.user + d.system) * 1000) / BATCH);
  }
  if (sink) console.log(sink);
  return summarize(samples).median;
}

const signal = (target: string) => ({
  type: 'click',
  at: 1,
  target,
  data: { category: 'plans', value: 'basic', n: 3 },
});
const SIGNALS = [...PLAIN, ...DIGITS].map(signal);

const rows: [string, number][] = [
  [`plain text (${PLAIN.length})`, perItem(redactText, PLAIN)],
  [`text with digits (${DIGITS.length})`, perItem(redactText, DIGITS)],
  [`clean URLs with a query (${URLS.length})`, perItem(redactText, URLS)],
  [`leaky corpus (${LEAKS.length})`, perItem(redactText, LEAKS)],
  ['redactSignal, click with 3 strings', perItem(redactSignal, SIGNALS)],
];
console.log(`redaction, node ${process.version}, median of ${ROUNDS - 5} batches of ${BATCH}\n`);
for (const [name, ns] of rows) console.log(`${name.padEnd(40)} ${us(ns)}`);
