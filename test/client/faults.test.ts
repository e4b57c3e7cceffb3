import { analytics, beaconSink, createIntentful, defineSlots, persistence } from 'intentful/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, shopModel } from '../fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

const slots = defineSlots({
  hero: { variants: { standard: { fallback: true }, compare: { intents: ['compare'] } } },
});

describe('time faults', () => {
  it('saved state stamped in the future counts as expired, not as fresh for ever', () => {
    const storage = memoryStorage();
    const now = 1_000_000;
    const future = { v: 1, at: now + 9e12, intents: {}, steps: {} };
    storage.setItem('intentful', JSON.stringify({ v: 1, savedAt: now + 9e12, state: future }));
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      storage,
      clock: () => now,
      onError,
      plugins: [persistence()],
    });
    client.mount();
    expect(storage.data.has('intentful')).toBe(false);
    expect(client.belief('compare').observations).toBe(0);
    client.unmount();
  });
});

describe('sink faults', () => {
  it('an async sink that rejects is reported once, and leaves no unhandled rejection', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      slots,
      onError,
      plugins: [analytics({ sinks: [async () => Promise.reject(new Error('analytics down'))] })],
    });
    client.mount();
    client.slot('hero').get();
    client.slot('hero').expose();
    client.goal('purchase');
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/analytics down/);
    client.unmount();
  });

  it('beaconSink keeps no listener after unmount, however often the client mounts', () => {
    const attached: unknown[] = [];
    for (const target of [document, window] as EventTarget[]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, fn, o) => {
        attached.push(fn);
        add(type, fn, o);
      });
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, fn, o) => {
        const at = attached.indexOf(fn);
        if (at >= 0) attached.splice(at, 1);
        remove(type, fn, o);
      });
    }
    const sent: string[] = [];
    const sink = beaconSink({
      url: '/e',
      send: (_u, body) => {
        sent.push(body);
        return true;
      },
    });
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      slots,
      plugins: [analytics({ sinks: [sink] })],
    });
    for (let i = 0; i < 50; i++) {
      client.mount();
      client.goal('purchase');
      client.unmount();
    }
    expect(attached).toEqual([]);
    // Unmount flushed what was batched: nothing is lost by detaching.
    expect(sent.join('').match(/"outcome"/g)).toHaveLength(50);
  });
});
