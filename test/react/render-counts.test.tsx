// The binding's promise: components re-render when what they show changes, and not otherwise.
import { act, render, screen } from '@testing-library/react';
import {
  AdaptiveSlot,
  createIntentful,
  IntentProvider,
  useIntent,
  useNextStep,
  useTopIntent,
  Variant,
} from 'intentful';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

function setup() {
  const time = fakeClock();
  const client = createIntentful({ model: shopModel, clock: time.clock });
  const renders = { step: 0, top: 0, slot: 0, flip: 0, belief: 0, gift: 0 };
  const above = (b: { confidence: number }) => b.confidence > 0.5;
  function Step() {
    renders.step++;
    return <p data-testid="step">{useNextStep()?.id ?? 'none'}</p>;
  }
  function Top() {
    renders.top++;
    return <p data-testid="top">{useTopIntent() ?? 'none'}</p>;
  }
  function Flip() {
    renders.flip++;
    return <p data-testid="flip">{String(useIntent('compare', above))}</p>;
  }
  function Compare() {
    renders.belief++;
    return <p data-testid="belief">{useIntent('compare').confidence.toFixed(4)}</p>;
  }
  function Gift() {
    renders.gift++;
    return <p data-testid="gift">{useIntent('gift').observations}</p>;
  }
  render(
    <IntentProvider client={client}>
      <Step />
      <Top />
      <Profiler id="slot" onRender={() => renders.slot++}>
        <AdaptiveSlot id="hero" live>
          <Variant id="standard" fallback>
            Standard
          </Variant>
          <Variant id="compare" intents={['compare']}>
            Compare plans
          </Variant>
        </AdaptiveSlot>
      </Profiler>
      <Flip />
      <Compare />
      <Gift />
    </IntentProvider>,
  );
  return { client, time, renders };
}

describe('render counts', () => {
  it('useNextStep, useTopIntent and <AdaptiveSlot> render 0 extra times for signals that change no decision', () => {
    const { client, time, renders } = setup();
    // Make a decision first, so the stream below can move confidence without changing it.
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByTestId('step').textContent).toBe('comparison-table');
    expect(screen.getByTestId('top').textContent).toBe('compare');
    expect(screen.getByText('Compare plans')).toBeTruthy();
    const before = { ...renders };
    const state = client.getState();

    // A stream: signals no rule reads, evidence for intents that stay below their thresholds,
    // more evidence for the intent already on top (its confidence moves, its step does not),
    // and time passing. One act per signal: each is its own publish.
    const stream = [
      { type: 'scroll-depth', data: { depth: 50 } },
      { type: 'click', target: 'unrelated' },
      { type: 'dwell', target: 'shipping', data: { ms: 300 } },
      { type: 'click', target: 'compare' },
      { type: 'click', target: 'footer' },
      { type: 'dwell', target: 'elsewhere', data: { ms: 5000 } },
      { type: 'click', target: 'compare' },
    ] as const;
    for (const signal of stream) {
      act(() => {
        time.advance(500);
        client.track(signal);
      });
    }
    // The stream really did move beliefs, so the hooks were asked.
    expect(client.getState()).not.toBe(state);
    expect(client.getState().beliefs).not.toBe(state.beliefs);
    expect(client.belief('shipping-concern').observations).toBe(1);
    expect(screen.getByTestId('step').textContent).toBe('comparison-table');
    expect(screen.getByTestId('top').textContent).toBe('compare');
    expect(renders.step).toBe(before.step);
    expect(renders.top).toBe(before.top);
    expect(renders.slot).toBe(before.slot);
    // The gift belief never changed: its reader never rendered again after mount.
    expect(renders.gift).toBe(1);
  });

  it('useIntent(id, select) renders only when the selected value flips', () => {
    const { client, time, renders } = setup();
    expect(screen.getByTestId('flip').textContent).toBe('false');
    let flips = 0;
    let last = client.belief('compare').confidence > 0.5;
    const step = (signal: Parameters<typeof client.track>[0], ms = 1000) => {
      act(() => {
        time.advance(ms);
        client.track(signal);
      });
      const now = client.belief('compare').confidence > 0.5;
      if (now !== last) flips++;
      last = now;
    };
    step({ type: 'click', target: 'compare' });
    step({ type: 'click', target: 'compare' });
    step({ type: 'click', target: 'compare' });
    // Checkout counts against comparing: down below a half, then back up.
    step({ type: 'page-view', target: '/checkout', data: { pageType: 'checkout' } });
    step({ type: 'page-view', target: '/checkout-2', data: { pageType: 'checkout' } });
    step({ type: 'click', target: 'compare' });
    step({ type: 'click', target: 'compare' });
    step({ type: 'click', target: 'gift-wrap' });
    expect(flips).toBeGreaterThanOrEqual(2);
    expect(renders.flip).toBe(1 + flips);
    expect(screen.getByTestId('flip').textContent).toBe(String(last));
  });

  it('useIntent(id) renders when that belief changes, and not for others', () => {
    const { client, time, renders } = setup();
    expect(renders.belief).toBe(1);
    act(() => {
      time.advance(1000);
      client.track({ type: 'click', target: 'compare' });
    });
    expect(renders.belief).toBe(2);
    expect(screen.getByTestId('belief').textContent).toBe(
      client.belief('compare').confidence.toFixed(4),
    );
    act(() => {
      client.track({ type: 'click', target: 'gift-wrap' });
      client.track({ type: 'scroll-depth', data: { depth: 25 } });
    });
    expect(renders.belief).toBe(2);
    expect(renders.gift).toBe(2);
    act(() => {
      client.declare('compare', true);
    });
    expect(renders.belief).toBe(3);
  });
});
