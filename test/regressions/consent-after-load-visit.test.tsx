import { act, render } from '@testing-library/react';
import { type Consent, collectors, createIntentful, IntentProvider, type Signal } from 'intentful';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const DAY = 24 * 3600 * 1000;
const collect = collectors();

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/products/boot-1');
});

describe('consent granted from a banner after load', () => {
  it('the visit is remembered, so the next visit counts as returning', () => {
    const time = fakeClock();
    const signals: Signal[] = [];
    const load = (consent: Consent) => {
      const client = createIntentful({
        model: shopModel,
        consent,
        plugins: [collect],
        clock: time.clock,
      });
      client.onSignal((s) => signals.push(s));
      return { client, view: render(<IntentProvider client={client} />) };
    };
    // First visit: the banner is answered after the page loaded (the usual case).
    const first = load('pending');
    act(() => first.client.setConsent('granted'));
    first.view.unmount();

    // Two days later, a new browser session, consent remembered by the app.
    sessionStorage.clear();
    time.advance(2 * DAY);
    signals.length = 0;
    load('granted');
    const session = signals.find((s) => s.type === 'session');
    expect(session?.data).toMatchObject({ returning: true });
  });
});
