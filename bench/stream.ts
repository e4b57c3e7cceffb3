import type { EvidenceRule, SignalInput } from 'intentful/core';

/** The public framework-free entry, as an app imports it (bundled or resolved by node). */
export type Lib = typeof import('intentful/core');

const TYPES = [
  'page-view',
  'click',
  'dwell',
  'scroll-depth',
  'search',
  'filter',
  'cart-add',
  'hesitation',
];
const TARGETS = [
  'compare',
  'shipping',
  'sizing',
  'reviews',
  'price',
  'gift-wrap',
  'support',
  'returns',
];
const PAGES = ['home', 'category', 'product', 'cart', 'checkout'];

/** mulberry32: a small seeded generator, so every run and every library sees the same stream. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ModelShape {
  /** @defaultValue 10 */
  intents?: number;
  /** Evidence rules per intent. @defaultValue 5 */
  rules?: number;
}

/** Rule `k` of the model: a third target-specific, a third page-specific (negative), a third scaled. */
export function benchRule(k: number): EvidenceRule {
  const type = TYPES[k % TYPES.length]!;
  return k % 3 === 0
    ? { when: { type, target: TARGETS[k % TARGETS.length]! }, weight: 0.4, maxContribution: 2 }
    : k % 3 === 1
      ? { when: { type, data: { pageType: PAGES[k % PAGES.length]! } }, weight: -0.3 }
      : {
          when: { type },
          weight: 0.2,
          scaleBy: { field: 'ms', transform: 'log1p', factor: 0.001, max: 4 },
        };
}

/** The benchmark model (10 intents × 5 evidence rules by default) over realistic signal shapes. */
export function benchModel(lib: Lib, shape: ModelShape = {}) {
  const n = shape.intents ?? 10;
  const perIntent = shape.rules ?? 5;
  const intents: Record<string, { halfLife: number; evidence: EvidenceRule[] }> = {};
  for (let i = 0; i < n; i++) {
    const evidence: EvidenceRule[] = [];
    for (let r = 0; r < perIntent; r++) evidence.push(benchRule(i * perIntent + r));
    intents[`intent-${i}`] = { halfLife: 60_000 + (i % 10) * 30_000, evidence };
  }
  return lib.defineModel({
    intents,
    steps: Array.from({ length: n }, (_, i) => ({ id: `step-${i}`, intent: `intent-${i}` })),
  });
}

/**
 * Epoch milliseconds, as `Date.now()` gives them: past 2^30, so V8 stores them as heap numbers, not
 * small integers. A stream dated from 1,000,000 hid every boxed time from the allocation counts.
 */
export const EPOCH = 1_765_000_000_000;

/** `n` signals, 250 ms apart on average, starting at `start`. Every one matches some rule. */
export function signalStream(n: number, seed = 42, start = EPOCH): SignalInput[] {
  const random = seeded(seed);
  const out: SignalInput[] = [];
  let at = start;
  for (let i = 0; i < n; i++) {
    at += Math.floor(random() * 500);
    out.push({
      type: TYPES[Math.floor(random() * TYPES.length)]!,
      at,
      target: TARGETS[Math.floor(random() * TARGETS.length)]!,
      data: {
        pageType: PAGES[Math.floor(random() * PAGES.length)]!,
        ms: Math.floor(random() * 20_000),
      },
    });
  }
  return out;
}

/** `n` signals of a type no rule reads (a custom event the app tracks for its own reasons). */
export function unmatchedStream(n: number, start = EPOCH): SignalInput[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'video-progress',
    at: start + i * 250,
    target: 'promo-reel',
  }));
}
