import {
  analytics,
  createIntentful,
  defineSlots,
  IntentProvider,
  persistence,
  type SlotEvent,
  useConsent,
} from 'intentful';
import { experiment } from 'intentful/policies';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage as memory, shopModel } from '../fixtures';

const slots = defineSlots({
  hero: {
    policy: experiment({ share: 0 }),
    variants: { a: { fallback: true }, b: {}, c: {}, d: {} },
  },
});

describe('consent answered after the page loaded', () => {
  it('keeps the visitor in the arm they saw and sends that page’s decision and exposure', async () => {
    for (let run = 0; run < 10; run++) {
      const storage = memory();
      const events: SlotEvent[] = [];
      const first = createIntentful({
        model: shopModel,
        slots,
        storage,
        plugins: [persistence(), analytics({ sinks: [(e) => void events.push(e)] })],
      });
      first.mount();
      const seen = first.slot('hero').get().variant;
      first.slot('hero').expose();
      first.setConsent('granted');
      await Promise.resolve();
      first.unmount();
      expect(events.map((e) => e.type)).toEqual(['decision', 'exposure']);
      const next = createIntentful({
        model: shopModel,
        slots,
        storage,
        plugins: [persistence()],
        consent: 'granted',
      });
      next.mount();
      expect(next.slot('hero').get().variant).toBe(seen);
      next.unmount();
    }
  });
});

describe('denied consent and forget', () => {
  it('denied: no experiment arm, everyone sees the generalized experience', () => {
    for (let run = 0; run < 10; run++) {
      const client = createIntentful({ model: shopModel, slots, consent: 'denied' });
      client.mount();
      expect(client.slot('hero').get().variant).toBe('a');
      client.unmount();
    }
  });

  it('forget starts a new anonymous id and credits no goal to earlier exposures', () => {
    const events: SlotEvent[] = [];
    const client = createIntentful({
      model: shopModel,
      slots,
      consent: 'granted',
      plugins: [analytics({ sinks: [(e) => void events.push(e)] })],
    });
    client.mount();
    client.slot('hero').get();
    client.slot('hero').expose();
    client.forget();
    client.goal('purchase');
    const outcome = events.find((e) => e.type === 'outcome');
    const exposure = events.find((e) => e.type === 'exposure');
    expect(outcome && 'exposures' in outcome && outcome.exposures).toEqual([]);
    expect(outcome?.unit).not.toBe(exposure?.unit);
    client.unmount();
  });
});

describe('listeners and server snapshots', () => {
  it('a throwing subscriber is reported and starves nobody', () => {
    const onError = vi.fn();
    const client = createIntentful({ model: shopModel, onError });
    const heard = vi.fn();
    client.subscribe(() => {
      throw new Error('app listener broke');
    });
    client.subscribe(heard);
    const signals = vi.fn();
    client.onSignal(signals);
    expect(client.track({ type: 'click', target: 'compare' })).toBe(true);
    expect(heard).toHaveBeenCalled();
    expect(signals).toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(() => client.setConsent('granted')).not.toThrow();
  });

  it('useConsent on the server says what the client was created with', () => {
    function Show() {
      const c = useConsent();
      return <p>{`${c.consent} ${c.canCollect}`}</p>;
    }
    for (const [options, text] of [
      [{ consent: 'denied' }, 'denied false'],
      [{ consent: 'pending', withoutConsent: 'none' }, 'pending false'],
      [{ consent: 'pending' }, 'pending true'],
    ] as const) {
      const client = createIntentful({ model: shopModel, ...options });
      const html = renderToString(
        <IntentProvider client={client}>
          <Show />
        </IntentProvider>,
      );
      expect(html).toContain(text);
    }
  });
});

describe('the session signal with an injected storage', () => {
  it('fires once per browser session, not once for ever', async () => {
    const { collectors } = await import('intentful');
    const storage = memory();
    const sessions: number[] = [];
    for (let visit = 0; visit < 3; visit++) {
      sessionStorage.clear();
      const client = createIntentful({
        model: shopModel,
        storage,
        consent: 'granted',
        plugins: [collectors()],
      });
      client.mount();
      sessions.push(client.history().filter((s) => s.type === 'session').length);
      client.unmount();
    }
    expect(sessions).toEqual([1, 1, 1]);
    expect(storage.data.has('intentful:session')).toBe(false);
  });
});
