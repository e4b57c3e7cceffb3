// "Not for me" on a slot's variant counts against the intent that chose it: the whole category
// steps down, so the slot does not just fall to a sibling variant serving the same intent.
import { act, fireEvent, render, screen } from '@testing-library/react';
import {
  AdaptiveSlot,
  analytics,
  createIntentful,
  DismissVariant,
  IntentProvider,
  Variant,
  WhyThis,
} from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

function Shop() {
  return (
    <AdaptiveSlot id="hero" live>
      <Variant id="standard" fallback>
        Standard <DismissVariant />
      </Variant>
      <Variant id="compare-table" intents={['compare']}>
        Compare table <DismissVariant />
      </Variant>
      <Variant id="compare-tip" intents={['compare']}>
        Compare tip <DismissVariant>Hide this</DismissVariant>
      </Variant>
      <Variant id="delivery" intents={['shipping-concern']}>
        Delivery <DismissVariant />
      </Variant>
    </AdaptiveSlot>
  );
}

function setup(messages?: { notForMe: string }) {
  const clock = fakeClock();
  const sink = vi.fn();
  const client = createIntentful({
    model: shopModel,
    clock: clock.clock,
    plugins: [analytics({ sinks: [sink] })],
    consent: 'granted',
    ...(messages && { messages }),
  });
  const view = render(
    <IntentProvider client={client}>
      <Shop />
    </IntentProvider>,
  );
  const slot = () => view.container.querySelector('[data-intent-slot="hero"]') as HTMLElement;
  const compare = () => client.getState().beliefs.compare;
  return { client, clock, slot, compare, sink };
}

describe('<DismissVariant>', () => {
  it('steps the whole intent down: no sibling variant of the same intent takes its place', () => {
    const { client, slot, compare } = setup();
    act(() => {
      for (let i = 0; i < 2; i++) client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'page-view', target: '/p/1', data: { pageType: 'product' } });
      for (let i = 0; i < 2; i++) client.track({ type: 'click', target: 'delivery-times' });
      client.track({ type: 'dwell', target: 'shipping', data: { ms: 1000 } });
    });
    expect(slot().dataset.variant).toBe('compare-table');
    const before = compare().confidence;
    fireEvent.click(screen.getByRole('button', { name: 'Not for me' }));
    expect(compare().confidence).toBeLessThan(before);
    expect(compare().confidence).toBeLessThan(
      client.getState().beliefs['shipping-concern'].confidence,
    );
    expect(slot().dataset.variant).toBe('delivery');
    expect(screen.queryByText(/Compare tip/)).toBeNull();
    // The dismissal is evidence the user can see, in words.
    expect(compare().evidence.some((e) => e.contribution < 0)).toBe(true);
  });

  it('renders nothing on the standard version, and dismissing it is refused', () => {
    const { client, slot } = setup();
    expect(slot().dataset.variant).toBe('standard');
    expect(screen.queryByRole('button')).toBeNull();
    expect(client.dismissVariant('hero')).toBe(false);
    expect(slot().dataset.variant).toBe('standard');
  });

  it('takes its words from the messages option, or its children', () => {
    const { client } = setup({ notForMe: 'Pas pour moi' });
    act(() => {
      for (let i = 0; i < 2; i++) client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByRole('button', { name: 'Pas pour moi' })).toBeTruthy();
  });

  it('client.dismissVariant works without React components, and the decision event says so', async () => {
    const { client, slot, sink } = setup();
    act(() => {
      for (let i = 0; i < 3; i++) client.track({ type: 'click', target: 'compare' });
    });
    expect(slot().dataset.variant).toBe('compare-table');
    act(() => {
      expect(client.dismissVariant('hero')).toBe(true);
    });
    await Promise.resolve();
    expect(slot().dataset.variant).toBe('standard');
    const variants = sink.mock.calls.map(([e]) => e).filter((e) => e.type === 'decision');
    expect(variants.map((e) => e.variant)).toEqual(['standard', 'compare-table', 'standard']);
  });
});

describe('<WhyThis> tells the current truth', () => {
  it('shows the live confidence, not the one the decision was made with', () => {
    const { client } = setup();
    act(() => {
      for (let i = 0; i < 2; i++) client.track({ type: 'click', target: 'compare' });
    });
    const { container } = render(
      <IntentProvider client={client}>
        <WhyThis slot="hero" />
      </IntentProvider>,
    );
    const text = () => container.querySelector('[data-intent-why] p')?.textContent ?? '';
    const pct = () => Number(/\((\d+)% sure\)/.exec(text())?.[1]);
    const first = pct();
    act(() => {
      client.track({ type: 'page-view', target: '/p/1', data: { pageType: 'product' } });
    });
    expect(pct()).toBe(Math.round(client.getState().beliefs.compare.confidence * 100));
    expect(pct()).toBeGreaterThan(first);
  });

  it('every sentence can be replaced for translation', () => {
    const clock = fakeClock();
    const client = createIntentful({
      model: shopModel,
      clock: clock.clock,
      messages: {
        why: 'Pourquoi ?',
        likely: (label, c) => `Parce que vous semblez ${label} (${Math.round(c * 100)} %).`,
      },
    });
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: 'click', target: 'compare' });
    const { container } = render(
      <IntentProvider client={client}>
        <Shop />
        <WhyThis slot="hero" />
      </IntentProvider>,
    );
    const why = container.querySelector('[data-intent-why="hero"]') as HTMLElement;
    expect(why.querySelector('summary')?.textContent).toBe('Pourquoi ?');
    expect(why.querySelector('p')?.textContent).toMatch(
      /^Parce que vous semblez comparing options \(\d+ %\)\.$/,
    );
  });
});

describe('a dismissal is a choice, kept when behaviour is dropped', () => {
  it('survives consent being denied, as declarations do', () => {
    const { client, slot, compare } = setup();
    act(() => {
      for (let i = 0; i < 3; i++) client.track({ type: 'click', target: 'compare' });
    });
    expect(slot().dataset.variant).toBe('compare-table');
    act(() => {
      client.dismissVariant('hero');
    });
    act(() => {
      client.setConsent('denied');
    });
    // The clicks are gone; the "not for me" still counts against comparing.
    const prior = createIntentful({ model: shopModel }).getState().beliefs.compare.confidence;
    expect(compare().confidence).toBeLessThan(prior);
    expect(client.history().map((s) => s.type)).toEqual(['variant-dismiss']);
  });
});
