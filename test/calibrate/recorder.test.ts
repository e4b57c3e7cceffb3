import { createIntentful, persistence, redaction } from 'intentful/core';
import { recorder } from 'intentful/recorder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSessions } from '../../src/calibrate/format';
import { memoryStorage, shopModel } from '../fixtures';

const MIN = 60_000;

function setup(
  options: Partial<Parameters<typeof recorder>[0]> = {},
  consent: 'granted' | 'pending' = 'granted',
) {
  let now = 1_000_000;
  const storage = memoryStorage();
  const rec = recorder({ outcomes: ['purchase'], ...options });
  const client = createIntentful({
    model: shopModel,
    consent,
    storage,
    clock: () => now,
    plugins: [redaction(), rec],
  });
  client.mount();
  return {
    rec,
    client,
    storage,
    advance(ms: number) {
      now += ms;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('recorder()', () => {
  it('keeps sessions in the CLI format, labelled by goal signals, negatives labelled false', () => {
    const { rec, client, advance } = setup();
    client.track({ type: 'page-view', target: '/p/42', data: { pageType: 'product' } });
    advance(1000);
    client.track({ type: 'click', target: 'compare' });
    advance(1000);
    client.track({ type: 'goal', target: 'purchase' });
    // Not one of the outcomes: kept as a signal, never a label only some sessions would carry.
    client.track({ type: 'goal', target: 'newsletter' });
    advance(31 * MIN);
    client.track({ type: 'page-view', target: '/' });
    const { sessions, errors } = parseSessions(rec.toJSONL());
    expect(errors).toEqual([]);
    expect(sessions.map((s) => [s.signals.map((x) => x.type), s.outcomes])).toEqual([
      [['page-view', 'click', 'goal', 'goal'], { purchase: true }],
      [['page-view'], { purchase: false }],
    ]);
    expect(sessions[0]!.signals[0]).toEqual({
      type: 'page-view',
      at: 1_000_000,
      target: '/p/42',
      data: { pageType: 'product' },
    });
    expect(new Set(sessions.map((s) => s.id)).size).toBe(2);
  });

  it('label() marks the outcome with a goal signal at that time, so evaluation judges what came before', () => {
    const { rec, client, advance } = setup();
    client.track({ type: 'click', target: 'compare' });
    advance(5000);
    expect(rec.label('purchase')).toBe(true);
    const [s] = rec.sessions();
    expect(s!.outcomes).toEqual({ purchase: true });
    expect(s!.signals.at(-1)).toEqual({ type: 'goal', at: 1_005_000, target: 'purchase' });
  });

  it('types outcomes from the options, so a misspelt label fails to compile', () => {
    const typed = recorder({ outcomes: ['purchase', 'signup'] });
    // @ts-expect-error: not one of the outcomes given.
    expect(typed.label('purchse')).toBe(false);
    expect(typed.label('signup')).toBe(false);
  });

  it('records nothing without consent; on consent it adds what this page already saw', () => {
    const { rec, client } = setup({}, 'pending');
    client.track({ type: 'click', target: 'compare' });
    expect(rec.label('purchase')).toBe(false);
    expect(rec.sessions()).toEqual([]);
    client.setConsent('granted');
    expect(rec.sessions().map((s) => s.signals.map((x) => x.target))).toEqual([['compare']]);
  });

  it('applies the same redaction the client applies to signals', () => {
    const { rec, client } = setup();
    client.track({
      type: 'search',
      target: 'jane.doe@example.com',
      data: { query: 'call +44 20 7946 0958', price: 35.8 },
    });
    const jsonl = rec.toJSONL();
    expect(jsonl).not.toContain('jane.doe');
    expect(jsonl).not.toContain('7946');
    expect(rec.sessions()[0]!.signals[0]).toEqual(client.history()[0]);
    expect(rec.sessions()[0]!.signals[0]!.data?.price).toBe(35.8);
  });

  it('is bounded: the oldest signals of a session and the oldest sessions are dropped', () => {
    const { rec, client, advance } = setup({ maxSessions: 2, maxSignals: 3 });
    for (let session = 0; session < 3; session++) {
      for (let i = 0; i < 5; i++) client.track({ type: 'click', target: `s${session}-${i}` });
      advance(31 * MIN);
    }
    expect(rec.sessions().map((s) => s.signals.map((x) => x.target))).toEqual([
      ['s1-2', 's1-3', 's1-4'],
      ['s2-2', 's2-3', 's2-4'],
    ]);
  });

  it('records every signal of a burst larger than the client history, in order', () => {
    const onError = vi.fn();
    const rec = recorder({ outcomes: ['purchase'], storage: null });
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      historySize: 10,
      onError,
      plugins: [rec],
    });
    client.mount();
    client.track({ type: 'click', target: 'first' });
    for (let i = 0; i < 15; i++) client.track({ type: 'click', target: `burst-${i}` });
    const targets = rec.sessions()[0]!.signals.map((s) => s.target);
    expect(targets).toEqual(['first', ...Array.from({ length: 15 }, (_, i) => `burst-${i}`)]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('keeps sessions across page loads on the device, and erases them when consent is denied', () => {
    vi.useFakeTimers();
    const { client, storage } = setup();
    client.track({ type: 'click', target: 'compare' });
    vi.advanceTimersByTime(1000);
    client.unmount();
    expect(storage.data.has('intentful:recorder')).toBe(true);

    const next = recorder({ outcomes: ['purchase'] });
    const reload = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      plugins: [next],
    });
    reload.mount();
    expect(next.sessions().map((s) => s.signals.map((x) => x.target))).toEqual([['compare']]);
    reload.setConsent('denied');
    expect(next.sessions()).toEqual([]);
    expect(storage.data.has('intentful:recorder')).toBe(false);
    reload.unmount();
  });

  it('erasing for a user who refused writes nothing to the device, not even a storage check', () => {
    const local = { ...memoryStorage(), setItem: vi.fn() };
    local.data.set('intentful:recorder', '{"v":1,"sessions":[]}');
    vi.stubGlobal('localStorage', local);
    const client = createIntentful({
      model: shopModel,
      consent: 'denied',
      plugins: [recorder({ outcomes: ['purchase'] })],
    });
    client.mount();
    expect(local.data.has('intentful:recorder')).toBe(false);
    expect(local.setItem).not.toHaveBeenCalled();
    client.unmount();
  });

  it('saves when the page is hidden, without waiting for its save delay', () => {
    vi.useFakeTimers();
    const { client, storage } = setup();
    client.track({ type: 'click', target: 'compare' });
    expect(storage.data.has('intentful:recorder')).toBe(false);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(storage.data.has('intentful:recorder')).toBe(true);
    vi.restoreAllMocks();
    client.unmount();
  });

  it('forget() drops every recorded session', () => {
    const { rec, client, storage } = setup();
    client.track({ type: 'click', target: 'compare' });
    rec.end();
    client.forget();
    expect(rec.sessions()).toEqual([]);
    expect(storage.data.has('intentful:recorder')).toBe(false);
  });

  it('hands finished sessions to send() only while consent allows sending; false keeps them', () => {
    const sent: string[] = [];
    let accept = false;
    const { rec, client, advance } = setup({
      send: (body) => {
        sent.push(body);
        return accept;
      },
    });
    client.track({ type: 'click', target: 'compare' });
    rec.flush();
    expect(sent).toEqual([]);
    rec.end();
    expect(sent).toHaveLength(1);
    expect(rec.sessions()).toHaveLength(1);
    accept = true;
    advance(1000);
    client.track({ type: 'click', target: 'gift-wrap' });
    rec.end();
    const lines = parseSessions(sent.at(-1)!).sessions;
    expect(lines.map((s) => s.signals.map((x) => x.target))).toEqual([['compare'], ['gift-wrap']]);
    expect(rec.sessions()).toEqual([]);

    client.setConsent('denied');
    client.setConsent('granted');
    client.track({ type: 'click', target: 'compare' });
    client.setConsent('pending');
    rec.end();
    // Pending consent sends nothing: still the two tries above.
    expect(sent).toHaveLength(2);
  });

  it('discards a corrupt saved record, reports it once, and keeps recording', () => {
    const storage = memoryStorage();
    storage.setItem('intentful:recorder', '{"v":1,"sessions":[{"id":""}]}');
    const onError = vi.fn();
    const rec = recorder({ outcomes: ['purchase'] });
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      onError,
      plugins: [rec],
    });
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/discarded unreadable saved sessions/);
    expect(rec.sessions()).toHaveLength(1);
  });

  it('download() saves the JSONL through a Blob and an object URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const revoke = vi.fn();
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (b: Blob) => {
          blobs.push(b);
          return 'blob:recorded';
        },
        revokeObjectURL: revoke,
      }),
    );
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    const { rec, client } = setup();
    expect(rec.download()).toBe(false);
    client.track({ type: 'click', target: 'compare' });
    expect(rec.download('shop.jsonl')).toBe(true);
    expect(clicked.map((a) => [a.download, a.href])).toEqual([['shop.jsonl', 'blob:recorded']]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(await blobs[0]!.text()).toBe(rec.toJSONL());
    vi.advanceTimersByTime(1000);
    expect(revoke).toHaveBeenCalledWith('blob:recorded');
    click.mockRestore();
  });

  it('works beside persistence(): both keep their own keys and forget clears both', () => {
    const storage = memoryStorage();
    const rec = recorder({ outcomes: ['purchase'] });
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      plugins: [persistence(), rec],
    });
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    rec.end();
    expect([...storage.data.keys()]).toContain('intentful:recorder');
    client.forget();
    expect([...storage.data.keys()].filter((k) => k.endsWith(':recorder'))).toEqual([]);
    client.unmount();
  });
});
