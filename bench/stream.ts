import { defineModel, type EvidenceRule, type SignalInput } from 'intentful/core';
// Not public; the same generator the library's experiments use.
import { seededRandom } from '../src/core/slots/hash';

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

/** The benchmark model: 10 intents × 5 evidence rules over realistic signal shapes. */
export function benchModel() {
  const intents: Record<string, { halfLife: number; evidence: EvidenceRule[] }> = {};
  for (let i = 0; i < 10; i++) {
    const evidence: EvidenceRule[] = [];
    for (let r = 0; r < 5; r++) {
      const k = i * 5 + r;
      const type = TYPES[k % TYPES.length] as string;
      const rule: EvidenceRule =
        k % 3 === 0
          ? {
              when: { type, target: TARGETS[k % TARGETS.length] as string },
              weight: 0.4,
              maxContribution: 2,
            }
          : k % 3 === 1
            ? {
                when: { type, data: { pageType: PAGES[k % PAGES.length] as string } },
                weight: -0.3,
              }
            : {
                when: { type },
                weight: 0.2,
                scaleBy: { field: 'ms', transform: 'log1p', factor: 0.001, max: 4 },
              };
      evidence.push(rule);
    }
    intents[`intent-${i}`] = { halfLife: 60_000 + i * 30_000, evidence };
  }
  return defineModel({
    intents,
    steps: Array.from({ length: 10 }, (_, i) => ({ id: `step-${i}`, intent: `intent-${i}` })),
  });
}

/** `n` signals, 250 ms apart on average, starting at `start`. */
export function signalStream(n: number, seed = 42, start = 1_000_000): SignalInput[] {
  const random = seededRandom(seed);
  const out: SignalInput[] = [];
  let at = start;
  for (let i = 0; i < n; i++) {
    at += Math.floor(random() * 500);
    const type = TYPES[Math.floor(random() * TYPES.length)] as string;
    out.push({
      type,
      at,
      target: TARGETS[Math.floor(random() * TARGETS.length)] as string,
      data: {
        pageType: PAGES[Math.floor(random() * PAGES.length)] as string,
        ms: Math.floor(random() * 20_000),
      },
    });
  }
  return out;
}
