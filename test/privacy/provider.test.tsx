import { act, render, renderHook } from '@testing-library/react';
import {
  AdaptiveSlot,
  analytics,
  beaconSink,
  collectors,
  createIntentful,
  type IntentfulOptions,
  IntentProvider,
  persistence,
  redaction,
  useConsent,
  useIntentful,
  usePageView,
  useTrack,
  Variant,
} from 'intentful';
import type { ReactNode } from 'react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** What the probes saw on their last render. */
const seen: {
  client?: ReturnType<typeof useIntentful>;
  consent?: ReturnType<typeof useConsent>;
  forget?: () => void;
} = {};

function Probe() {
  seen.client = useIntentful();
  seen.consent = useConsent();
  return null;
}

function Forget() {
  seen.forget = useConsent().forget;
  return null;
}

function Route({ path, type }: { path: string; type?: string | undefined }) {
  usePageView(path, type);
  return null;
}

/** Every variant counts as seen on mount, so exposures would be sent if anything were allowed. */
const seenAtOnce = (_: Element, seen: () => void): (() => void) => {
  seen();
  return () => {};
};

// The whole feature set; one plan per test file, as an app creates them once at module level.
const collect = collectors();
const persist = persistence();

type Options = Omit<IntentfulOptions<string, string>, 'model'>;

/** A page load: a client made with the options the provider props became, then rendered. */
function mount(options: Options = {}, extra?: ReactNode) {
  const client = createIntentful({ model: shopModel, plugins: [collect, persist], ...options });
  const ui = (more?: ReactNode) => (
    <IntentProvider client={client}>
      <Probe />
      <AdaptiveSlot id="hero">
        <Variant id="standard" fallback>
          Standard
        </Variant>
        <Variant id="compare" intents={['compare']}>
          Compare plans
        </Variant>
      </AdaptiveSlot>
      {more}
    </IntentProvider>
  );
  const r = render(ui(extra));
  return {
    ...r,
    client,
    get consent() {
      return seen.consent!;
    },
    /** The user answers the banner (the old API re-rendered the provider with a new prop). */
    setConsent: (consent: 'granted' | 'denied' | 'pending') =>
      act(() => client.setConsent(consent)),
    update: (more: ReactNode) => r.rerender(ui(more)),
  };
}

describe('consent', () => {
  it('pending: collects in memory, stores nothing, sends nothing', () => {
    vi.useFakeTimers();
    const sink = vi.fn();
    const m = mount({
      plugins: [collect, persist, analytics({ sinks: [sink] })],
      observeExposure: seenAtOnce,
    });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
    });
    window.dispatchEvent(new Event('pagehide'));
    act(() => {
      m.client.track({ type: 'goal', target: 'purchase' });
    });
    expect(m.client.history().map((s) => s.type)).toEqual([
      'session',
      'page-view',
      'click',
      'goal',
    ]);
    expect(m.consent).toMatchObject({
      consent: 'pending',
      gpc: false,
      canPersist: false,
      canSend: false,
    });
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(sink).not.toHaveBeenCalled();
  });

  it('granted: sinks receive events', () => {
    const sink = vi.fn();
    mount({
      consent: 'granted',
      plugins: [collect, persist, analytics({ sinks: [sink] })],
      observeExposure: seenAtOnce,
    });
    expect(sink).toHaveBeenCalled();
  });

  it('granted: saves versioned state and restores it on the next mount', () => {
    vi.useFakeTimers();
    const m = mount({ consent: 'granted' });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(1000);
    });
    expect(JSON.parse(localStorage.getItem('intentful')!).v).toBe(1);
    expect(localStorage.getItem('intentful:visit')).not.toBeNull();
    m.unmount();
    const again = mount({ consent: 'granted' });
    expect(again.client.belief('compare').observations).toBe(1);
  });

  it('consent granted after mount puts the saved visit under this page, losing neither', () => {
    vi.useFakeTimers();
    const first = mount({ consent: 'granted' });
    act(() => {
      first.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(1000);
    });
    first.unmount();
    const m = mount();
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
    });
    expect(m.client.belief('compare').observations).toBe(1);
    m.setConsent('granted');
    expect(m.client.belief('compare').observations).toBe(2);
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(1000);
    });
    const stored = JSON.parse(localStorage.getItem('intentful')!);
    expect(stored.state.intents.compare.count).toBe(3);
  });

  it('switching to denied removes what was stored and stops saving', () => {
    vi.useFakeTimers();
    const m = mount({ consent: 'granted' });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(1000);
    });
    expect(localStorage.length).toBeGreaterThan(0);
    m.setConsent('denied');
    expect(localStorage.length + sessionStorage.length).toBe(0);
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
    });
    expect(localStorage.length).toBe(0);
    expect(m.consent.canSend).toBe(false);
  });

  it('withdrawn consent drops what a beacon sink batched, and sends nothing later', () => {
    vi.useFakeTimers();
    const send = vi.fn((_url: string, _body: string) => true);
    const sink = beaconSink({ url: '/e', batchSize: 50, interval: 1000, send });
    const m = mount({
      consent: 'granted',
      plugins: [collect, persist, analytics({ sinks: [sink] })],
      observeExposure: seenAtOnce,
    });
    m.setConsent('denied');
    act(() => vi.advanceTimersByTime(5000));
    window.dispatchEvent(new Event('pagehide'));
    m.unmount();
    expect(send).not.toHaveBeenCalled();
  });

  it('Global Privacy Control overrides granted', () => {
    vi.stubGlobal('navigator', { ...navigator, language: 'en', globalPrivacyControl: true });
    vi.useFakeTimers();
    localStorage.setItem('intentful', 'stale');
    const m = mount({ consent: 'granted' });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
    });
    expect(m.consent).toMatchObject({ gpc: true, canPersist: false, canSend: false });
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it("withoutConsent: 'none' collects nothing at all until consent is granted", () => {
    const onError = vi.fn();
    const m = mount({ consent: 'denied', withoutConsent: 'none', onError });
    m.client.track({ type: 'click', target: 'compare' });
    expect(m.client.history()).toEqual([]);
    m.setConsent('granted');
    m.client.track({ type: 'click', target: 'compare' });
    expect(m.client.history().map((s) => s.type)).toContain('click');
  });

  it('a full or blocked storage never breaks the page', () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const broken = {
      getItem: () => '{corrupt',
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    const m = mount({ consent: 'granted', storage: broken, onError });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
    });
    expect(m.client.belief('compare').observations).toBe(1);
    expect(onError.mock.calls.map(([e]) => String(e.message))).toEqual([
      expect.stringContaining('corrupt'),
      expect.stringContaining('full or blocked'),
    ]);
  });

  it('forget() clears beliefs, history and storage', () => {
    vi.useFakeTimers();
    const m = mount({ consent: 'granted' });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(1000);
    });
    m.unmount();
    const r = render(
      <IntentProvider
        client={createIntentful({
          model: shopModel,
          consent: 'granted',
          plugins: [collect, persist],
        })}
      >
        <Forget />
      </IntentProvider>,
    );
    expect(localStorage.getItem('intentful')).not.toBeNull();
    act(() => seen.forget?.());
    expect(localStorage.length + sessionStorage.length).toBe(0);
    r.unmount();
    // Unmounting after forget must not write the cleared state back with old evidence.
    const again = mount({ consent: 'granted' });
    expect(again.client.belief('compare').observations).toBe(0);
  });

  it('redacts what collectors read from the page: search boxes, URLs, data attributes', () => {
    history.replaceState(null, '', '/account?email=jane%40example.com&token=abc123');
    render(
      // A time whose digits hold one of the secrets: the wall clock read like this once a while,
      // and the timestamps, which are not read from the page, failed the check below.
      <IntentProvider
        client={createIntentful({
          model: shopModel,
          plugins: [collect],
          clock: () => 1_795_444_111_000,
        })}
      >
        <Probe />
        <input data-intent-search="site" id="q" />
        <button
          type="button"
          data-intent-target="contact-+1 202 555 0143"
          data-intent-value="4111 1111 1111 1111"
        >
          call
        </button>
      </IntentProvider>,
    );
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = 'order for jane@example.com';
    q.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('button')!.click();
    const stored = JSON.stringify(seen.client!.history().map(({ at, ...read }) => read));
    for (const secret of ['jane', 'abc123', '202 555', '4111'])
      expect(stored).not.toContain(secret);
    expect(seen.client!.history().map((s) => s.type)).toEqual([
      'session',
      'page-view',
      'search',
      'click',
    ]);
  });

  it('redacts tracked signals too when collectors are on', () => {
    const m = mount();
    m.client.track({ type: 'search', data: { query: 'jane@example.com' } });
    expect(JSON.stringify(m.client.history())).not.toContain('jane');
  });

  it('without collectors, redacts only with redaction(), and collectors({ redact: false }) turns it off', () => {
    const query = { type: 'search', data: { query: 'jane@example.com' } } as const;
    const plain = mount({ plugins: [persist] });
    plain.client.track(query);
    expect(JSON.stringify(plain.client.history())).toContain('jane');
    plain.unmount();
    const redacted = mount({ plugins: [persist, redaction()] });
    redacted.client.track(query);
    expect(JSON.stringify(redacted.client.history())).not.toContain('jane');
    redacted.unmount();
    const off = mount({ plugins: [collectors({ redact: false }), persist] });
    off.client.track(query);
    expect(JSON.stringify(off.client.history())).toContain('jane');
  });

  it('a persist plan touches storage only once consent is granted, then saves', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const storage = {
      data: new Map<string, string>(),
      getItem(k: string) {
        return this.data.get(k) ?? null;
      },
      setItem(k: string, v: string) {
        writes.push(k);
        this.data.set(k, v);
      },
      removeItem(k: string) {
        this.data.delete(k);
      },
    };
    const m = mount({ storage, storageKey: 'shop', plugins: [persistence()] });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
    });
    expect(writes).toEqual([]);
    m.setConsent('granted');
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(1000);
    });
    expect(writes).toContain('shop');
    expect(JSON.parse(storage.data.get('shop')!).state.intents.compare).toBeDefined();
  });

  it('stores nothing and reads no storage without a persist plan, even when granted', () => {
    vi.useFakeTimers();
    const m = mount({ consent: 'granted', plugins: [] });
    act(() => {
      m.client.track({ type: 'click', target: 'compare' });
      vi.advanceTimersByTime(5000);
    });
    window.dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem('intentful')).toBeNull();
  });
});

describe('page views in React', () => {
  it('StrictMode counts one page view and one session on mount', () => {
    const client = createIntentful({ model: shopModel, plugins: [collect] });
    render(
      <StrictMode>
        <IntentProvider client={client}>
          <main data-intent-page="home">
            <Probe />
          </main>
        </IntentProvider>
      </StrictMode>,
    );
    expect(seen.client!.history().map((s) => [s.type, s.data?.pageType ?? null])).toEqual([
      ['session', null],
      ['page-view', 'home'],
    ]);
  });

  it('usePageView reports router pages instead of history', () => {
    vi.useFakeTimers();
    const m = mount(
      { plugins: [collectors({ pageViews: { history: false } }), persist] },
      <Route path="/products/1" type="product" />,
    );
    history.pushState(null, '', '/products/1?tab=reviews');
    act(() => vi.advanceTimersByTime(100));
    m.update(<Route path="/cart" type={undefined} />);
    expect(
      m.client
        .history()
        .filter((s) => s.type === 'page-view')
        .map((s) => [s.target, s.data]),
    ).toEqual([
      ['/products/1', { nav: 'start', pageType: 'product', productViews: 1, repeat: false }],
      ['/cart', { nav: 'manual' }],
    ]);
  });

  it('usePageView works from a child before the collectors start', () => {
    const client = createIntentful({
      model: shopModel,
      plugins: [collectors({ pageViews: { history: false } })],
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <IntentProvider client={client}>
        {children}
        <Route path="/p/9" type="product" />
      </IntentProvider>
    );
    const { result } = renderHook(() => useIntentful(), { wrapper });
    expect(
      result.current
        .history()
        .filter((s) => s.type === 'page-view')
        .map((s) => s.target),
    ).toEqual(['/p/9']);
  });

  it('useTrack still works with collection off', () => {
    const client = createIntentful({ model: shopModel });
    const { result } = renderHook(() => ({ track: useTrack(), client: useIntentful() }), {
      wrapper: ({ children }) => <IntentProvider client={client}>{children}</IntentProvider>,
    });
    result.current.track({ type: 'click', target: 'compare' });
    expect(result.current.client.history().map((s) => s.type)).toEqual(['click']);
  });
});
