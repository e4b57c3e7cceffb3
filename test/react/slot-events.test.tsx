// What sinks (analytics) receive from a page that mounts slots: each event must be joinable (a
// unit id), dated by the clock, and about a variant the user could see.
import { act, render } from '@testing-library/react';
import {
  AdaptiveSlot,
  analytics,
  createIntentful,
  defineSlots,
  IntentProvider,
  persistence,
  type SlotEvent,
  Variant,
} from 'intentful';
import { experiment } from 'intentful/policies';
import { describe, expect, it } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

const Hero = () => (
  <AdaptiveSlot id="hero">
    <Variant id="standard" fallback>
      Standard
    </Variant>
    <Variant id="compare" intents={['compare']}>
      Compare plans
    </Variant>
  </AdaptiveSlot>
);

const Promo = () => (
  <AdaptiveSlot id="promo">
    <Variant id="a">A</Variant>
    <Variant id="b">B</Variant>
    <Variant id="c">C</Variant>
    <Variant id="d">D</Variant>
  </AdaptiveSlot>
);

describe('slot events on mount', () => {
  it('a JSX slot sends one decision, for a real variant, with the unit and the time', async () => {
    const time = fakeClock();
    const events: SlotEvent[] = [];
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      clock: time.clock,
      plugins: [analytics({ sinks: [(e) => events.push(e)] })],
    });
    render(
      <IntentProvider client={client}>
        <Hero />
      </IntentProvider>,
    );
    await act(async () => {});
    const decisions = events.filter((e) => e.type === 'decision');
    expect(decisions).toEqual([
      expect.objectContaining({ slot: 'hero', variant: 'standard', policy: 'intent-match' }),
    ]);
    for (const e of events) {
      expect(e.unit).toEqual(expect.any(String));
      expect(e.at).toBe(time.now);
    }
  });

  it('an experiment on a registered slot assigns this visitor once mounted, and keeps it', async () => {
    const slots = defineSlots({
      promo: {
        variants: { a: {}, b: {}, c: {}, d: {} },
        policy: experiment({ share: 0, salt: 'promo' }),
      },
    });
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const events: SlotEvent[] = [];
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      slots,
      storage,
      plugins: [analytics({ sinks: [(e) => events.push(e)] }), persistence()],
    });
    const { container } = render(
      <IntentProvider client={client}>
        <Promo />
        <Hero />
      </IntentProvider>,
    );
    await act(async () => {});
    const decision = client.decisions().find((d) => d.slot === 'promo');
    expect(decision?.assignment).toMatchObject({ holdout: false, unit: expect.any(String) });
    expect(JSON.parse(data.get('intentful:slots') ?? '{}')).toMatchObject({
      'intentful:x:promo:promo': decision?.variant,
    });
    expect(container.querySelector('[data-intent-slot="promo"]')?.textContent).toBe(
      decision?.variant.toUpperCase(),
    );
    // What was exposed is what was assigned, to a known unit.
    expect(events.filter((e) => e.type === 'exposure' && e.slot === 'promo')).toEqual([
      expect.objectContaining({ variant: decision?.variant, unit: expect.any(String) }),
    ]);
  });
});
