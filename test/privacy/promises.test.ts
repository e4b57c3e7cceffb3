/**
 * One test per promise of README.md's "## Privacy and consent": every sentence or bullet claim
 * there is backed by the test named after it, through the public API the way an app uses it
 * (createIntentful with plugins, setConsent, forget, collectors(), redaction(), persistence()).
 * Each test looks at what is stored (an injected storage and jsdom's localStorage and
 * sessionStorage), what is sent (sinks), what reaches history, trails, serialize, onSignal and
 * getState, and what the page shows. Deeper tests elsewhere are named in comments.
 */
import { readFileSync } from 'node:fs';
import { act, render } from '@testing-library/react';
import {
  AdaptiveSlot,
  analytics,
  collectors,
  createIntentful,
  explain,
  type Intentful,
  type IntentfulOptions,
  IntentProvider,
  persistence,
  redaction,
  type Signal,
  type SlotEvent,
  type StorageLike,
  serialize,
  trails,
  useConsent,
  useNextStep,
  Variant,
} from 'intentful';
import { IntentDevtoolsPanel } from 'intentful/devtools';
import { experiment } from 'intentful/policies';
import { createElement as h, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fold } from '../../src/core/redact/fold';
import { shopModel } from '../fixtures';
import { KEEPS, LEAKS } from './corpus-structure';

type Options = Omit<IntentfulOptions<string, string>, 'model'>;
type Client = Intentful<string, string>;
/** `storage: undefined` means the browser's storage, as when the app leaves it out. */
type VisitOptions = Omit<Options, 'storage'> & { storage?: StorageLike | undefined };

/** An in-memory device storage that lists its keys like Web Storage, and counts writes. */
function memoryStorage(): StorageLike & { map: Map<string, string>; writes: string[] } {
  const map = new Map<string, string>();
  const writes: string[] = [];
  return {
    map,
    writes,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      writes.push(k);
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
  } as StorageLike & { map: Map<string, string>; writes: string[] };
}

/** Both kinds of device an app has: its own storage, or the browser's (jsdom) by default. */
const devices = () =>
  [
    { name: 'injected storage', storage: memoryStorage() },
    { name: 'localStorage', storage: undefined },
  ] as const;

/** Every key on the device: the injected storage, localStorage and sessionStorage. */
function stored(storage?: { map: Map<string, string> }): string[] {
  return [
    ...(storage ? [...storage.map.keys()].map((k) => `injected:${k}`) : []),
    ...Object.keys(localStorage).map((k) => `local:${k}`),
    ...Object.keys(sessionStorage).map((k) => `session:${k}`),
  ];
}

/** Every key on the device with its value. */
function device(storage?: StorageLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of stored(storage as { map: Map<string, string> } | undefined)) {
    const [where, ...rest] = key.split(':');
    const k = rest.join(':');
    out[key] =
      (where === 'injected'
        ? storage!.getItem(k)
        : where === 'local'
          ? localStorage.getItem(k)
          : sessionStorage.getItem(k)) ?? '';
  }
  return out;
}

/** The strings of 8 characters or more in a stored JSON record: ids such as the unit id. */
function idsIn(raw: string | undefined): string[] {
  const ids: string[] = [];
  JSON.parse(raw ?? '{}', (_, v) => {
    if (typeof v === 'string' && v.length >= 8) ids.push(v);
    return v;
  });
  return ids;
}

/** Every variant counts as seen at once, so exposures would be sent if anything were allowed. */
const seenAtOnce = (_: Element, seen: () => void): (() => void) => {
  seen();
  return () => {};
};

function NextStep() {
  const step = useNextStep();
  return h('p', { 'data-testid': 'step' }, step ? step.id : 'no step');
}

function ConsentBanner() {
  const { consent, setConsent } = useConsent();
  return h(
    'button',
    { type: 'button', id: 'deny', onClick: () => setConsent('denied') },
    `consent: ${consent}`,
  );
}

/** The shop page: two adaptive slots, the next step and elements the collectors read. */
const shop = (extra?: ReactNode) =>
  h(
    'main',
    { 'data-intent-page': 'home' },
    h(
      AdaptiveSlot,
      { id: 'hero', live: true },
      h(Variant, { id: 'standard', fallback: true }, 'Standard hero'),
      h(Variant, { id: 'compare', intents: ['compare'] }, 'Compare plans'),
    ),
    h(
      AdaptiveSlot,
      { id: 'promo', live: true },
      h(Variant, { id: 'plain', fallback: true }, 'Plain promo'),
      h(Variant, { id: 'gift', intents: ['gift'] }, 'Gift wrapping'),
    ),
    h(NextStep),
    h(ConsentBanner),
    h('button', { type: 'button', id: 'compare', 'data-intent-target': 'compare' }, 'Compare'),
    extra,
  );

/** A page load: the client an app creates once, rendered in its provider. */
function visit({ storage, plugins, ...options }: VisitOptions = {}, extra?: ReactNode) {
  const sink = vi.fn<(event: SlotEvent) => void>();
  const signals: Signal[] = [];
  const client: Client = createIntentful({
    model: shopModel,
    // trails() too: what reaches a trail is part of what these promises cover.
    plugins: [
      ...(plugins ?? [collectors(), persistence()]),
      analytics({ sinks: [sink] }),
      trails(),
    ],
    observeExposure: seenAtOnce,
    ...options,
    ...(storage && { storage }),
  });
  client.onSignal((s) => signals.push(s));
  const page = render(h(IntentProvider, { client }, shop(extra)));
  const text = () => page.container.textContent ?? '';
  /** The user clicks "Compare" twice: behaviour the compare intent reads. */
  const compare = () =>
    act(() => {
      for (let i = 0; i < 2; i++) document.getElementById('compare')!.click();
      client.track({ type: 'click', target: 'compare' });
    });
  /** Time passes and the page goes away: every save and beacon that would happen, happens. */
  const leave = () =>
    act(() => {
      vi.advanceTimersByTime(5000);
      window.dispatchEvent(new Event('pagehide'));
    });
  return { client, sink, signals, page, text, compare, leave };
}

/** Behaviour only: what the user said outright (declarations, step choices) is not behaviour. */
const behaviour = (client: Client) =>
  client.history().filter((s) => !['declare', 'step-dismiss', 'step-complete'].includes(s.type));

/** A fresh browser for the next page load in a loop. */
function resetDevice() {
  localStorage.clear();
  sessionStorage.clear();
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
  resetDevice();
  history.replaceState(null, '', '/products/boots');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const gpcOn = () =>
  vi.stubGlobal('navigator', { ...navigator, language: 'en', globalPrivacyControl: true });

describe('README "Privacy and consent": consent', () => {
  it("\"consent is 'pending' (default), 'granted' or 'denied'; change it with intentful.setConsent() or useConsent().setConsent()\"", () => {
    const { client, text } = visit();
    expect(client.privacy().consent).toBe('pending');
    expect(text()).toContain('consent: pending');
    act(() => client.setConsent('granted'));
    expect(client.privacy()).toMatchObject({ consent: 'granted', canPersist: true });
    expect(text()).toContain('consent: granted');
    act(() => document.getElementById('deny')!.click());
    expect(client.privacy()).toMatchObject({ consent: 'denied', canCollect: false });
    expect(text()).toContain('consent: denied');
  });

  // Deeper: test/privacy/provider.test.tsx "pending: …", chromium "pending: inference in memory".
  it('"\'pending\': inference runs in memory for this page only; nothing is stored or sent"', () => {
    for (const { storage } of devices()) {
      resetDevice();
      const first = visit({ storage });
      first.compare();
      // Inference runs: the page adapts.
      expect(first.client.belief('compare').observations).toBeGreaterThan(0);
      expect(first.text()).toContain('Compare plans');
      first.leave();
      expect(stored(storage)).toEqual([]);
      expect(storage?.writes ?? []).toEqual([]);
      expect(first.sink).not.toHaveBeenCalled();
      first.page.unmount();
      // For this page only: the next page load starts from nothing.
      const next = visit({ storage });
      expect(next.client.belief('compare').observations).toBe(0);
      expect(next.text()).toContain('Standard hero');
      next.page.unmount();
    }
  });

  // Deeper: test/privacy/provider.test.tsx "withoutConsent: 'none' collects nothing at all …".
  it('"withoutConsent: \'none\' collects nothing at all until consent is granted"', () => {
    const { client, compare, signals, text } = visit({ withoutConsent: 'none' });
    compare();
    expect(client.history()).toEqual([]);
    expect(signals).toEqual([]);
    expect(client.belief('compare').observations).toBe(0);
    expect(text()).toContain('Standard hero');
    act(() => client.setConsent('granted'));
    compare();
    expect(client.history().map((s) => s.type)).toEqual(
      expect.arrayContaining(['page-view', 'click']),
    );
    expect(client.belief('compare').observations).toBeGreaterThan(0);
  });

  it('"\'granted\': state may be persisted (with persistence()) and events sent to sinks"', () => {
    for (const { storage } of devices()) {
      resetDevice();
      const app = visit({ consent: 'granted', storage });
      app.compare();
      app.leave();
      const saved = storage ? storage.getItem('intentful') : localStorage.getItem('intentful');
      expect(JSON.parse(saved!).state.intents.compare).toBeDefined();
      expect(app.sink.mock.calls.map(([e]) => e.type)).toEqual(
        expect.arrayContaining(['exposure']),
      );
      app.page.unmount();
    }
    // Without persistence() nothing is persisted, even when granted.
    resetDevice();
    const plain = visit({ consent: 'granted', plugins: [collectors()] });
    plain.compare();
    plain.leave();
    expect(localStorage.getItem('intentful')).toBeNull();
  });

  // Deeper: test/browser/collectors.test.ts "consent in chromium", denied and GPC.
  it('"\'denied\', or Global Privacy Control whatever the consent: no behavioural collection and no inference from behaviour"', () => {
    for (const [consent, gpc] of [
      ['denied', false],
      ['granted', true],
      ['pending', true],
    ] as const) {
      if (gpc) gpcOn();
      const { client, compare, signals, text, page } = visit({ consent });
      compare();
      act(() => void window.dispatchEvent(new Event('scroll')));
      expect(client.track({ type: 'click', target: 'compare' })).toBe(false);
      expect(client.history()).toEqual([]);
      expect(signals).toEqual([]);
      expect(client.belief('compare').observations).toBe(0);
      expect(text()).toContain('Standard hero');
      page.unmount();
      vi.unstubAllGlobals();
    }
  });

  it('"Nothing is collected, persisted or sent"', () => {
    for (const { storage } of devices())
      for (const [consent, gpc] of [
        ['denied', false],
        ['granted', true],
      ] as const) {
        if (gpc) gpcOn();
        const app = visit({ consent, storage }, experimentSlot());
        app.compare();
        app.leave();
        expect(app.client.history()).toEqual([]);
        expect(stored(storage)).toEqual([]);
        expect(storage?.writes ?? []).toEqual([]);
        expect(app.sink).not.toHaveBeenCalled();
        app.page.unmount();
        vi.unstubAllGlobals();
      }
  });

  // Deeper: test/privacy/provider.test.tsx "switching to denied removes what was stored …" and
  // "Global Privacy Control overrides granted".
  it('"what was inferred on this page is dropped and everything stored is removed"', () => {
    for (const { storage } of devices()) {
      resetDevice();
      const app = visit({ consent: 'granted', storage }, experimentSlot());
      app.compare();
      app.leave();
      expect(stored(storage).length).toBeGreaterThan(2);
      expect(app.text()).toContain('Compare plans');
      act(() => app.client.setConsent('denied'));
      expect(behaviour(app.client)).toEqual([]);
      expect(app.client.belief('compare').observations).toBe(0);
      expect(app.client.trail('compare')).toEqual([]);
      expect(serialize(app.client).intents.compare?.count ?? 0).toBe(0);
      expect(stored(storage)).toEqual([]);
      expect(app.text()).toContain('Standard hero');
      app.leave();
      expect(stored(storage)).toEqual([]);
      app.page.unmount();
    }
    // What an earlier visit stored goes when the page loads under Global Privacy Control.
    const storage = memoryStorage();
    for (const k of ['intentful', 'intentful:visit', 'intentful:slots', 'intentful:old'])
      storage.setItem(k, '{}');
    localStorage.setItem('intentful', '{}');
    sessionStorage.setItem('intentful:session', '1');
    gpcOn();
    visit({ consent: 'granted', storage }).page.unmount();
    expect(stored(storage)).toEqual([]);
  });

  it('"Only the user\'s explicit choices (declarations, dismissed and completed steps) shape the page; everything else shows the generalized experience"', () => {
    const { client, compare, text } = visit();
    compare();
    act(() => {
      client.declare('gift', true);
      client.completeStep('comparison-table');
      client.dismissStep('delivery-promise');
    });
    expect(text()).toContain('Compare plans');
    act(() => client.setConsent('denied'));
    // The choices remain and shape the page; what was inferred does not.
    expect(client.getState().steps).toMatchObject({
      'comparison-table': 'completed',
      'delivery-promise': 'dismissed',
    });
    expect(client.belief('gift').declared).toBe(true);
    expect(text()).toContain('Gift wrapping');
    expect(text()).toContain('Standard hero');
    expect(client.getState().nextStep?.id).toBe('gift-note');
    // Behaviour under denial changes nothing; a new choice still counts.
    compare();
    expect(text()).toContain('Standard hero');
    act(() => void client.dismissStep('gift-note'));
    expect(client.getState().steps['gift-note']).toBe('dismissed');
    expect(text()).toContain('no step');
    act(() => void client.declare('gift', null));
    expect(text()).toContain('Plain promo');
  });

  // Deeper: test/privacy/provider.test.tsx "forget() clears beliefs, history and storage".
  it('"forget() clears beliefs, history and everything stored"', () => {
    for (const { storage } of devices()) {
      resetDevice();
      const app = visit({ consent: 'granted', storage }, experimentSlot());
      app.compare();
      act(() => void app.client.declare('gift', true));
      app.leave();
      const before = device(storage);
      expect(Object.keys(before).length).toBeGreaterThan(2);
      act(() => app.client.forget());
      expect(app.client.history()).toEqual([]);
      for (const b of Object.values(app.client.getState().beliefs)) {
        expect(b.observations).toBe(0);
        expect(b.declared).toBeNull();
      }
      // Everything stored before is gone. With consent still granted a new anonymous unit may
      // start at once (`:slots`), but nothing written before survives in it: no old id or value.
      const after = device(storage);
      for (const [key, value] of Object.entries(after)) {
        expect(key).toMatch(/:intentful:slots$/);
        for (const old of idsIn(before[key])) expect(value).not.toContain(old);
      }
      expect(app.text()).toContain('Standard hero');
      expect(app.text()).toContain('Plain promo');
      app.page.unmount();
      // Nothing comes back on the next page load.
      const next = visit({ consent: 'granted', storage });
      expect(next.client.belief('compare').observations).toBe(0);
      expect(next.client.belief('gift').declared).toBeNull();
      next.page.unmount();
    }
  });

  it('"Each state is checked in chromium (test/browser/collectors.test.ts, "consent in chromium")"', () => {
    const source = readFileSync('test/browser/collectors.test.ts', 'utf8');
    const block = source.slice(source.indexOf("describe('consent in chromium'"));
    expect(block.length).toBeLessThan(source.length);
    for (const state of ['denied', 'Global Privacy Control', 'pending:', 'granted'])
      expect(block).toContain(state);
    expect(block).toMatch(/it\(`\$\{name\}: nothing collected, inferred, stored or sent`/);
    expect(block).toContain("it('pending: inference in memory for this page");
    expect(block).toContain("it('granted (control)");
  });
});

/** A slot under a sticky experiment: the unit id and its assignment are written with consent. */
function experimentSlot() {
  return h(
    AdaptiveSlot,
    { id: 'banner', policy: experiment() },
    h(Variant, { id: 'a', fallback: true }, 'Banner A'),
    h(Variant, { id: 'b' }, 'Banner B'),
  );
}

// Secrets the page hands over: an e-mail, a phone number and a card number.
const SECRETS = ['jane.doe', 'example.com', '2025550143', '4111111111111111'];
const leaks = (text: string): string[] => {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not URI-encoded: read as it is.
  }
  const t = fold(decoded).replace(/[\s\-()+]/g, '');
  return SECRETS.filter((s) => t.includes(s));
};

describe('README "Privacy and consent": redaction', () => {
  // Deeper: test/privacy/provider.test.tsx "redacts what collectors read from the page …",
  // test/privacy/redaction.test.ts "runs before anything reaches the store …".
  // By default (the compact sanitizer), with redaction() replacing it, and redaction() alone.
  it('"every signal, collected or tracked, passes their compact sanitizer before it is stored, so nothing below reaches history, trails, the store, onSignal, devtools, saved state or sinks"; "It replaces the compact sanitizer on every signal, collected or tracked"', () => {
    for (const plugins of [
      [collectors(), persistence()],
      [collectors({ search: { captureQuery: 'free' } }), redaction(), persistence()],
      [redaction(), persistence()],
    ]) {
      resetDevice();
      const app = visit(
        { consent: 'granted', plugins },
        h(
          'div',
          null,
          h(
            'button',
            {
              type: 'button',
              id: 'delivery',
              'data-intent-target': 'delivery-to jane.doe@example.com',
              'data-intent-value': '+1 202 555 0143',
            },
            'Delivery',
          ),
          h('input', { id: 'q', 'data-intent-search': 'site' }),
          h(IntentDevtoolsPanel, { enabled: true, tick: 0 }),
        ),
      );
      act(() => {
        // Collected (only collectors() reads the page) …
        document.getElementById('delivery')!.click();
        const q = document.getElementById('q') as HTMLInputElement;
        q.value = 'card 4111 1111 1111 1111 for jane.doe@example.com';
        q.dispatchEvent(new Event('change', { bubbles: true }));
        // … and tracked.
        app.client.track({
          type: 'click',
          target: 'delivery-to jane.doe@example.com',
          data: { note: 'call +1 202 555 0143', card: '4111 1111 1111 1111' },
        });
        app.client.track({ type: 'goal', target: 'paid-by-jane.doe@example.com' });
      });
      app.leave();
      const trail = app.client.trail('shipping-concern');
      expect(trail.length).toBeGreaterThan(0);
      const seen = {
        history: JSON.stringify(app.client.history()),
        trail: JSON.stringify(trail),
        store: JSON.stringify(app.client.getState()),
        explain: explain(app.client.belief('shipping-concern')),
        onSignal: JSON.stringify(app.signals),
        devtools: app.text(),
        serialize: JSON.stringify(serialize(app.client)),
        saved: localStorage.getItem('intentful') ?? '',
        sinks: JSON.stringify(app.sink.mock.calls),
      };
      expect(seen.history).toMatch(/delivery-to \[\w+\]/);
      expect(seen.devtools).toMatch(/delivery-to \[\w+\]/);
      expect(seen.sinks).toContain('outcome');
      for (const [where, text] of Object.entries(seen))
        expect([where, leaks(text)]).toEqual([where, []]);
      app.page.unmount();
    }
  });

  // The figures are the corpus's own; the deeper test is test/privacy/structure-corpus.test.ts.
  // Here the same corpus goes through an app's client, four ways each.
  it('"(test/privacy/structure-corpus.test.ts runs 394 cases in 25 locales four ways each through it: 0 leaks, 0 shop values destroyed.)"', () => {
    expect(LEAKS.length + KEEPS.length).toBe(394);
    expect(new Set(LEAKS.map((l) => l.locale)).size).toBe(25);
    const client = createIntentful({
      model: shopModel,
      plugins: [collectors(), redaction()],
      historySize: 4,
    });
    const ways = (input: string): string[] => {
      client.track({ type: 'click', target: input, data: { note: input } });
      client.track({ type: 'search', data: { query: input } });
      client.track({ type: 'page-view', target: `/search?q=${encodeURIComponent(input)}&page=2` });
      const [click, search, page] = client.history().slice(-3);
      return [
        click!.target!,
        String(click!.data!.note),
        String(search!.data!.query),
        page!.target!,
      ];
    };
    const found: string[] = [];
    const digits = (s: string) => s.replace(/\D/g, '');
    const plain = (s: string) => {
      let out = s;
      for (let i = 0; i < 3; i++)
        try {
          out = decodeURIComponent(out);
        } catch {
          break;
        }
      return fold(out);
    };
    for (const { input, secrets, keep = [] } of LEAKS)
      for (const out of ways(input).map(plain)) {
        for (const secret of secrets) {
          if (out.toLowerCase().includes(secret.toLowerCase())) found.push(`leak ${secret}`);
          const d = digits(secret);
          if (d.length >= 6 && digits(out).includes(d)) found.push(`leak digits ${secret}`);
        }
        for (const k of keep) if (!out.includes(fold(k))) found.push(`lost ${k} in ${input}`);
      }
    for (const input of KEEPS) {
      const out = ways(input);
      const url = `/search?q=${encodeURIComponent(input)}&page=2`;
      if (out.join('\n') !== [input, input, input, url].join('\n')) found.push(`lost ${input}`);
    }
    expect(found).toEqual([]);
  });
});

/**
 * What an app's client keeps of `input`, tracked as a target and as a data value; by default with
 * the full redactor (`redaction()` beside collectors), as the "Redacted" and "Kept" lists under it.
 */
function kept(input: string, options: Options = {}): string[] {
  const client = createIntentful({
    model: shopModel,
    plugins: [collectors(), redaction()],
    ...options,
  });
  client.track({ type: 'click', target: input, data: { note: input } });
  const [s] = client.history();
  return [s!.target!, String(s!.data!.note), JSON.stringify(serialize(client))];
}

/** Fails when any of `secrets` (or their digits) survive in what the app keeps of `input`. */
function expectRedacted(cases: readonly (readonly [string, ...string[]])[]) {
  for (const [input, ...secrets] of cases)
    for (const out of kept(input)) {
      const text = fold(out).toLowerCase();
      for (const secret of secrets) {
        expect([input, text.includes(secret.toLowerCase())]).toEqual([input, false]);
        const d = secret.replace(/\D/g, '');
        if (d.length >= 6)
          expect([input, text.replace(/\D/g, '').includes(d)]).toEqual([input, false]);
      }
    }
}

function expectKept(inputs: readonly string[]) {
  for (const input of inputs) {
    const [target, note] = kept(input);
    expect([target, note]).toEqual([input, input]);
  }
}

// Each class is covered case by case in test/privacy/corpus-structure.ts (structure-corpus).
describe('README "Privacy and consent": redaction(), Redacted', () => {
  it('"e-mail addresses in every RFC form (quoted local parts, IP-literal domains, %40, &#64;, (at), full-width ＠)"', () => {
    expectRedacted([
      ['"john doe"@example.com', 'john doe'],
      ['jane@[192.168.0.1]', 'jane', '192.168.0.1'],
      ['john%40example.com', 'john'],
      ['jane&#64;example.com', 'jane'],
      ['jane(at)example.com', 'jane'],
      ['tanaka＠example．jp', 'tanaka'],
      ['pedro.silva@exemplo.com.br', 'pedro'],
    ]);
  });

  it('"URL user info and Basic/Bearer credentials"', () => {
    expectRedacted([
      ['https://anna:geheim@files.example.de/katalog.pdf', 'anna', 'geheim'],
      ['Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'YWxhZGRpbjpvcGVuc2VzYW1l'],
      ['Authorization: Bearer mF_9.B5f-4.1JqM', 'mF_9.B5f-4.1JqM'],
    ]);
  });

  it('"keys and tokens by shape (JWT, private-key blocks, AWS, Azure, Google AIza, Stripe, GitHub, GitLab, npm, Slack, SendGrid, OpenAI-style, long random tokens)"', () => {
    expectRedacted([
      [
        'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJqYW5lIn0.dGhpcyBpcyBhIHNpZ25hdHVyZQ',
        'eyJzdWIiOiJqYW5lIn0',
      ],
      [
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----',
        'MIIEpAIBAAKCAQEA7x',
      ],
      ['AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
      [
        'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
        'Eby8vdM02xNOcqFlqUwJ',
      ],
      ['AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', '9tSrke72PouQMnMX'],
      ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', '4eC39HqLyjWDarjtT1zdp7dc'],
      ['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', 'wWPw5k4aXcaT4fNP0Ucn'],
      ['glpat-xYz12AbCdEfGhIjKlMnO', 'xYz12AbCdEfGhIjKlMnO'],
      ['npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'a1B2c3D4e5F6g7H8'],
      ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'AbCdEfGhIjKl'],
      [
        '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',
        'ngeVfQFYQlKU0ufo8x5d1A',
      ],
      ['sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'Ab3dEf6hIj9kLm2n'],
      [
        'session 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        '9f86d081884c7d659a2f',
      ],
    ]);
  });

  it('"card numbers (Luhn) and IBANs (mod 97 and country length)"', () => {
    expectRedacted([
      ['4111 1111 1111 1111', '4111111111111111'],
      ['amex 3782 822463 10005', '378282246310005'],
      ['IBAN DE89 3704 0044 0532 0130 00', '370400440532013000'],
      ['NL91ABNA0417164300', '0417164300'],
    ]);
    // A card number held as a number goes too (a number is never turned into a string).
    const client = createIntentful({ model: shopModel, plugins: [collectors()] });
    client.track({ type: 'click', target: 'pay', data: { n: 4111111111111111, qty: 2 } });
    expect(client.history()[0]!.data).toEqual({ qty: 2 });
  });

  it('"national ids by their check digits or shape (Italian codice fiscale, Spanish DNI/NIE, Dutch BSN, Indian PAN and Aadhaar, US SSN, UK NINO, Korean resident number, Japanese My Number)"', () => {
    expectRedacted([
      ['codice fiscale RSSMRA85T10A562S', 'RSSMRA85T10A562S'],
      ['DNI 87654321X', '87654321'],
      ['NIE X-1234567-L', '1234567'],
      ['BSN 123456782', '123456782'],
      ['PAN ABCPE1234F', 'ABCPE1234F'],
      ['aadhaar 2345 6789 0124', '234567890124'],
      ['SSN 078-05-1120', '078051120'],
      ['NI AB123456C', 'AB123456C'],
      ['주민등록번호 900101-1234568', '9001011234568'],
      ['マイナンバー 1234 5678 9018', '123456789018'],
    ]);
  });

  it('"any other run of 7 or more digits (phones, ids) after folding dashes of every kind, underscores, dots, spaces, invisible characters and non-Latin digits"', () => {
    expectRedacted([
      ['555–123–4567', '5551234567'],
      ['555_123_4567', '5551234567'],
      ['06.12.34.56.78', '0612345678'],
      ['call 1 2 3 4 5 6 7', '1234567'],
      ['555\u2060123\u20604567', '5551234567'],
      ['٠٥٠١٢٣٤٥٦٧', '0501234567'],
      ['０９０－１２３４－５６７８', '09012345678'],
      ['member 1234567', '1234567'],
    ]);
    // Six digits are not a run of seven.
    expectKept(['size 123456']);
  });

  it('"values of secret parameters and data keys, matched as whole words (pin, securityAnswer, passwort)"', () => {
    expectRedacted([
      ['/account?pin=4821', '4821'],
      ['/recover?securityAnswer=fluffy', 'fluffy'],
      ['/konto?passwort=Sommer2026', 'Sommer2026'],
    ]);
    const client = createIntentful({ model: shopModel, plugins: [collectors(), redaction()] });
    client.track({
      type: 'form',
      data: { pin: '4821', securityAnswer: 'fluffy', user_passwort: 'Sommer', spinner: 'on' },
    });
    expect(client.history()[0]!.data).toEqual({
      pin: '[redacted]',
      securityAnswer: '[redacted]',
      user_passwort: '[redacted]',
      spinner: 'on',
    });
  });
});

describe('README "Privacy and consent": redaction(), Kept', () => {
  it('"dates, date-times, date and year ranges; prices with a currency next to them; ISBN-10/13 and EAN/UPC/GTIN that pass their check digit; letter-prefixed order and model codes (ORD-2026-004512, DE-4420-X)"; "query parameters that are not secret"', () => {
    expect(kept('/boots?color=red&size=44&token=abc123def')[0]).toBe(
      '/boots?color=red&size=44&token=[redacted]',
    );
    expectKept([
      '2026-11-23',
      '23.11.2026',
      '2026-11-23T14:30:00Z',
      '2026-11-23 – 2026-12-24',
      '2019–2026',
      '€ 1.299.000',
      '1 299 000 ₫',
      'ISBN 978-3-16-148410-0',
      'ISBN 0-306-40615-2',
      'EAN 4006381333931',
      'ORD-2026-004512',
      'DE-4420-X',
    ]);
  });

  it('"numbers in data stay numbers (a secret key\'s number is dropped, never turned into a string)"', () => {
    const client = createIntentful({ model: shopModel, plugins: [collectors(), redaction()] });
    client.track({
      type: 'click',
      target: 'pay',
      data: { amount: 850_000_000, shownAt: 1_795_444_111_000, pin: 4821, qty: 2 },
    });
    expect(client.history()[0]!.data).toEqual({
      amount: 850_000_000,
      shownAt: 1_795_444_111_000,
      qty: 2,
    });
  });

  it('"keys such as author, zipper, spinner"', () => {
    const client = createIntentful({ model: shopModel, plugins: [collectors(), redaction()] });
    const data = { author: 'Tolkien', zipper: 'YKK', spinner: 'fidget' };
    client.track({ type: 'click', target: 'book', data });
    expect(client.history()[0]!.data).toEqual(data);
  });
});

describe('README "Privacy and consent": redaction() options', () => {
  it('"redaction({ sensitiveKeys, patterns, keep }) extends it, with the same meaning as above"', () => {
    const options = {
      plugins: [
        collectors(),
        redaction({ sensitiveKeys: ['loyaltyNo'], patterns: [/\bVIP-\w+/g] }),
      ],
    };
    const client = createIntentful({ model: shopModel, ...options });
    client.track({
      type: 'click',
      target: 'card VIP-GOLD77',
      data: { loyalty_no: 'LX-9', loyaltyNote: 'thanks' },
    });
    expect(client.history()[0]).toMatchObject({
      target: 'card [redacted]',
      data: { loyalty_no: '[redacted]', loyaltyNote: 'thanks' },
    });
    // The defaults still apply.
    expect(kept('jane@example.com', options)[0]).not.toContain('jane');
  });

  it('"keep: [/^\\/products\\/\\d+$/] exempts whole targets and data values an app allows (never a secret key\'s value, never typed search text)", with redaction()', () => {
    const keep = {
      plugins: [
        collectors({ search: { captureQuery: 'free' } }),
        redaction({ keep: [/^\/products\/\d+$/] }),
      ],
    };
    // Without keep the id reads as a run of digits.
    expect(kept('/products/12345678')[0]).toMatch(/^\/products\/\[\w+\]$/);
    expect(kept('/products/12345678', keep).slice(0, 2)).toEqual([
      '/products/12345678',
      '/products/12345678',
    ]);
    // Only whole matches: a phone beside it still goes.
    expect(kept('/products/12345678 0612345678', keep)[0]).not.toContain('0612345678');
    const client = createIntentful({ model: shopModel, ...keep });
    client.mount();
    client.track({ type: 'click', target: 'x', data: { password: '/products/12345678' } });
    document.body.innerHTML = '<input data-intent-search="site" id="q">';
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = '/products/12345678';
    q.dispatchEvent(new Event('change', { bubbles: true }));
    const [click, search] = client
      .history()
      .filter((s) => s.type !== 'session' && s.type !== 'page-view');
    expect(click!.data).toEqual({ password: '[redacted]' });
    expect(search!.data!.query).toMatch(/^\/products\/\[\w+\]$/);
    client.unmount();
  });
});

/** What the default collectors() keep of `input`, tracked as a target and as a data value. */
const sanitized = (input: string, options?: Parameters<typeof collectors>[0]): string[] =>
  kept(input, { plugins: [collectors(options)] });

/** A page with collectors() as the README sets them up; `act` runs on it, the history comes back. */
function collected(html: string, act: () => void, plugins = [collectors()]) {
  const onError = vi.fn<(error: Error) => void>();
  const client = createIntentful({ model: shopModel, plugins, onError });
  client.mount();
  document.body.innerHTML = html;
  act();
  client.unmount();
  return { history: client.history(), errors: onError.mock.calls.map(([e]) => e.message) };
}

describe('README "Privacy and consent": by default', () => {
  it('"By default collectors() capture no free text": clicked text, typed search text and other input values are not read', () => {
    const QUERY_TEXT = 'boots for Jane Doe, Hauptstr. 5';
    const { history } = collected(
      '<button data-intent-target="buy">Buy for Jane Doe</button>' +
        '<form data-intent-search="site"><input name="q"></form>' +
        '<form name="address"><input name="street"></form>',
      () => {
        document.querySelector('button')!.click();
        const [q, street] = [...document.querySelectorAll('input')];
        q!.value = QUERY_TEXT;
        q!.dispatchEvent(new Event('change', { bubbles: true }));
        street!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
        street!.value = 'Hauptstrasse 5';
        street!.dispatchEvent(new Event('input', { bubbles: true }));
        street!.dispatchEvent(new Event('change', { bubbles: true }));
      },
    );
    expect(history.find((s) => s.type === 'click')).toMatchObject({ target: 'buy' });
    expect(history.find((s) => s.type === 'click')!.data ?? {}).toEqual({});
    expect(history.find((s) => s.type === 'search')!.data).toEqual({ length: QUERY_TEXT.length });
    const all = JSON.stringify(history);
    for (const word of ['Jane', 'Doe', 'Hauptstr']) expect(all).not.toContain(word);
  });

  it('"query parameters other than utm_source, utm_medium, utm_campaign, utm_term and utm_content (/search?q=boots&email=… becomes /search), and fragments other than a plain anchor (#reviews)"', () => {
    expect(sanitized('/search?q=boots&email=jane%40example.com')[0]).toBe('/search');
    expect(
      sanitized(
        'https://shop.example/p?utm_source=news&sid=9f8e7d&utm_medium=mail&utm_campaign=spring&utm_term=boots&utm_content=hero&ref=jane',
      )[0],
    ).toBe(
      'https://shop.example/p?utm_source=news&utm_medium=mail&utm_campaign=spring&utm_term=boots&utm_content=hero',
    );
    expect(sanitized('/faq#reviews')[0]).toBe('/faq#reviews');
    expect(sanitized('/callback#access_token=abc.def&state=1')[0]).toBe('/callback');
    // A page view's target, as collected.
    history.replaceState(null, '', '/search?q=jane+doe&page=2&utm_campaign=spring#x=1');
    const { history: seen } = collected('', () => {});
    expect(seen.find((s) => s.type === 'page-view')!.target).toBe('/search?utm_campaign=spring');
  });

  it('"URL user info; e-mail addresses, also %40-encoded, &#64; or (at) ([email])"', () => {
    expect(sanitized('jane&#64;example.com')[0]).toBe('[email]');
    expect(sanitized('jane(at)example.com')[0]).toBe('[email]');
    expect(sanitized('https://anna:geheim@files.example.de/k.pdf')[0]).toBe(
      'https://[redacted]@files.example.de/k.pdf',
    );
    expect(sanitized('to jane.doe@example.com')[0]).toBe('to [email]');
    expect(sanitized('/u/jane.doe%40example.com/orders')[0]).toBe('/u/[email]/orders');
  });

  it('"runs of 7 or more digits, grouped or not, in any script and with dashes of any kind (phones, cards, customer numbers: [id]); IBANs that pass mod 97 ([iban]); UUIDs ([id]); JWTs, Basic and Bearer credentials, private keys, AWS and Slack keys and long runs of mixed letters and digits (session ids, keys: [token])"', () => {
    expect(sanitized('٠٥٠١٢٣٤٥٦٧')[0]).toBe('[id]');
    expect(sanitized('555–123–4567')[0]).toBe('[id]');
    expect(sanitized('IBAN DE89 3704 0044 0532 0130 00')[0]).toBe('IBAN [iban]');
    expect(sanitized('Authorization: Bearer mF_9.B5f-4.1JqM')[0]).toBe(
      'Authorization: Bearer [token]',
    );
    expect(sanitized('aws AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')[0]).toBe(
      'aws [token] [token]',
    );
    expect(
      sanitized('call +1 (202) 555-0143 or 0171 1234567, card 4111 1111 1111 1111, no 1234567'),
    ).toEqual([
      'call [id] or [id], card [id], no [id]',
      'call [id] or [id], card [id], no [id]',
      expect.any(String),
    ]);
    expect(sanitized('/orders/3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b/track')[0]).toBe(
      '/orders/[id]/track',
    );
    expect(sanitized('/s/a1b2c3d4e5f6a7b8c9d0e1f2')[0]).toBe('/s/[token]');
    expect(sanitized('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig')[0]).toBe('[token]');
    // Six digits are not a run of seven.
    expect(sanitized('size 123456')[0]).toBe('size 123456');
  });

  it('"values of secret data keys and key=value pairs, matched as whole words (pin, securityAnswer, passwort); card numbers held as numbers"', () => {
    const client = createIntentful({ model: shopModel, plugins: [collectors()] });
    client.track({
      type: 'form',
      target: 'reset pin=4821',
      data: {
        pin: '4821',
        securityAnswer: 'fluffy',
        user_passwort: 'Sommer',
        spinner: 'on',
        cardOnFile: 4111111111111111,
        amount: 850_000_000,
      },
    });
    expect(client.history()[0]).toMatchObject({
      target: 'reset pin=[redacted]',
      data: {
        pin: '[redacted]',
        securityAnswer: '[redacted]',
        user_passwort: '[redacted]',
        spinner: 'on',
        amount: 850_000_000,
      },
    });
    expect(client.history()[0]!.data).not.toHaveProperty('cardOnFile');
  });

  it('"Kept: dates (2026-11-23, 23.11.2026) and year ranges; prices with a currency sign or code next to them (€ 1.299.000, 1 299 000 Ft); letter-prefixed order codes (ORD-2026-004512); barcodes and ISBN-13s that pass their check digit (EAN-8 and ISBN-10 when labelled); other numbers in data stay numbers; keys such as author, zipper, spinner"', () => {
    for (const input of [
      '2026-11-23',
      '23.11.2026',
      '2026-11-23T14:30:00Z',
      '2019-2026',
      '€ 1.299.000',
      '1 299 000 ₫',
      '1 299 000 Ft',
      'ORD-2026-004512',
      'EAN-8: 96385074',
      '4006381333931',
      '/books/9783161484100',
      'ISBN 0-306-40615-2',
      'EAN 4006381333931',
      'UPC 036000291452',
      '/products/123456',
      'ORD-2026-0045',
    ])
      expect(sanitized(input).slice(0, 2)).toEqual([input, input]);
    // A 13-digit number that fails the check is a number of a person, and so is one after a
    // phone word, or an 8-digit one without a label.
    expect(sanitized('/books/9783161484101')[0]).toBe('/books/[id]');
    expect(sanitized('tel 4006381333931')[0]).toBe('tel [id]');
    expect(sanitized('96385074 x')[0]).toBe('[id] x');
    const client = createIntentful({ model: shopModel, plugins: [collectors()] });
    const data = {
      author: 'Tolkien',
      zipper: 'YKK',
      spinner: 'fidget',
      shownAt: 1_795_444_111_000,
    };
    client.track({ type: 'click', target: 'book', data });
    expect(client.history()[0]!.data).toEqual(data);
  });

  it('"collectors({ redact: { params, keep, sensitiveKeys, patterns } }) tunes it"', () => {
    const options = {
      redact: {
        params: ['color'],
        keep: [/^\/products\/\d+$/],
        sensitiveKeys: ['loyaltyNo'],
        patterns: [/\bVIP-\w+/g],
      },
    };
    expect(sanitized('/boots?color=red&utm_source=news', options)[0]).toBe('/boots?color=red');
    expect(sanitized('/products/12345678', options)[0]).toBe('/products/12345678');
    expect(sanitized('/products/12345678')[0]).toBe('/products/[id]');
    expect(sanitized('card VIP-GOLD77', options)[0]).toBe('card [redacted]');
    const client = createIntentful({ model: shopModel, plugins: [collectors(options)] });
    client.track({
      type: 'click',
      target: 'x',
      data: { loyalty_no: 'LX-9', loyaltyNote: 'thanks', password: '/products/12345678' },
    });
    // Never a secret key's value.
    expect(client.history()[0]!.data).toEqual({
      loyalty_no: '[redacted]',
      loyaltyNote: 'thanks',
      password: '[redacted]',
    });
  });

  it('"redact: false turns it off"', () => {
    const client = createIntentful({ model: shopModel, plugins: [collectors({ redact: false })] });
    client.track({ type: 'click', target: 'jane@example.com', data: { pin: '4821' } });
    expect(client.history()[0]).toMatchObject({
      target: 'jane@example.com',
      data: { pin: '4821' },
    });
  });
});

/** Types `value` into a marked search box and commits it; returns the search signal's data. */
function search(options: Parameters<typeof collectors>[0], value: string, full = false) {
  const client = createIntentful({
    model: shopModel,
    plugins: [collectors(options), ...(full ? [redaction()] : [])],
  });
  client.mount();
  document.body.innerHTML = '<form data-intent-search="site"><input name="q"></form>';
  const q = document.querySelector('input')!;
  q.value = value;
  q.dispatchEvent(new Event('change', { bubbles: true }));
  client.unmount();
  return client.history().find((s) => s.type === 'search')?.data;
}

const QUERY = 'Men BOOTS size 44 for Jane Doe, Hauptstr. 5, 0171 1234567';

describe('README "Privacy and consent": search and inputs', () => {
  it("\"Search boxes keep only the words of the app's own vocabulary by default (collectors({ search: { vocabulary: ['boots', 'trail'] } }))\"", () => {
    expect(search({ search: { vocabulary: ['boots', 'trail'] } }, QUERY)).toEqual({
      query: 'boots',
      length: QUERY.length,
    });
    // No vocabulary: nothing of the query is kept.
    expect(search({}, QUERY)).toEqual({ length: QUERY.length });
  });

  it("\"captureQuery: 'free' keeps the redacted query (with redaction()), 'none' only its length\"", () => {
    expect(search({ search: { captureQuery: 'free' } }, QUERY, true)).toEqual({
      query: expect.stringMatching(/^Men BOOTS size 44 for Jane Doe, Hauptstr\. 5, \[\w+\]$/),
      length: QUERY.length,
    });
    expect(search({ search: { captureQuery: 'none', vocabulary: ['boots'] } }, QUERY)).toEqual({
      length: QUERY.length,
    });
  });

  it('"Other input values are never read"', () => {
    const client = createIntentful({
      model: shopModel,
      // Even with free-text search capture on, only marked search boxes are read.
      plugins: [collectors({ search: { captureQuery: 'free' } }), redaction()],
    });
    client.mount();
    document.body.innerHTML =
      '<form name="address"><input name="street"><textarea name="note"></textarea>' +
      '<select name="country"><option>Narnia</option></select></form>';
    const form = document.querySelector('form')!;
    for (const [el, value] of [
      [form.elements.namedItem('street'), 'Hauptstrasse Jane'],
      [form.elements.namedItem('note'), 'ring Doe twice'],
    ] as const) {
      const field = el as HTMLInputElement;
      field.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
      vi.advanceTimersByTime(5000);
      field.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    }
    form.querySelector('select')!.dispatchEvent(new Event('change', { bubbles: true }));
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('pagehide'));
    client.unmount();
    // The form was observed (timing), its values were not.
    expect(client.history().map((s) => s.type)).toContain('form-hesitation');
    const all = JSON.stringify(client.history());
    for (const word of ['Hauptstrasse', 'Jane', 'Doe', 'Narnia']) expect(all).not.toContain(word);
  });

  it('"clicked text only with captureText (with redaction())"', () => {
    const texts = [false, true].map((captureText) => {
      const client = createIntentful({
        model: shopModel,
        plugins: [collectors({ clicks: { captureText } }), redaction()],
      });
      client.mount();
      document.body.innerHTML = '<button data-intent-target="buy">Buy for Jane Doe</button>';
      document.querySelector('button')!.click();
      client.unmount();
      return client.history().find((s) => s.type === 'click')!.data?.text;
    });
    expect(texts).toEqual([undefined, 'Buy for Jane Doe']);
  });
});

describe('README "Privacy and consent": free text', () => {
  it('"Asking for either without redaction() reports an error (to onError, or the console in development) and the text is dropped, never sent as typed"', () => {
    const html =
      '<button data-intent-target="buy">Buy for Jane Doe</button>' +
      '<form data-intent-search="site"><input name="q"></form>';
    const act = () => {
      document.querySelector('button')!.click();
      const q = document.querySelector('input')!;
      q.value = 'boots for Jane Doe';
      q.dispatchEvent(new Event('change', { bubbles: true }));
    };
    for (const options of [
      { clicks: { captureText: true } },
      { search: { captureQuery: 'free' as const, vocabulary: ['boots'] } },
      { clicks: { captureText: true }, search: { captureQuery: 'free' as const }, redact: false },
    ]) {
      const { history, errors } = collected(html, act, [collectors(options)]);
      expect(errors).toEqual([expect.stringMatching(/free text.*redaction\(\).*dropped/)]);
      expect(JSON.stringify(history)).not.toMatch(/Jane|Doe/);
      // What the default keeps still comes: the click, and the query's vocabulary words.
      expect(history.find((s) => s.type === 'click')).toMatchObject({ target: 'buy' });
      expect(history.find((s) => s.type === 'search')!.data).toEqual(
        'vocabulary' in (options.search ?? {}) ? { query: 'boots', length: 18 } : { length: 18 },
      );
    }
    // Without onError, development says so on the console.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createIntentful({
      model: shopModel,
      plugins: [collectors({ clicks: { captureText: true } })],
    });
    client.mount();
    client.unmount();
    expect(warn.mock.calls.join('\n')).toMatch(/captureText.*add redaction\(\)/);
    warn.mockRestore();
    // With redaction(), in either order, the text is kept, redacted.
    for (const plugins of [
      [collectors({ clicks: { captureText: true } }), redaction()],
      [redaction(), collectors({ clicks: { captureText: true } })],
    ]) {
      const { history, errors } = collected(
        '<button data-intent-target="buy">Buy, call 0171 1234567</button>',
        () => document.querySelector('button')!.click(),
        plugins,
      );
      expect(errors).toEqual([]);
      expect(history.find((s) => s.type === 'click')!.data).toEqual({
        text: 'Buy, call [phone]',
      });
    }
  });

  it('"plugins: [redaction()] alone redacts what an app tracks without collectors; with neither, tracked signals are stored as the app sends them"', () => {
    const track = (plugins: Options['plugins']) => {
      const client = createIntentful({ model: shopModel, ...(plugins && { plugins }) });
      client.track({ type: 'click', target: 'to jane@example.com' });
      return client.history()[0]!.target;
    };
    expect(track([redaction()])).toBe('to [email]');
    expect(track(undefined)).toBe('to jane@example.com');
  });
});

/** A granted visit with persistence() that clicks "compare" and leaves; returns its client. */
function persistedVisit(options: Options = {}) {
  const client = createIntentful({
    model: shopModel,
    consent: 'granted',
    plugins: [persistence()],
    ...options,
  });
  client.mount();
  client.track({ type: 'click', target: 'compare' });
  vi.advanceTimersByTime(5000);
  client.unmount();
  return client;
}

describe('README "Privacy and consent": persistence', () => {
  it('"persistence({ maxAge }) is versioned"', () => {
    const storage = memoryStorage();
    persistedVisit({ storage });
    const saved = JSON.parse(storage.getItem('intentful')!);
    expect(saved.v).toBe(1);
    expect(persistedVisit({ storage }).belief('compare').observations).toBe(2);
    // Another version is not read.
    storage.setItem('intentful', JSON.stringify({ ...saved, v: 2 }));
    expect(persistedVisit({ storage }).belief('compare').observations).toBe(1);
    // maxAge: older state is not read.
    vi.advanceTimersByTime(60_000);
    const aged = persistedVisit({ storage, plugins: [persistence({ maxAge: 30_000 })] });
    expect(aged.belief('compare').observations).toBe(1);
  });

  it('"corrupt storage resets"', () => {
    for (const raw of ['{oops', 'null', JSON.stringify({ v: 1, savedAt: 1, state: { v: 1 } })]) {
      const storage = memoryStorage();
      storage.map.set('intentful', raw);
      const onError = vi.fn();
      const client = createIntentful({
        model: shopModel,
        consent: 'granted',
        plugins: [persistence()],
        storage,
        onError,
      });
      client.mount();
      // The corrupt entry is gone at once, reported, and the page starts from nothing.
      expect(storage.map.has('intentful')).toBe(false);
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining('reset') }),
      );
      client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
      client.unmount();
      expect(client.belief('compare').observations).toBe(1);
      expect(JSON.parse(storage.getItem('intentful')!).v).toBe(1);
    }
  });

  it('"full or blocked storage falls back to memory"', () => {
    const attempts: string[] = [];
    const full = memoryStorage();
    full.map.set('intentful', 'older');
    full.setItem = (k) => {
      attempts.push(`full:${k}`);
      throw new DOMException('full', 'QuotaExceededError');
    };
    const blocked: StorageLike = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: (k) => {
        attempts.push(`blocked:${k}`);
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem: () => {},
    };
    for (const storage of [full, blocked]) {
      const onError = vi.fn();
      const client = createIntentful({
        model: shopModel,
        consent: 'granted',
        plugins: [collectors(), persistence()],
        storage,
        onError,
      });
      client.mount();
      for (let i = 0; i < 3; i++) {
        client.track({ type: 'click', target: 'compare' });
        vi.advanceTimersByTime(2000);
      }
      window.dispatchEvent(new Event('pagehide'));
      // The page keeps working on what it holds in memory.
      expect(client.belief('compare').observations).toBe(3);
      expect(serialize(client).intents.compare?.count).toBe(3);
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringMatching(/memory/) }),
      );
      client.unmount();
    }
    // After the first failure the state lives in memory: no more writes to that storage, and
    // the older state does not stay behind to come back on the next visit.
    expect(attempts.filter((k) => k.endsWith(':intentful'))).toEqual(['full:intentful']);
    expect(full.map.has('intentful')).toBe(false);
  });

  it('"Nothing is written before consent"', () => {
    for (const { storage } of devices()) {
      resetDevice();
      const setItem = vi.spyOn(Storage.prototype, 'setItem');
      const app = visit({ storage }, experimentSlot());
      app.compare();
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
      app.leave();
      expect(setItem).not.toHaveBeenCalled();
      expect(storage?.writes ?? []).toEqual([]);
      expect(stored(storage)).toEqual([]);
      // Once granted, it writes.
      act(() => app.client.setConsent('granted'));
      app.leave();
      expect(stored(storage)).toEqual(
        expect.arrayContaining([expect.stringMatching(/:intentful$/)]),
      );
      setItem.mockRestore();
      app.page.unmount();
    }
  });

  it('"storage / storageKey on the client choose where everything goes, except the once-per-session flag"', () => {
    const storage = memoryStorage();
    const app = visit({ consent: 'granted', storage, storageKey: 'shop' }, experimentSlot());
    app.compare();
    app.leave();
    // Beliefs, the unit id and assignments, visit times: in the app's storage, under its key.
    expect([...storage.map.keys()]).toEqual(
      expect.arrayContaining(['shop', 'shop:slots', 'shop:visit']),
    );
    expect(Object.keys(localStorage)).toEqual([]);
    // The once-per-session flag, under the key too: in the app's storage or, so that it ends with
    // the browser session, in sessionStorage (a change in progress moves it there; reported).
    const everywhere = stored(storage);
    for (const k of everywhere) expect(k).toMatch(/^(injected|session):shop(:|$)/);
    expect(everywhere.filter((k) => k.endsWith(':shop:session'))).toHaveLength(1);
    app.page.unmount();
    // storageKey alone: the browser's storage, under that key.
    const local = visit({ consent: 'granted', storageKey: 'shop' }, experimentSlot());
    local.compare();
    local.leave();
    const keys = stored();
    expect(keys).toEqual(expect.arrayContaining(['local:shop', 'local:shop:slots']));
    for (const k of keys) expect(k).toMatch(/^(local|session):shop(:|$)/);
  });
});
