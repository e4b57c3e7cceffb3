// The per-signal look at the schedule is told when the client's timer fires (`out[1]`) and leaves
// crossings that cannot come before it to the look that timer makes. These check that such a
// crossing is still found, at the right time, and that the engine answers exactly when asked
// without an armed time.
import { createIntentful } from 'intentful/core';
import { afterEach, expect, it, vi } from 'vitest';
import { slowAndFast } from '../fixtures';
import { createIntentEngine } from '../internal';

const model = slowAndFast;

afterEach(() => {
  vi.useRealTimers();
});

it('a crossing after the armed timer is worked out when that timer fires', () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const client = createIntentful({ model, refreshInterval: false });
  client.mount();
  const start = Date.now();
  // Each score is -2 + 3·2^(−Δ/halfLife) and crosses logit(0.5) = 0 at Δ = halfLife·log2(3/2).
  const fastAt = start + 20_000 * Math.log2(1.5);
  const slowAt = start + 600_000 * Math.log2(1.5);
  client.track({ type: 'click', target: 'fast' });
  // Later than the timer armed for `fast`: this publish leaves its crossing to the timer's look,
  // and nothing else asks the engine before that timer fires.
  client.track({ type: 'click', target: 'slow' });
  vi.advanceTimersByTime(fastAt - Date.now() + 1);
  expect(client.getState().beliefs.fast.confidence).toBeLessThan(0.5);
  expect(client.getState().top?.intent).toBe('slow');
  vi.advanceTimersByTime(slowAt - Date.now() - 5);
  expect(client.getState().top?.intent).toBe('slow');
  vi.advanceTimersByTime(10);
  expect(client.getState().top).toBeNull();
  client.unmount();
});

it('reports the armed time for a later crossing, and the exact time when asked in full', () => {
  let now = 1_000_000;
  const engine = createIntentEngine({ model, clock: () => now });
  const exact = new Float64Array(1);
  engine.nextChangeInto(now, false, exact);
  expect(exact[0]).toBe(Number.POSITIVE_INFINITY);
  engine.track({ type: 'click', target: 'slow' });
  const expected = engine.nextChangeAt(now) as number;
  engine.refresh(now);
  // score = -2 + 3·2^(−Δ/600s) crosses logit(0.5) = 0.
  expect(expected).toBe(Math.ceil(now + 600_000 * Math.log2(3 / 2)));
  now += 1000;
  engine.track({ type: 'click', target: 'fast' });
  engine.track({ type: 'click', target: 'slow' });
  const armed = new Float64Array([0, now + 5_000]);
  engine.nextChangeInto(now, true, armed);
  expect(armed[0]).toBe(now + 5_000);
  // Asked without an armed time, the crossings skipped above are computed exactly.
  const full = new Float64Array(1);
  engine.nextChangeInto(now, false, full);
  const fastAt = Math.ceil(now + 20_000 * Math.log2(3 / 2));
  expect(full[0]).toBe(fastAt);
  engine.refresh(fastAt);
  expect(engine.nextChangeAt(fastAt)).toBeGreaterThan(fastAt);
});
