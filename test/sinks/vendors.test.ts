import { analytics, createIntentful, defineSlots, type Sink, type SlotEvent } from 'intentful/core';
import { ga4Sink } from 'intentful/sinks/ga4';
import { posthogSink } from 'intentful/sinks/posthog';
import { segmentSink } from 'intentful/sinks/segment';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';
import { googleTagSnippet, posthogSnippet, segmentSnippet, win } from './snippets';

const exposure: SlotEvent = {
  type: 'exposure',
  at: 1,
  unit: 'u1',
  slot: 'pdp-side',
  variant: 'delivery-reassurance',
  policy: 'intent-match',
  holdout: false,
};
const outcome: SlotEvent = {
  type: 'outcome',
  at: 2,
  unit: 'u1',
  goal: 'purchase',
  value: 42.5,
  exposures: [
    {
      slot: 'pdp-side',
      variant: 'delivery-reassurance',
      policy: 'intent-match',
      holdout: false,
      at: 1,
    },
    { slot: 'hero', variant: 'standard', policy: 'experiment', holdout: true, at: 0 },
  ],
};
const decision: SlotEvent = {
  type: 'decision',
  at: 1,
  unit: 'u1',
  slot: 'pdp-side',
  variant: 'standard',
  policy: 'intent-match',
  reason: 'no intent is strong enough yet',
  holdout: false,
  fallback: true,
};

afterEach(() => {
  for (const name of ['dataLayer', 'gtag', 'analytics', 'posthog']) delete win[name];
  vi.useRealTimers();
});

describe('ga4Sink: gtag("event", name, params)', () => {
  it('sends exposures and outcomes as documented events with flat parameters', () => {
    const dataLayer = googleTagSnippet();
    const sink = ga4Sink();
    sink(exposure);
    sink(outcome);
    sink(decision);
    expect(dataLayer.map((a) => [...(a as IArguments)])).toEqual([
      [
        'event',
        'intentful_exposure',
        {
          slot: 'pdp-side',
          variant: 'delivery-reassurance',
          policy: 'intent-match',
          holdout: 'false',
        },
      ],
      [
        'event',
        'intentful_outcome',
        {
          goal: 'purchase',
          value: 42.5,
          slot: 'pdp-side',
          variant: 'delivery-reassurance',
          policy: 'intent-match',
          holdout: 'false',
          exposures: 'pdp-side:delivery-reassurance,hero:standard',
        },
      ],
    ]);
  });

  it('pushes Arguments objects onto dataLayer when only the queue exists, as the snippet does', () => {
    const dataLayer: unknown[] = [];
    win.dataLayer = dataLayer;
    ga4Sink()(exposure);
    expect(Object.prototype.toString.call(dataLayer[0])).toBe('[object Arguments]');
    expect([...(dataLayer[0] as IArguments)][1]).toBe('intentful_exposure');
  });

  it('takes decisions, renamed events, send_to, and cuts strings to 100 characters', () => {
    const gtag = vi.fn();
    const sink = ga4Sink({
      gtag,
      events: ['decision'],
      names: { decision: 'slot_decided' },
      sendTo: ['G-ONE', 'G-TWO'],
    });
    sink(exposure);
    sink({ ...decision, reason: 'x'.repeat(150) });
    expect(gtag).toHaveBeenCalledTimes(1);
    expect(gtag).toHaveBeenCalledWith('event', 'slot_decided', {
      slot: 'pdp-side',
      variant: 'standard',
      policy: 'intent-match',
      holdout: 'false',
      reason: 'x'.repeat(100),
      fallback: 'true',
      send_to: 'G-ONE,G-TWO',
    });
  });

  it('holds events while gtag.js is absent and delivers them in order when it appears', () => {
    vi.useFakeTimers();
    const sink = ga4Sink();
    sink(exposure);
    const dataLayer = googleTagSnippet();
    expect(dataLayer).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    expect(dataLayer.map((a) => [...(a as IArguments)][1])).toEqual(['intentful_exposure']);
    sink(outcome);
    expect(dataLayer).toHaveLength(2);
  });
});

describe('options are typed', () => {
  it('an unknown event type or vendor instance shape fails to compile', () => {
    // @ts-expect-error: not an event type.
    ga4Sink({ events: ['exposur'] });
    // @ts-expect-error: Segment's instance needs track(event, properties).
    segmentSink({ analytics: { capture: () => {} } });
    // @ts-expect-error: PostHog's instance needs capture(event, properties).
    posthogSink({ posthog: { track: () => {} } });
  });
});

describe('segmentSink: analytics.track(event, properties)', () => {
  it("queues through the snippet's stub, exposures as the A/B spec's Experiment Viewed", () => {
    const analytics = segmentSnippet();
    const sink = segmentSink();
    sink(exposure);
    sink(outcome);
    expect([...analytics]).toEqual([
      [
        'track',
        'Experiment Viewed',
        {
          experiment_id: 'pdp-side',
          variation_id: 'delivery-reassurance',
          slot: 'pdp-side',
          variant: 'delivery-reassurance',
          policy: 'intent-match',
          holdout: false,
        },
      ],
      [
        'track',
        'Intent Goal Reached',
        {
          goal: 'purchase',
          value: 42.5,
          slot: 'pdp-side',
          variant: 'delivery-reassurance',
          policy: 'intent-match',
          holdout: false,
          exposures: outcome.exposures,
        },
      ],
    ]);
  });

  it('calls the loaded library or a given instance, read at each send', () => {
    segmentSnippet();
    const sink = segmentSink();
    const loaded = { track: vi.fn() };
    win.analytics = loaded;
    sink(exposure);
    expect(loaded.track).toHaveBeenCalledWith(
      'Experiment Viewed',
      expect.objectContaining({ slot: 'pdp-side' }),
    );
    const given = { track: vi.fn() };
    segmentSink({ analytics: given })(outcome);
    expect(given.track).toHaveBeenCalledWith(
      'Intent Goal Reached',
      expect.objectContaining({ goal: 'purchase' }),
    );
  });
});

describe('posthogSink: posthog.capture(event, properties)', () => {
  it("queues through the snippet's stub with PostHog-style names", () => {
    const posthog = posthogSnippet();
    const sink = posthogSink({ events: ['exposure', 'outcome', 'decision'] });
    sink(exposure);
    sink(decision);
    expect([...posthog]).toEqual([
      [
        'capture',
        'intent variant shown',
        {
          slot: 'pdp-side',
          variant: 'delivery-reassurance',
          policy: 'intent-match',
          holdout: false,
        },
      ],
      [
        'capture',
        'intent slot decided',
        {
          slot: 'pdp-side',
          variant: 'standard',
          policy: 'intent-match',
          holdout: false,
          reason: 'no intent is strong enough yet',
          fallback: true,
        },
      ],
    ]);
  });

  it('an outcome without exposures carries only its goal', () => {
    const capture = vi.fn();
    posthogSink({ posthog: { capture } })({
      type: 'outcome',
      at: 1,
      unit: null,
      goal: 'signup',
      exposures: [],
    });
    expect(capture).toHaveBeenCalledWith('intent goal reached', { goal: 'signup', exposures: [] });
  });
});

describe('bad vendors never break the page', () => {
  it('a throwing vendor is reported once through onError; later events still go out', () => {
    let calls = 0;
    const capture = vi.fn(() => {
      if (calls++ === 0) throw new Error('posthog exploded');
    });
    const onError = vi.fn();
    const client = slotClient([posthogSink({ posthog: { capture } })], onError);
    expect(() => client.goal('purchase')).not.toThrow();
    client.goal('signup');
    expect(capture).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/posthog exploded/);
  });

  it('a rejected Analytics.js promise is no unhandled rejection: it is reported with the next event', async () => {
    const track = vi.fn(() => Promise.reject(new Error('segment blocked')));
    const onError = vi.fn();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const client = slotClient([segmentSink({ analytics: { track } })], onError);
      client.goal('purchase');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(onError).not.toHaveBeenCalled();
      client.goal('signup');
      expect(track).toHaveBeenCalledTimes(2);
      expect(String(onError.mock.calls[0]?.[0])).toMatch(/segment blocked/);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('a blocked script (no global, ever) holds at most maxQueue events and stops retrying', () => {
    vi.useFakeTimers();
    const sink = segmentSink({ maxQueue: 2 });
    for (let i = 0; i < 5; i++) sink({ ...exposure, variant: `v${i}` });
    vi.advanceTimersByTime(60_000);
    expect(vi.getTimerCount()).toBe(0);
    const track = vi.fn();
    win.analytics = { track };
    sink.flush?.();
    expect(track.mock.calls.map((c) => (c[1] as { variant: string }).variant)).toEqual([
      'v3',
      'v4',
    ]);
  });
});

function slotClient(sinks: Sink[], onError = vi.fn(), consent: 'granted' | 'pending' = 'granted') {
  return createIntentful({
    model: shopModel,
    consent,
    plugins: [analytics({ sinks })],
    onError,
    slots: defineSlots({
      'pdp-side': {
        variants: { standard: {}, 'delivery-reassurance': { intents: ['shipping-concern'] } },
        fallback: 'standard',
      },
    }),
  });
}

describe('consent gates every vendor sink', () => {
  const vendors: [string, () => { sink: Sink; sent: () => number }][] = [
    [
      'ga4',
      () => {
        const d = googleTagSnippet();
        return { sink: ga4Sink(), sent: () => d.length };
      },
    ],
    [
      'segment',
      () => {
        const a = segmentSnippet();
        return { sink: segmentSink(), sent: () => a.length };
      },
    ],
    [
      'posthog',
      () => {
        const p = posthogSnippet();
        return { sink: posthogSink(), sent: () => p.length };
      },
    ],
  ];

  it.each(vendors)('%s: nothing while consent is pending, events once granted', (_, make) => {
    const { sink, sent } = make();
    const client = slotClient([sink], vi.fn(), 'pending');
    client.mount();
    client.slot('pdp-side').expose();
    client.goal('purchase');
    expect(sent()).toBe(0);
    client.setConsent('granted');
    client.goal('purchase');
    expect(sent()).toBeGreaterThan(0);
    client.unmount();
  });

  it.each(vendors)('%s: nothing at all under Global Privacy Control', (_, make) => {
    vi.stubGlobal('navigator', { ...navigator, globalPrivacyControl: true });
    try {
      const { sink, sent } = make();
      const client = slotClient([sink]);
      client.mount();
      client.slot('pdp-side').expose();
      client.goal('purchase');
      expect(sent()).toBe(0);
      client.unmount();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('events held for a late script are dropped when consent is withdrawn, never sent after', () => {
    vi.useFakeTimers();
    const client = slotClient([ga4Sink()]);
    client.mount();
    client.slot('pdp-side').expose();
    client.goal('purchase');
    client.setConsent('denied');
    const dataLayer = googleTagSnippet();
    vi.advanceTimersByTime(60_000);
    client.setConsent('granted');
    vi.advanceTimersByTime(60_000);
    expect(dataLayer).toEqual([]);
    client.unmount();
  });
});
