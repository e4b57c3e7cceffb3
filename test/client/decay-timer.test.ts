// The client re-arms its decay timer after each publish from the intents that changed only; these
// check that a change elsewhere still brings the timer forward, even when something else asked
// the engine for the next change (a full look) in between.
import { createIntentful } from 'intentful/core';
import { afterEach, expect, it, vi } from 'vitest';
import { slowAndFast } from '../fixtures';
import { engineOf } from '../internal';

const model = slowAndFast;

afterEach(() => {
  vi.useRealTimers();
});

function mounted() {
  vi.useFakeTimers({ now: 1_000_000 });
  const client = createIntentful({ model, refreshInterval: false });
  client.mount();
  return client;
}

it('an intent that changes later with an earlier crossing brings the timer forward', () => {
  const client = mounted();
  client.track({ type: 'click', target: 'slow' });
  const slowAt = engineOf(client).nextChangeAt() as number;
  client.track({ type: 'click', target: 'fast' });
  const fastAt = engineOf(client).nextChangeAt() as number;
  expect(fastAt).toBeLessThan(slowAt);
  // No signal from here on: only the timer can publish the decayed belief.
  vi.advanceTimersByTime(fastAt - Date.now() - 5);
  expect(client.getState().beliefs.fast.confidence).toBeGreaterThan(0.5);
  vi.advanceTimersByTime(10);
  expect(client.getState().beliefs.fast.confidence).toBeLessThan(0.5);
  expect(client.getState().top?.intent).toBe('slow');
  vi.advanceTimersByTime(slowAt - Date.now() + 1);
  expect(client.getState().top).toBeNull();
  client.unmount();
});

it('a full look at the engine between signals does not hide a change from the timer', () => {
  const client = mounted();
  client.track({ type: 'click', target: 'slow' });
  client.batch(() => {
    client.track({ type: 'click', target: 'fast' });
    // Asked mid-batch, before the publish the client schedules from.
    engineOf(client).nextChangeAt();
  });
  engineOf(client).nextChangeAt();
  const fastAt = engineOf(client).nextChangeAt() as number;
  vi.advanceTimersByTime(fastAt - Date.now() + 1);
  expect(client.getState().beliefs.fast.confidence).toBeLessThan(0.5);
  client.unmount();
});
