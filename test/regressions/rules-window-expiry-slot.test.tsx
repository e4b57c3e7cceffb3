// Guards: a rendered live slot on a windowed rule kept the fit guide after the sizing-chart
// clicks had aged out of the window, because no signal came to make anyone ask again.
import { act, render, screen } from '@testing-library/react';
import { AdaptiveSlot, createIntentful, IntentProvider, Variant } from 'intentful';
import { rules } from 'intentful/policies';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

const fitGuide = rules([
  {
    variant: 'guide',
    when: { signals: [{ type: 'click', target: 'sizing-chart', min: 2, within: 60_000 }] },
  },
]);

afterEach(() => {
  vi.useRealTimers();
});

describe('<AdaptiveSlot live> on a windowed rule', () => {
  it('switches back to the fallback once the window passes with no new signal', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const client = createIntentful({ model: shopModel, refreshInterval: false });
    const { container, unmount } = render(
      <StrictMode>
        <IntentProvider client={client}>
          <AdaptiveSlot id="fit" policy={fitGuide} live>
            <Variant id="standard" fallback>
              Size chart
            </Variant>
            <Variant id="guide">Fit guide</Variant>
          </AdaptiveSlot>
        </IntentProvider>
      </StrictMode>,
    );
    act(() => {
      client.track({ type: 'click', target: 'sizing-chart' });
      vi.advanceTimersByTime(5_000);
      client.track({ type: 'click', target: 'sizing-chart' });
    });
    expect(screen.getByText('Fit guide')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(55_000);
    });
    expect(screen.getByText('Fit guide')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.getByText('Size chart')).toBeTruthy();
    expect(container.querySelector('[data-intent-slot="fit"]')).toMatchObject({
      dataset: expect.objectContaining({ variant: 'standard' }),
    });
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
