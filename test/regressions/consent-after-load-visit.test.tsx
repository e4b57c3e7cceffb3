import { render } from '@testing-library/react';
import { type Consent, collectors, IntentProvider, type Signal } from 'intentful';
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
    const app = (consent: Consent) => (
      <IntentProvider
        model={shopModel}
        consent={consent}
        collect={collect}
        clock={time.clock}
        onSignal={(s) => signals.push(s)}
      />
    );
    // First visit: the banner is answered after the page loaded (the usual case).
    const first = render(app('pending'));
    first.rerender(app('granted'));
    first.unmount();

    // Two days later, a new browser session, consent remembered by the app.
    sessionStorage.clear();
    time.advance(2 * DAY);
    signals.length = 0;
    render(app('granted'));
    const session = signals.find((s) => s.type === 'session');
    expect(session?.data).toMatchObject({ returning: true });
  });
});
