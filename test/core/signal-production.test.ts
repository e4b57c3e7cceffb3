// Production keeps the caller's `data` object (checked, not copied): one object less per signal.
// `DEV` is read once at module load, so the module is loaded afresh under a production env.
import { afterEach, expect, it, vi } from 'vitest';
import type { Signal } from '../../src/core/signal';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function productionSignals() {
  vi.stubEnv('NODE_ENV', 'production');
  vi.resetModules();
  return import('../../src/core/signal');
}

it('stores the data object as given in production, unfrozen', async () => {
  const { normalizeSignal } = await productionSignals();
  const data = { pageType: 'product', sizes: ['m', 'l'] };
  const s = normalizeSignal({ type: 'click', target: 'x', data }, 1_000) as Signal;
  expect(s).toMatchObject({ type: 'click', at: 1_000, target: 'x' });
  expect(s.data).toBe(data);
  expect(Object.isFrozen(data)).toBe(false);
});

it('still drops bad data in production and leaves undefined values out of a copy', async () => {
  const { normalizeSignal } = await productionSignals();
  expect(normalizeSignal({ type: 'click', data: { nested: {} } }, 1)).toBe('bad-data');
  expect(normalizeSignal({ type: 'click', data: { list: [{}] } }, 1)).toBe('bad-data');
  expect(normalizeSignal({ type: 'click', data: new Map() }, 1)).toBe('bad-data');
  const holey = { a: 1, b: undefined };
  const s = normalizeSignal({ type: 'x', data: holey }, 1) as Signal;
  expect(s.data).toEqual({ a: 1 });
  expect('b' in s.data!).toBe(false);
  expect('b' in holey).toBe(true);
});

it('copies and freezes in development', async () => {
  vi.stubEnv('NODE_ENV', 'development');
  vi.resetModules();
  const { normalizeSignal } = await import('../../src/core/signal');
  const data = { pageType: 'product' };
  const s = normalizeSignal({ type: 'click', data }, 1) as Signal;
  expect(s.data).not.toBe(data);
  expect(Object.isFrozen(s.data)).toBe(true);
});
