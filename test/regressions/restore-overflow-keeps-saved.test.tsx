import { act, render } from '@testing-library/react';
import { createIntentful, IntentProvider, persistence } from 'intentful';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine } from '../internal';

const persist = persistence();

beforeEach(() => localStorage.clear());

describe('consent granted after a long page, earlier visits saved', () => {
  it('keeps the earlier visit and this page when history has overflowed', () => {
    const time = fakeClock();
    // An earlier visit saved a strong gift belief.
    const before = createIntentEngine({ model: shopModel, clock: time.clock });
    before.track({ type: 'click', target: 'gift-wrap' });
    before.track({ type: 'click', target: 'gift-wrap' });
    localStorage.setItem(
      'intentful',
      JSON.stringify({ v: 1, savedAt: time.now, state: before.serialize() }),
    );
    time.advance(60_000);

    const client = createIntentful({
      model: shopModel,
      consent: 'pending',
      plugins: [persist],
      clock: time.clock,
      historySize: 3,
    });
    render(<IntentProvider client={client} />);
    // More signals than history holds before the banner is answered.
    act(() => {
      for (let i = 0; i < 5; i++) client.track({ type: 'click', target: 'compare' });
    });
    act(() => client.setConsent('granted'));
    act(() => {
      dispatchEvent(new Event('pagehide'));
    });
    const saved = JSON.parse(localStorage.getItem('intentful') ?? 'null');
    // The earlier visit's gift evidence and this page's five compare clicks, merged.
    expect(saved?.state?.intents?.gift?.count).toBe(2);
    expect(saved?.state?.intents?.compare?.count).toBe(5);
  });
});
