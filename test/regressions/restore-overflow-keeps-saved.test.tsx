import { act, render } from '@testing-library/react';
import {
  type Consent,
  createIntentEngine,
  IntentProvider,
  persistence,
  useIntentEngine,
} from 'intentful';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

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

    let engine: ReturnType<typeof useIntentEngine> | undefined;
    const Grab = () => {
      engine = useIntentEngine();
      return null;
    };
    const app = (consent: Consent) => (
      <IntentProvider
        model={shopModel}
        consent={consent}
        persist={persist}
        clock={time.clock}
        historySize={3}
      >
        <Grab />
      </IntentProvider>
    );
    const view = render(app('pending'));
    // More signals than history holds before the banner is answered.
    act(() => {
      for (let i = 0; i < 5; i++) engine!.track({ type: 'click', target: 'compare' });
    });
    view.rerender(app('granted'));
    act(() => {
      dispatchEvent(new Event('pagehide'));
    });
    const saved = JSON.parse(localStorage.getItem('intentful') ?? 'null');
    // The earlier visit's gift evidence and this page's five compare clicks, merged.
    expect(saved?.state?.intents?.gift?.count).toBe(2);
    expect(saved?.state?.intents?.compare?.count).toBe(5);
  });
});
