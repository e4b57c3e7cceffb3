// A purchase completes the intent behind it: the app must stop offering more of what was just
// bought, for a while, instead of reading the checkout as even stronger buying intent.
import { analytics, createIntentful, defineModel, ModelError } from 'intentful/core';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock } from '../fixtures';
import { createIntentEngine } from '../internal';

const HOUR = 3_600_000;
const model = defineModel({
  intents: {
    buy: {
      label: 'ready to buy',
      halfLife: 10 * 60_000,
      evidence: [
        {
          id: 'cart',
          label: 'added to cart',
          when: { type: 'cart', data: { action: 'add' } },
          weight: 1.5,
        },
        {
          id: 'checkout',
          label: 'went to checkout',
          when: { type: 'page-view', data: { page: 'checkout' } },
          weight: 1,
        },
      ],
      satisfiedBy: { type: 'page-view', data: { page: 'order-confirmed' } },
    },
    browse: {
      label: 'just looking',
      evidence: [{ id: 'list', when: { type: 'page-view', data: { page: 'list' } }, weight: 1 }],
      satisfiedBy: [{ type: 'click', target: 'found-it' }],
      satisfiedFor: 5 * 60_000,
    },
  },
});

function setup() {
  const time = fakeClock();
  const engine = createIntentEngine({ model, clock: time.clock });
  const buy = () => engine.store.getState().beliefs.buy;
  const cart = () => engine.track({ type: 'cart', target: 'sku-1', data: { action: 'add' } });
  const page = (p: string) =>
    engine.track({ type: 'page-view', target: `/${p}`, data: { page: p } });
  return { time, engine, buy, cart, page };
}

describe('satisfied intents', () => {
  it('retire on their satisfiedBy signal: evidence cleared, confidence back at the prior', () => {
    const { time, buy, cart, page } = setup();
    const prior = buy().confidence;
    cart();
    cart();
    page('checkout');
    expect(buy().confidence).toBeGreaterThan(0.7);
    page('order-confirmed');
    expect(buy().confidence).toBeCloseTo(prior, 10);
    expect(buy().evidence).toEqual([]);
    expect(buy().satisfiedUntil).toBe(time.now + HOUR);
  });

  it('ignore their evidence while retired, and count it again once satisfiedFor has passed', () => {
    const { time, buy, cart, page } = setup();
    const prior = buy().confidence;
    page('order-confirmed');
    cart();
    cart();
    expect(buy().confidence).toBeCloseTo(prior, 10);
    time.advance(HOUR - 1);
    cart();
    expect(buy().confidence).toBeCloseTo(prior, 10);
    time.advance(2);
    cart();
    expect(buy().satisfiedUntil).toBeNull();
    expect(buy().confidence).toBeGreaterThan(prior);
    expect(buy().evidence.map((e) => e.label)).toEqual(['added to cart']);
  });

  it('leave other intents alone, and honour each intent its own time', () => {
    const { time, engine, buy, page } = setup();
    page('list');
    const browsing = engine.store.getState().beliefs.browse.confidence;
    page('order-confirmed');
    expect(engine.store.getState().beliefs.browse.confidence).toBeCloseTo(browsing, 10);
    engine.track({ type: 'click', target: 'found-it' });
    expect(engine.store.getState().beliefs.browse.satisfiedUntil).toBe(time.now + 5 * 60_000);
    expect(buy().satisfiedUntil).toBe(time.now + HOUR);
  });

  it('stay retired across a reload through the saved state', () => {
    const { time, engine, cart, page } = setup();
    cart();
    page('order-confirmed');
    const saved = JSON.parse(JSON.stringify(engine.serialize()));
    time.advance(60_000);
    const next = createIntentEngine({ model, clock: time.clock, initialState: saved });
    const prior = next.store.getState().beliefs.buy.confidence;
    next.track({ type: 'cart', target: 'sku-2', data: { action: 'add' } });
    expect(next.store.getState().beliefs.buy.confidence).toBeCloseTo(prior, 10);
    expect(next.store.getState().beliefs.buy.satisfiedUntil).toBe(time.now - 60_000 + HOUR);
  });

  it('reject a satisfiedFor that is not a duration, naming the intent', () => {
    expect(() =>
      defineModel({
        intents: { buy: { evidence: [], satisfiedBy: { type: 'purchase' }, satisfiedFor: -1 } },
      }),
    ).toThrow(ModelError);
  });
});

describe('a mounted client', () => {
  it('brings a retired intent back when satisfiedFor ends, with no new signal', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const client = createIntentful({ model, clock: () => Date.now() });
      client.mount();
      const changes = vi.fn();
      client.subscribe(changes);
      client.track({
        type: 'page-view',
        target: '/order-confirmed',
        data: { page: 'order-confirmed' },
      });
      expect(client.getState().beliefs.buy.satisfiedUntil).toBe(1_000_000 + HOUR);
      changes.mockClear();
      vi.advanceTimersByTime(HOUR - 1);
      expect(changes).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(changes).toHaveBeenCalled();
      expect(client.getState().beliefs.buy.satisfiedUntil).toBeNull();
      client.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('retires an intent on client.goal(), and the goal reaches sinks once', async () => {
    const sink = vi.fn();
    const goalModel = defineModel({
      intents: {
        buy: {
          evidence: [{ id: 'cart', when: { type: 'cart-add' }, weight: 2 }],
          satisfiedBy: { type: 'goal', target: 'purchase' },
        },
      },
    });
    const client = createIntentful({
      model: goalModel,
      consent: 'granted',
      plugins: [analytics({ sinks: [sink] })],
    });
    client.mount();
    client.track({ type: 'cart-add', target: 'sku-1' });
    client.goal('purchase', 120);
    expect(client.getState().beliefs.buy.satisfiedUntil).not.toBeNull();
    expect(client.history().at(-1)).toMatchObject({
      type: 'goal',
      target: 'purchase',
      data: { value: 120 },
    });
    await Promise.resolve();
    expect(sink.mock.calls.filter(([e]) => e.type === 'outcome')).toHaveLength(1);
    client.unmount();
  });
});
