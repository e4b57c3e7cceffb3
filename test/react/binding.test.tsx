// What the React binding guarantees about composition and misuse.
import { act, render, renderHook, screen } from '@testing-library/react';
import {
  AdaptiveSlot,
  createIntentful,
  IntentProvider,
  useConsent,
  useDeclare,
  useGoal,
  useIntent,
  useIntentful,
  useNextStep,
  usePageView,
  useTopIntent,
  useTrack,
  Variant,
} from 'intentful';
import { Fragment, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

function setup(onError?: (error: Error) => void) {
  const client = createIntentful({
    model: shopModel,
    clock: fakeClock().clock,
    ...(onError && { onError }),
  });
  return {
    client,
    wrap: (ui: ReactNode) => <IntentProvider client={client}>{ui}</IntentProvider>,
  };
}

const slot = (container: HTMLElement) =>
  container.querySelector('[data-intent-slot="hero"]') as HTMLElement;

/** A design-system component that renders a Variant of its own. */
function DeliveryVariant() {
  return (
    <Variant id="delivery" intents={['shipping-concern']}>
      Delivery promise
    </Variant>
  );
}

function CompareVariant({ children }: { children: ReactNode }) {
  return (
    <section>
      <Variant id="compare" intents={['compare']}>
        {children}
      </Variant>
    </section>
  );
}

describe('<Variant> composition', () => {
  it.each([
    [
      'inside a fragment',
      <Fragment key="fragment">
        <Variant id="standard" fallback>
          Standard
        </Variant>
        {/* Keyed only so the linter keeps a fragment the test is about. */}
        <Fragment key="more">
          <Variant id="compare" intents={['compare']}>
            Compare plans
          </Variant>
          <Variant id="delivery" intents={['shipping-concern']}>
            Delivery promise
          </Variant>
        </Fragment>
      </Fragment>,
    ],
    [
      'inside wrapper components',
      <Fragment key="wrappers">
        <Variant id="standard" fallback>
          Standard
        </Variant>
        <CompareVariant>Compare plans</CompareVariant>
        <DeliveryVariant />
      </Fragment>,
    ],
    [
      'mixed: direct, in a fragment, in wrappers, under plain elements',
      <div key="mixed">
        <Fragment key="standard">
          <Variant id="standard" fallback>
            Standard
          </Variant>
        </Fragment>
        <CompareVariant>Compare plans</CompareVariant>
        <span>
          <DeliveryVariant />
        </span>
      </div>,
    ],
  ])('registers %s and switches between them', (_, variants) => {
    const { client, wrap } = setup();
    const { container } = render(
      wrap(
        <AdaptiveSlot id="hero" live>
          {variants}
        </AdaptiveSlot>,
      ),
    );
    expect(container.textContent).toBe('Standard');
    expect(slot(container).dataset).toMatchObject({ variant: 'standard', policy: 'intent-match' });
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(container.textContent).toBe('Compare plans');
    expect(slot(container).dataset.variant).toBe('compare');
    act(() => {
      client.declare('compare', false);
      client.declare('shipping-concern', true);
    });
    expect(container.textContent).toBe('Delivery promise');
    expect(slot(container).dataset.variant).toBe('delivery');
    // Every variant registered, wherever it sat in the tree.
    expect(client.decisions()).toEqual([
      expect.objectContaining({ slot: 'hero', variant: 'delivery' }),
    ]);
  });

  it('a <Variant> outside <AdaptiveSlot> throws an error naming both', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { wrap } = setup();
    for (const ui of [
      <Variant key="bare" id="compare">
        x
      </Variant>,
      wrap(<CompareVariant>x</CompareVariant>),
    ])
      expect(() => render(ui)).toThrow(/<Variant id="compare">.*<AdaptiveSlot/);
    error.mockRestore();
  });
});

describe('misuse', () => {
  it.each([
    ['useIntentful', () => useIntentful()],
    ['useIntent', () => useIntent('compare')],
    ['useTopIntent', () => useTopIntent()],
    ['useNextStep', () => useNextStep()],
    ['useTrack', () => useTrack()],
    ['useDeclare', () => useDeclare()],
    ['useConsent', () => useConsent()],
    ['usePageView', () => usePageView('/x')],
    ['useGoal', () => useGoal()],
  ])('%s outside <IntentProvider> throws naming the hook and the provider', (name, hook) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let thrown: unknown;
    try {
      renderHook(hook as () => unknown);
    } catch (e) {
      thrown = e;
    }
    error.mockRestore();
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toContain(name);
    expect(message).toContain('<IntentProvider');
  });

  it('two <AdaptiveSlot> with one id mounted at once are reported through onError, naming the id', () => {
    const onError = vi.fn();
    const { wrap } = setup(onError);
    const hero = (text: string) => (
      <AdaptiveSlot id="hero">
        <Variant id="standard" fallback>
          {text}
        </Variant>
      </AdaptiveSlot>
    );
    const { rerender } = render(wrap(hero('first')));
    expect(onError).not.toHaveBeenCalled();
    rerender(
      wrap(
        <>
          {hero('first')}
          {hero('second')}
        </>,
      ),
    );
    // Reported, not thrown: the page keeps working, both show the shared decision.
    expect(onError).toHaveBeenCalledTimes(1);
    const error = onError.mock.calls[0]?.[0] as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('<AdaptiveSlot id="hero">');
    expect(screen.getByText('first')).toBeTruthy();
    expect(screen.getByText('second')).toBeTruthy();
  });

  it('one id mounted again after the first unmounted is not an error', () => {
    const onError = vi.fn();
    const { wrap } = setup(onError);
    const hero = (
      <AdaptiveSlot id="hero">
        <Variant id="standard" fallback>
          Standard
        </Variant>
      </AdaptiveSlot>
    );
    const { rerender } = render(wrap(<div key="a">{hero}</div>));
    rerender(wrap(<div key="b">{hero}</div>));
    rerender(wrap(<div key="c">{hero}</div>));
    expect(onError).not.toHaveBeenCalled();
  });
});
