/**
 * The page of the cold-start bench: the headline setup (10 intents × 5 rules, 4 slots read as
 * `<AdaptiveSlot>`s read them) from the built package, fed its first 1,000 signals right after
 * load, then 20,000 more, then 1,000 timed again (warm). Timed with `performance.now()` in a
 * cross-origin-isolated page (5 µs resolution) over windows of 10 signals; the signals are
 * generated before any clock starts.
 */
import * as intentful from 'intentful/core';
import { setup } from '../intentful';
import { signalStream } from '../stream';

export interface ColdPage {
  isolated: boolean;
  /** `createIntentful` + `defineModel` + `defineSlots` + mount + 4 slots read, in ms. */
  setupMs: number;
  /** The very first `track`, in µs (5 µs resolution). */
  firstUs: number;
  /** µs per signal in each window of `window` signals: the first 1,000, then 1,000 warm. */
  cold: number[];
  warm: number[];
  window: number;
  /** Sum of the first 1,000 signals, ms. */
  coldTotalMs: number;
}

const COUNT = 1_000;
const WARM = 20_000;
const WINDOW = 10;

const stream = signalStream(COUNT + WARM + COUNT);

/** µs per signal for each window of `WINDOW` signals in stream[from, to). */
function windows(s: ReturnType<typeof setup>, from: number, to: number): number[] {
  const out: number[] = [];
  for (let w = from; w < to; w += WINDOW) {
    const end = Math.min(to, w + WINDOW);
    const t0 = performance.now();
    for (let i = w; i < end; i++) {
      const signal = stream[i]!;
      s.setNow(signal.at!);
      s.client.track(signal);
    }
    out.push(((performance.now() - t0) * 1000) / (end - w));
  }
  return out;
}

const t0 = performance.now();
const s = setup(intentful);
const setupMs = performance.now() - t0;
const first = stream[0]!;
const f0 = performance.now();
s.setNow(first.at!);
s.client.track(first);
const firstUs = (performance.now() - f0) * 1000;
const c0 = performance.now();
// The first signal was timed alone above; the windows take the other 999.
const cold = windows(s, 1, COUNT);
const coldTotalMs = performance.now() - c0 + firstUs / 1000;
for (let i = COUNT; i < COUNT + WARM; i++) {
  const signal = stream[i]!;
  s.setNow(signal.at!);
  s.client.track(signal);
}
const warm = windows(s, COUNT + WARM, COUNT + WARM + COUNT);
s.dispose();
const result: ColdPage = {
  isolated: crossOriginIsolated,
  setupMs,
  firstUs,
  cold,
  warm,
  window: WINDOW,
  coldTotalMs,
};
(window as unknown as { __cold: ColdPage }).__cold = result;
