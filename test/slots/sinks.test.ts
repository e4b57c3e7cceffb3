import { beaconSink, consoleSink, type SlotEvent } from 'intentful/core';
import { afterEach, describe, expect, it, vi } from 'vitest';

const exposure = (i: number): SlotEvent => ({
  type: 'exposure',
  at: i,
  unit: 'u',
  slot: 'hero',
  variant: 'standard',
  policy: 'intent-match',
  holdout: false,
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('beaconSink', () => {
  it('sends full batches at once and the rest after the interval', () => {
    vi.useFakeTimers();
    const send = vi.fn((_url: string, _body: string) => true);
    const sink = beaconSink({ url: '/events', batchSize: 3, interval: 1000, send });
    for (let i = 0; i < 4; i++) sink(exposure(i));
    expect(send).toHaveBeenCalledTimes(1);
    expect(JSON.parse(send.mock.calls[0]?.[1] ?? '')).toEqual([0, 1, 2].map(exposure));
    vi.advanceTimersByTime(1000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(JSON.parse(send.mock.calls[1]?.[1] ?? '')).toEqual([exposure(3)]);
  });

  it('flushes when the page is hidden, so navigation loses nothing', () => {
    const send = vi.fn((_url: string, _body: string) => true);
    const sink = beaconSink({ url: '/events', send });
    sink(exposure(1));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(send).toHaveBeenCalledWith('/events', JSON.stringify([exposure(1)]));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

  it('keeps a refused batch for the next flush, bounded by maxQueue', () => {
    let accept = false;
    const send = vi.fn((_url: string, _body: string) => accept);
    const sink = beaconSink({ url: '/e', batchSize: 100, maxQueue: 5, send });
    for (let i = 0; i < 8; i++) sink(exposure(i));
    sink.flush?.();
    accept = true;
    sink.flush?.();
    expect(JSON.parse(send.mock.calls.at(-1)?.[1] ?? '')).toEqual([3, 4, 5, 6, 7].map(exposure));
  });

  it('uses navigator.sendBeacon by default', () => {
    const beacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { sendBeacon: beacon });
    const sink = beaconSink({ url: '/collect', batchSize: 1 });
    sink(exposure(1));
    expect(beacon).toHaveBeenCalledWith('/collect', expect.any(Blob));
  });
});

describe('consoleSink', () => {
  it('logs each event', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    consoleSink()(exposure(1));
    expect(info).toHaveBeenCalledWith('[intentful]', 'exposure', exposure(1));
  });
});
