// Production keeps what the caller built (checked, not copied): a complete signal as it is, else
// its `data` object.
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

it('stores a complete signal as given in production, and copies one that lacks `at` or has other keys', async () => {
  const { normalizeSignal } = await productionSignals();
  const complete = { type: 'click', at: 5, target: 'x', data: { n: 1 } };
  expect(normalizeSignal(complete, 10)).toBe(complete);
  const timeless = { type: 'click', target: 'x' };
  const stamped = normalizeSignal(timeless, 10) as Signal;
  expect(stamped).not.toBe(timeless);
  expect(stamped).toEqual({ type: 'click', at: 10, target: 'x' });
  expect('at' in timeless).toBe(false);
  const extra = { type: 'click', at: 5, note: 'app field' };
  expect(normalizeSignal(extra, 10)).toEqual({ type: 'click', at: 5 });
  expect(normalizeSignal(extra, 10)).not.toBe(extra);
  const holey = { type: 'click', at: 5, data: { a: 1, b: undefined } };
  expect(normalizeSignal(holey, 10)).not.toBe(holey);
  expect(normalizeSignal({ type: 'click', at: 99_999_999 }, 10)).toBe('bad-timestamp');
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
