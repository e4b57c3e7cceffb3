// Trails are opt-in: `trails()` keeps the recent signals behind each belief. Without it nothing is
// kept for them, `trail()` answers `[]` (said once in development) and beliefs explain themselves
// from their evidence as before.
import { createIntentful, explain, type SignalInput, trails } from 'intentful/core';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

const clicks = (n: number): SignalInput[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'click', target: 'compare', data: { i } }));

function client(plugins: Parameters<typeof createIntentful>[0]['plugins'] = []) {
  let now = 1_000;
  const onError = vi.fn();
  const c = createIntentful({ model: shopModel, clock: () => now, plugins, onError });
  const feed = (signals: SignalInput[]) => {
    for (const s of signals) {
      now += 1_000;
      c.track(s);
    }
  };
  return { c, onError, feed };
}

describe('trails()', () => {
  it('without it, trail() is empty and says why once, while evidence still explains beliefs', () => {
    const { c, onError, feed } = client();
    feed(clicks(3));
    expect(c.trail('compare')).toEqual([]);
    expect(c.trail('compare')).toEqual([]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toContain('trails()');
    const belief = c.belief('compare');
    expect(belief.evidence).toMatchObject([{ rule: 'compare-click', count: 3 }]);
    expect(explain(belief)).toContain('opened the comparison');
  });

  it('with it, lists the signals behind a belief, oldest first, 20 per intent by default', () => {
    const { c, onError, feed } = client([trails()]);
    feed(clicks(25));
    const trail = c.trail('compare');
    expect(trail.map((e) => e.signal.data?.i)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    expect(trail.every((e) => e.rule === 'compare-click')).toBe(true);
    expect(c.trail('shipping-concern')).toEqual([]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('keeps `size` events per intent', () => {
    const { c, feed } = client([trails({ size: 2 })]);
    feed(clicks(5));
    expect(c.trail('compare').map((e) => e.signal.data?.i)).toEqual([3, 4]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses size %s where the app configures it', (size) => {
    expect(() => trails({ size })).toThrow(RangeError);
  });

  it('forget() and denied consent empty the trail', () => {
    const { c, feed } = client([trails()]);
    feed(clicks(2));
    expect(c.trail('compare')).toHaveLength(2);
    c.forget();
    expect(c.trail('compare')).toEqual([]);
    c.setConsent('granted');
    feed(clicks(2));
    c.setConsent('denied');
    expect(c.trail('compare')).toEqual([]);
  });
});
