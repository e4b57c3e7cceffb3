import { render } from '@testing-library/react';
import { type Consent, collectors, IntentProvider, type Signal } from 'intentful';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const collect = collectors({ session: false });

beforeEach(() => {
  history.replaceState(null, '', '/products/a');
});

describe('withoutConsent="none", then consent granted', () => {
  it('the page the visitor is on is counted once collection is allowed', () => {
    const time = fakeClock();
    const signals: Signal[] = [];
    const onSignal = (s: Signal) => signals.push(s);
    const app = (consent: Consent) => (
      <IntentProvider
        model={shopModel}
        consent={consent}
        withoutConsent="none"
        collect={collect}
        clock={time.clock}
        page={{ path: '/products/a', type: 'product' }}
        onSignal={onSignal}
      />
    );
    const view = render(app('pending'));
    expect(signals).toEqual([]);
    view.rerender(app('granted'));
    // Nothing was collected before consent; the current page must not be lost with it.
    expect(signals.filter((s) => s.type === 'page-view').map((s) => s.target)).toEqual([
      '/products/a',
    ]);
  });
});
