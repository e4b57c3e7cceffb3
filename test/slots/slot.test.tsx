import { act, render, screen } from '@testing-library/react';
import {
  AdaptiveSlot,
  analytics,
  createIntentful,
  defineSlots,
  type IntentfulOptions,
  IntentProvider,
  type ObserveExposure,
  type Policy,
  persistence,
  type SlotEvent,
  useGoal,
  useSlotDecision,
  Variant,
  WhyThis,
} from 'intentful';
import { experiment, summarize } from 'intentful/policies';
import { Profiler, type ReactNode, StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, memoryStorage as memory, shopModel } from '../fixtures';

/** The provider props of the old API are client options now. */
function setup(
  extra: Omit<IntentfulOptions<string, string>, 'model' | 'clock'> = {},
  clock = fakeClock(),
) {
  const client = createIntentful({ model: shopModel, clock: clock.clock, ...extra });
  return {
    client,
    wrap: (ui: ReactNode) => <IntentProvider client={client}>{ui}</IntentProvider>,
  };
}

/** Exposure observer the test triggers by hand. */
function manualObserver() {
  const visible = new Map<Element, () => void>();
  const observe: ObserveExposure = (el, onVisible) => {
    visible.set(el, onVisible);
    return () => visible.delete(el);
  };
  return {
    observe,
    showAll: () =>
      act(() => {
        for (const f of [...visible.values()]) f();
      }),
  };
}

function Hero(props: { live?: boolean; policy?: Policy }) {
  return (
    <AdaptiveSlot id="hero" {...props}>
      <Variant id="standard" fallback>
        Standard
      </Variant>
      <Variant id="compare" intents={['compare']}>
        Compare plans
      </Variant>
      <Variant id="delivery" intents={['shipping-concern']}>
        Delivery promise
      </Variant>
    </AdaptiveSlot>
  );
}

const slotEl = (container: HTMLElement) =>
  container.querySelector('[data-intent-slot="hero"]') as HTMLElement;

describe('<AdaptiveSlot>', () => {
  it('renders the fallback, then the variant serving the confident intent, with data attributes', () => {
    const { client, wrap } = setup();
    const { container } = render(wrap(<Hero live />));
    expect(screen.getByText('Standard')).toBeTruthy();
    expect(slotEl(container).dataset).toMatchObject({
      intentSlot: 'hero',
      variant: 'standard',
      policy: 'intent-match',
    });
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('Compare plans')).toBeTruthy();
    expect(screen.queryByText('Standard')).toBeNull();
    expect(slotEl(container).dataset.variant).toBe('compare');
  });

  it('throws a clear error for a Variant outside its slot and a slot outside the provider', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Variant id="compare">x</Variant>)).toThrow(
      'intentful: <Variant id="compare"> must be used inside <AdaptiveSlot>',
    );
    expect(() => render(<Hero />)).toThrow(
      'intentful: <AdaptiveSlot id="hero"> must be used inside <IntentProvider',
    );
    error.mockRestore();
  });

  it('can be forced to a variant without a provider (Storybook, tests)', () => {
    const { container } = render(
      <AdaptiveSlot id="hero" variant="delivery">
        <Variant id="standard">Standard</Variant>
        <Variant id="delivery">Delivery promise</Variant>
      </AdaptiveSlot>,
    );
    expect(container.textContent).toBe('Delivery promise');
    expect(slotEl(container).dataset.policy).toBe('forced');
  });

  it('re-renders only when its decision changes', () => {
    const { client, wrap } = setup();
    let renders = 0;
    render(
      wrap(
        <Profiler id="slot" onRender={() => renders++}>
          <Hero live />
        </Profiler>,
      ),
    );
    const base = renders;
    act(() => {
      client.track({ type: 'click', target: 'gift-wrap' });
      client.track({ type: 'dwell', target: 'shipping', data: { ms: 100 } });
      client.track({ type: 'scroll-depth', data: { percent: 50 } });
    });
    expect(renders).toBe(base);
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(renders).toBe(base + 1);
    act(() => {
      // More evidence for the same intent: same variant, same decision, no render.
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'page-view', target: '/cart' });
    });
    expect(renders).toBe(base + 1);
  });

  it('keeps a seen variant until navigation unless live', () => {
    const obs = manualObserver();
    const { client, wrap } = setup({ observeExposure: obs.observe });
    render(wrap(<Hero />));
    obs.showAll();
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('Standard')).toBeTruthy();
    act(() => {
      client.track({ type: 'page-view', target: '/next' });
    });
    expect(screen.getByText('Compare plans')).toBeTruthy();
  });

  it('stays locked after a navigation that kept the seen variant', () => {
    const obs = manualObserver();
    const { client, wrap } = setup({ observeExposure: obs.observe });
    render(wrap(<Hero />));
    obs.showAll();
    act(() => {
      client.track({ type: 'page-view', target: '/next' });
    });
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('Standard')).toBeTruthy();
  });

  it('switches right away when nothing was seen yet', () => {
    const obs = manualObserver();
    const { client, wrap } = setup({ observeExposure: obs.observe });
    render(wrap(<Hero />));
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(screen.getByText('Compare plans')).toBeTruthy();
  });

  it('renders the fallback when a variant throws, and reports once', () => {
    const onError = vi.fn();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client, wrap } = setup({ onError });
    function Broken(): ReactNode {
      throw new Error('bad variant');
    }
    const { container } = render(
      wrap(
        <AdaptiveSlot id="hero" live>
          <Variant id="standard" fallback>
            Standard
          </Variant>
          <Variant id="compare" intents={['compare']}>
            <Broken />
          </Variant>
        </AdaptiveSlot>,
      ),
    );
    act(() => {
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(container.textContent).toBe('Standard');
    act(() => {
      client.track({ type: 'click', target: 'compare' });
    });
    expect(container.textContent).toBe('Standard');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0].message).toMatch(
      /variant "compare" of slot "hero" threw while rendering: Error: bad variant/,
    );
    consoleError.mockRestore();
  });

  it('falls back when its policy throws', () => {
    const onError = vi.fn();
    const { wrap } = setup({ onError });
    const policy: Policy = {
      name: 'broken',
      decide() {
        throw new Error('nope');
      },
    };
    const { container } = render(wrap(<Hero policy={policy} />));
    expect(container.textContent).toBe('Standard');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('explains itself to end users', () => {
    const { client, wrap } = setup();
    client.track({ type: 'click', target: 'compare' });
    client.track({ type: 'click', target: 'compare' });
    const { container } = render(
      wrap(
        <>
          <Hero />
          <WhyThis slot="hero" />
        </>,
      ),
    );
    const why = container.querySelector('[data-intent-why="hero"]') as HTMLElement;
    expect(why.querySelector('summary')?.textContent).toBe('Why am I seeing this?');
    expect(why.querySelector('p')?.textContent).toMatch(
      /^Shown because you seem to be comparing options \(\d+% sure\)\.$/,
    );
    // Each fact once: the intent is in the sentence, the evidence in the list.
    expect([...why.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'opened the comparison ×2',
    ]);
  });

  it('reads a decision with useSlotDecision, inside or outside the slot', () => {
    const { wrap } = setup();
    const seen: { outside: (string | undefined)[]; inside: (string | undefined)[] } = {
      outside: [],
      inside: [],
    };
    function Probe({ id, at }: { id?: 'hero'; at: 'outside' | 'inside' }) {
      seen[at].push(useSlotDecision(id)?.variant);
      return null;
    }
    const { container } = render(
      wrap(
        <>
          <Hero />
          <Probe id="hero" at="outside" />
          <AdaptiveSlot id="side">
            <Variant id="standard">
              <Probe at="inside" />
            </Variant>
          </AdaptiveSlot>
        </>,
      ),
    );
    expect(container.textContent).toBe('Standard');
    // Outside, by id: no decision (null) only until the slot's variants have registered, which
    // happens before the first paint; from then on the slot's decision.
    expect(seen.outside).toContain('standard');
    expect(seen.outside.at(-1)).toBe('standard');
    expect(
      seen.outside.slice(seen.outside.indexOf('standard')).every((v) => v === 'standard'),
    ).toBe(true);
    // Inside, without an id: the enclosing slot's decision, from its first render on.
    expect(seen.inside).toContain('standard');
    expect(seen.inside.every((v) => v === 'standard')).toBe(true);
  });

  it('uses registered JSON rules, and a policy prop overrides the registered one', () => {
    const slots = defineSlots({
      hero: {
        variants: { standard: {}, compare: {}, delivery: {} },
        rules: [{ variant: 'delivery', when: { pageType: 'cart' } }],
      },
    });
    const { client, wrap } = setup({ slots });
    const { container, rerender } = render(wrap(<Hero live />));
    expect(slotEl(container).dataset).toMatchObject({ variant: 'standard', policy: 'rules' });
    act(() => {
      client.track({ type: 'page-view', target: '/cart', data: { page: 'cart' } });
    });
    expect(container.textContent).toBe('Delivery promise');
    const always: Policy = { name: 'always', decide: () => ({ variant: 'compare', reason: 'x' }) };
    rerender(wrap(<Hero live policy={always} />));
    expect(slotEl(container).dataset).toMatchObject({ variant: 'compare', policy: 'always' });
  });

  it('works under StrictMode', () => {
    const { client, wrap } = setup();
    render(<StrictMode>{wrap(<Hero live />)}</StrictMode>);
    act(() => {
      client.declare('shipping-concern', true);
    });
    expect(screen.getByText('Delivery promise')).toBeTruthy();
  });
});

describe('exposures, outcomes and sinks', () => {
  it('records an exposure only once the variant is visible, and attributes goals to it', async () => {
    const events: SlotEvent[] = [];
    const obs = manualObserver();
    const clock = fakeClock();
    const { client, wrap } = setup(
      {
        observeExposure: obs.observe,
        plugins: [analytics({ sinks: [(e) => events.push(e)] })],
        unitId: 'u1',
        consent: 'granted',
      },
      clock,
    );
    function Buy() {
      const goal = useGoal();
      return (
        <button type="button" onClick={() => goal('purchase', 30)}>
          buy
        </button>
      );
    }
    render(
      wrap(
        <>
          <Hero />
          <Buy />
        </>,
      ),
    );
    await act(async () => {});
    expect(events.map((e) => e.type)).toEqual(['decision']);
    act(() => {
      // Confidence moves but stays below the threshold: no new decision event.
      client.track({ type: 'click', target: 'compare' });
    });
    expect(events.map((e) => e.type)).toEqual(['decision']);
    obs.showAll();
    obs.showAll();
    expect(events.filter((e) => e.type === 'exposure')).toEqual([
      {
        type: 'exposure',
        at: clock.now,
        unit: 'u1',
        slot: 'hero',
        variant: 'standard',
        policy: 'intent-match',
        holdout: false,
      },
    ]);
    clock.advance(1000);
    act(() => screen.getByText('buy').click());
    act(() => {
      client.track({ type: 'goal', target: 'signup' });
    });
    const outcomes = events.filter((e) => e.type === 'outcome');
    expect(outcomes).toEqual([
      {
        type: 'outcome',
        at: clock.now,
        unit: 'u1',
        goal: 'purchase',
        value: 30,
        exposures: [
          {
            slot: 'hero',
            variant: 'standard',
            policy: 'intent-match',
            holdout: false,
            at: clock.now - 1000,
          },
        ],
      },
      expect.objectContaining({ goal: 'signup' }),
    ]);
  });

  it('keeps experiment assignments across remounts and reloads for a stable unit id', () => {
    const slots = defineSlots({
      promo: {
        variants: { a: {}, b: {}, c: {}, d: {} },
        policy: experiment({ share: 0, salt: 'promo' }),
      },
    });
    const variants = new Set<string>();
    for (let load = 0; load < 5; load++) {
      const client = createIntentful({ model: shopModel, slots, unitId: 'visitor-7' });
      const { container, unmount } = render(
        <IntentProvider client={client}>
          <AdaptiveSlot id="promo">
            <Variant id="a">A</Variant>
            <Variant id="b">B</Variant>
            <Variant id="c">C</Variant>
            <Variant id="d">D</Variant>
          </AdaptiveSlot>
        </IntentProvider>,
      );
      variants.add(container.textContent ?? '');
      unmount();
    }
    expect(variants.size).toBe(1);
  });
});

describe('sticky assignments with consent', () => {
  const Promo = () => (
    <AdaptiveSlot id="promo">
      <Variant id="a">A</Variant>
      <Variant id="b">B</Variant>
      <Variant id="c">C</Variant>
      <Variant id="d">D</Variant>
    </AdaptiveSlot>
  );
  const slots = defineSlots({
    promo: {
      variants: { a: {}, b: {}, c: {}, d: {} },
      policy: experiment({ share: 0, salt: 'promo' }),
    },
  });
  /** What the promo slot shows on each of `loads` page loads sharing one device storage. */
  const shownOverReloads = (storage: ReturnType<typeof memory>, loads: number) => {
    const seen = new Set<string | null>();
    for (let load = 0; load < loads; load++) {
      const client = createIntentful({
        model: shopModel,
        slots,
        consent: 'granted',
        storage,
        plugins: [persistence()],
      });
      const { container, unmount } = render(
        <IntentProvider client={client}>
          <Promo />
        </IntentProvider>,
      );
      seen.add(container.textContent);
      unmount();
    }
    return seen;
  };

  it('keeps the assignment across reloads when consent allows persisting', () => {
    const storage = memory();
    expect(shownOverReloads(storage, 5).size).toBe(1);
    expect(JSON.parse(storage.data.get('intentful:slots') ?? '{}')).toMatchObject({
      'intentful:unit': expect.any(String),
      'intentful:x:promo:promo': expect.stringMatching(/^[abcd]$/),
    });
  });

  it('replaces a corrupt stored record instead of losing every later assignment', () => {
    const storage = memory();
    storage.data.set('intentful:slots', '{"intentful:unit": "u1", trunc');
    expect(shownOverReloads(storage, 3).size).toBe(1);
    expect(JSON.parse(storage.data.get('intentful:slots') ?? 'null')).toMatchObject({
      'intentful:x:promo:promo': expect.stringMatching(/^[abcd]$/),
    });
  });

  it('stores nothing before consent', () => {
    const storage = memory();
    const client = createIntentful({ model: shopModel, slots, storage, plugins: [persistence()] });
    render(
      <IntentProvider client={client}>
        <Promo />
      </IntentProvider>,
    );
    expect(storage.data.get('intentful:slots')).toBeUndefined();
  });
});

describe('summarize', () => {
  it('gives exposures, conversions, rate and lift vs holdout with a 95 % interval', () => {
    const events: SlotEvent[] = [];
    const expose = (unit: string, variant: string, holdout: boolean) =>
      events.push({ type: 'exposure', at: 0, unit, slot: 'hero', variant, policy: 'x', holdout });
    const convert = (unit: string, variant: string, holdout: boolean) =>
      events.push({
        type: 'outcome',
        at: 1,
        unit,
        goal: 'buy',
        exposures: [{ slot: 'hero', variant, policy: 'x', holdout, at: 0 }],
      });
    for (let i = 0; i < 1000; i++) {
      expose(`h${i}`, 'standard', true);
      if (i < 50) convert(`h${i}`, 'standard', true);
      expose(`t${i}`, 'compare', false);
      if (i < 80) convert(`t${i}`, 'compare', false);
    }
    const [holdout, compare] = summarize(events);
    expect(holdout).toEqual({
      slot: 'hero',
      variant: 'standard',
      holdout: true,
      exposures: 1000,
      conversions: 50,
      rate: 0.05,
      lift: null,
      interval: null,
    });
    expect(compare).toMatchObject({
      variant: 'compare',
      exposures: 1000,
      conversions: 80,
      rate: 0.08,
    });
    expect(compare?.lift).toBeCloseTo(0.6, 10);
    const [low, high] = compare?.interval ?? [0, 0];
    expect(low).toBeGreaterThan(0.1);
    expect(low).toBeLessThan(0.2);
    expect(high).toBeGreaterThan(1.1);
    expect(high).toBeLessThan(1.4);
  });
});
