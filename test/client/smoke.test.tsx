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
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

describe('client smoke', () => {
  it('renders fallback, then switches on evidence', () => {
    let t = 1_000;
    const client = createIntentful({ model: shopModel, clock: () => t });
    function Top() {
      return <p data-testid="top">{useTopIntent() ?? 'none'}</p>;
    }
    function Step() {
      return <p data-testid="step">{useNextStep()?.id ?? 'none'}</p>;
    }
    render(
      <IntentProvider client={client}>
        <AdaptiveSlot id="hero" live>
          {/* biome-ignore lint/complexity/noUselessFragments: a Variant inside a fragment is the case under test */}
          <>
            <Variant id="standard" fallback>
              std
            </Variant>
          </>
          <Variant id="compare" intents={['compare']}>
            cmp
          </Variant>
        </AdaptiveSlot>
        <Top />
        <Step />
      </IntentProvider>,
    );
    expect(screen.getByText('std')).toBeTruthy();
    act(() => {
      t += 10;
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByTestId('top').textContent).toBe('compare');
    expect(document.querySelector('[data-intent-slot="hero"]')?.getAttribute('data-variant')).toBe(
      'compare',
    );
  });
});

describe('useIntent', () => {
  it('reads a known intent, and a neutral belief for an unknown one', () => {
    const client = createIntentful({ model: shopModel, clock: () => 1_000 });
    client.track({ type: 'click', target: 'compare' });
    function Show({ id }: { id: string }) {
      const b = useIntent(id as 'compare');
      return <p data-testid={id}>{b.observations}</p>;
    }
    render(
      <IntentProvider client={client}>
        <Show id="compare" />
        <Show id="nope" />
      </IntentProvider>,
    );
    expect(screen.getByTestId('compare').textContent).toBe('1');
    expect(screen.getByTestId('nope').textContent).toBe('0');
  });
});

describe('variant registration', () => {
  it('reports two variants with one id and different options, not the same variant mounted twice', () => {
    const onError = vi.fn();
    const client = createIntentful({ model: shopModel, onError });
    render(
      <IntentProvider client={client}>
        <AdaptiveSlot id="same">
          <Variant id="standard" fallback>
            a
          </Variant>
          <Variant id="standard" fallback>
            a again (a transition keeps the old copy mounted)
          </Variant>
        </AdaptiveSlot>
        <AdaptiveSlot id="clash">
          <Variant id="standard" fallback>
            b
          </Variant>
          <Variant id="standard" intents={['compare']}>
            c
          </Variant>
        </AdaptiveSlot>
      </IntentProvider>,
    );
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0].message).toBe(
      '<AdaptiveSlot id="clash"> has two <Variant id="standard"> with different options; the first one\'s are used.',
    );
  });
});

describe('a slot without a fallback', () => {
  it('is reported, since the server and first render would show nothing', () => {
    const onError = vi.fn();
    const client = createIntentful({ model: shopModel, onError });
    render(
      <IntentProvider client={client}>
        <AdaptiveSlot id="bare">
          <Variant id="one">one</Variant>
          <Variant id="two">two</Variant>
        </AdaptiveSlot>
      </IntentProvider>,
    );
    expect(onError.mock.calls.map((c) => c[0].message)).toEqual([
      '<AdaptiveSlot id="bare"> has no fallback: mark the generalized experience with <Variant fallback> so the server and the first render show it.',
    ]);
    expect(screen.getByText('one')).toBeTruthy();
  });
});

describe('a registered slot written without a fallback Variant', () => {
  it('is not reported: the registry names its fallback', async () => {
    const { defineSlots } = await import('intentful');
    const onError = vi.fn();
    const slots = defineSlots({
      hero: { variants: { standard: { fallback: true }, compare: { intents: ['compare'] } } },
    });
    const client = createIntentful({ model: shopModel, slots, onError });
    render(
      <IntentProvider client={client}>
        <AdaptiveSlot id="hero">
          <Variant id="standard">standard</Variant>
          <Variant id="compare">compare</Variant>
        </AdaptiveSlot>
      </IntentProvider>,
    );
    expect(onError).not.toHaveBeenCalled();
    expect(screen.getByText('standard')).toBeTruthy();
  });
});
