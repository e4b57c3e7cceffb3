import { defineModel } from 'intentful/core';

/** A small shop model shared by tests: three intents, steps at different priorities. */
export const shopModel = defineModel({
  intents: {
    compare: {
      label: 'comparing options',
      halfLife: 60_000,
      evidence: [
        {
          id: 'compare-click',
          label: 'opened the comparison',
          when: { type: 'click', target: 'compare' },
          weight: 1.5,
          maxContribution: 3,
        },
        {
          id: 'product-view',
          label: 'viewed a product',
          when: { type: 'page-view', data: { pageType: 'product' } },
          weight: 0.5,
          maxContribution: 1.5,
        },
        {
          id: 'checkout',
          label: 'went to checkout',
          when: { type: 'page-view', data: { pageType: 'checkout' } },
          weight: -2,
        },
      ],
    },
    'shipping-concern': {
      label: 'worried about delivery',
      halfLife: 120_000,
      evidence: [
        {
          id: 'shipping-dwell',
          label: 'read shipping details',
          when: { type: 'dwell', target: 'shipping' },
          weight: 1,
          scaleBy: { field: 'ms', factor: 0.001, transform: 'log1p' },
        },
        {
          id: 'delivery-open',
          label: 'opened delivery info',
          when: { type: 'click', target: 'delivery-*' },
          weight: 1.2,
        },
      ],
    },
    gift: {
      evidence: [{ when: { type: 'click', target: 'gift-wrap' }, weight: 2 }],
    },
  },
  steps: [
    { id: 'comparison-table', intent: 'compare', minConfidence: 0.6 },
    { id: 'compare-tip', intent: 'compare', minConfidence: 0.6, priority: -1 },
    { id: 'delivery-promise', intent: 'shipping-concern', minConfidence: 0.6, priority: 1 },
    { id: 'gift-note', intent: 'gift', minConfidence: 0.7 },
  ],
});

export function fakeClock(start = 1_000_000) {
  let now = start;
  const clock = () => now;
  return {
    clock,
    advance(ms: number) {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

/** An in-memory `StorageLike` whose contents a test can read: what the library wrote, by key. */
export function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

/** Two intents that decay at very different rates: decay-timer tests. */
export const slowAndFast = defineModel({
  intents: {
    slow: {
      halfLife: 600_000,
      evidence: [{ when: { type: 'click', target: 'slow' }, weight: 3 }],
    },
    fast: {
      halfLife: 20_000,
      evidence: [{ when: { type: 'click', target: 'fast' }, weight: 3 }],
    },
  },
});
