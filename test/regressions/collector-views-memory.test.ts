import { describe, expect, it } from 'vitest';
import type { CollectorMemory } from '../../src/collect/index';
import { startCollectors } from '../internal';

describe('collector memory in a long session', () => {
  it('product view counts by path stay bounded', () => {
    const memory: CollectorMemory = {};
    let now = 0;
    const running = startCollectors(
      { track: () => true, clock: () => now },
      { memory, session: false, pageViews: { history: false } },
    );
    // An endless catalogue (or one product under many query strings): every path is new.
    for (let i = 0; i < 20_000; i++) {
      now += 1000;
      running.pageView(`/products/p${i}?ref=${i}`, 'product');
    }
    running.stop();
    // The engine keeps 500 signals; the collector should not remember far more than that.
    expect(Object.keys(memory.views ?? {}).length).toBeLessThanOrEqual(1000);
  });
});
