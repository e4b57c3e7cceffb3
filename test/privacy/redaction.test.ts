import { collectors, createIntentful, defineModel, redaction, serialize, trails } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import {
  createIntentEngine,
  createRedactor,
  redactSignal,
  redactText,
  trailRecorder,
} from '../internal';
import { CLEAN, LEAKY } from './corpus';

const digits = (s: string): string => s.replace(/\D/g, '');

function leaks(output: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  const lower = output.toLowerCase();
  const outDigits = digits(output);
  for (const secret of secrets) {
    if (lower.includes(secret.toLowerCase())) found.push(secret);
    const d = digits(secret);
    if (d.length >= 6 && outDigits.includes(d)) found.push(`digits of ${secret}`);
  }
  return found;
}

describe('redaction corpus', () => {
  it('has at least 50 realistic inputs', () => {
    expect(LEAKY.length).toBeGreaterThanOrEqual(50);
  });

  it('leaks nothing from any input, as text, as a target or as data', () => {
    const failures: string[] = [];
    for (const { input, secrets } of LEAKY) {
      const text = redactText(input);
      const signal = redactSignal({
        type: 'search',
        at: 0,
        target: input,
        data: { query: input, list: [input, 'ok'] },
      });
      for (const out of [text, signal.target ?? '', JSON.stringify(signal.data)]) {
        const found = leaks(out, secrets);
        if (found.length > 0)
          failures.push(`${JSON.stringify(input)} → ${JSON.stringify(out)}: ${found.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps ordinary product, route and search text intact', () => {
    expect(CLEAN.map(redactText)).toEqual(CLEAN);
  });

  it('removes values of secret-named data keys, numbers included', () => {
    const s = redactSignal({
      type: 'click',
      at: 1,
      data: {
        email: 'x',
        phoneNumber: 5551234567,
        userToken: 'abc',
        count: 3,
        ok: true,
        nil: null,
      },
    });
    expect(s.data).toEqual({
      email: '[redacted]',
      // A secret number is dropped, never turned into a string that breaks numeric rules.
      userToken: '[redacted]',
      count: 3,
      ok: true,
      nil: null,
    });
    expect(redactSignal({ type: 'x', at: 1, data: { v: 4111111111111111 } }).data).toEqual({});
  });

  it('keeps clock times in `…At` keys, which would otherwise read as card or id numbers', () => {
    // 1732363200004 passes the Luhn check: a session's lastVisitAt came out as '[card]'.
    const data = { lastVisitAt: 1732363200004, savedAt: 1732363200000 };
    expect(redactSignal({ type: 'session', at: 1, data }).data).toEqual(data);
    expect(redactSignal({ type: 'x', at: 1, data: { ref: 1732363200004 } }).data).toEqual({
      ref: 1732363200004,
    });
  });

  it('leaves smaller numbers and non-integers alone', () => {
    const data = { count: 12_345_678, price: 1_999_999_999.5, list: [1, 2] };
    const s = Object.freeze({ type: 'x', at: 1, data: Object.freeze(data) });
    expect(redactSignal(s)).toBe(s);
  });

  it('redacts every item of a list and keeps the rest of the signal', () => {
    expect(
      redactSignal({
        type: 'search',
        at: 2,
        target: 'ok',
        data: { q: ['jane@x.io', 'boots'], ok: true },
      }),
    ).toEqual({ type: 'search', at: 2, target: 'ok', data: { q: ['[email]', 'boots'], ok: true } });
  });

  it('takes extra secret keys and patterns', () => {
    const r = createRedactor({ sensitiveKeys: ['Loyalty-No', ''], patterns: [/VIP-\w+/g] });
    expect(r.text('/p?loyaltyNo=77&x=VIP-gold')).toBe('/p?loyaltyNo=[redacted]&x=%5Bredacted%5D');
    expect(r.signal({ type: 'x', at: 1, data: { loyalty_no: 'a', size: 'm' } }).data).toEqual({
      loyalty_no: '[redacted]',
      size: 'm',
    });
  });

  it('returns the same frozen signal when there is nothing to redact', () => {
    const s = Object.freeze({
      type: 'click',
      at: 1,
      target: 'compare',
      data: Object.freeze({ n: 1 }),
    });
    expect(redactSignal(s)).toBe(s);
  });

  it('runs before anything reaches the store when the engine uses it as beforeSignal', () => {
    const model = defineModel({
      intents: { support: { evidence: [{ when: { type: 'search' }, weight: 1 }] } },
    });
    const engine = createIntentEngine({
      model,
      beforeSignal: redactSignal,
      clock: () => 10,
      trails: trailRecorder(),
    });
    engine.track({
      type: 'search',
      target: '/help?email=a@b.co',
      data: { query: 'a@b.co 4111 1111 1111 1111' },
    });
    const stored = JSON.stringify([engine.history(), engine.trail('support'), engine.serialize()]);
    expect(stored).not.toContain('a@b.co');
    expect(stored).not.toContain('4111');
  });

  it.each([
    ['redaction()', () => redaction()],
    ['collectors()', () => collectors({ pageViews: false, session: false })],
  ])('runs before anything reaches the client when %s is a plugin', (_, plugin) => {
    const model = defineModel({
      intents: { support: { evidence: [{ when: { type: 'search' }, weight: 1 }] } },
    });
    const client = createIntentful({ model, clock: () => 10, plugins: [plugin(), trails()] });
    const heard = vi.fn();
    client.onSignal(heard);
    expect(
      client.track({
        type: 'search',
        target: '/help?email=a@b.co',
        data: { query: 'a@b.co 4111 1111 1111 1111' },
      }),
    ).toBe(true);
    const stored = JSON.stringify([
      client.history(),
      client.trail('support'),
      serialize(client),
      client.getState(),
      heard.mock.calls,
    ]);
    expect(client.belief('support').observations).toBe(1);
    expect(stored).not.toContain('a@b.co');
    expect(stored).not.toContain('4111');
  });
});

describe('ids that are not about a person', () => {
  it('keeps dates in paths, which read like phone numbers by their digits', () => {
    expect(redactText('/blog/2026/11/23/trail-shoes')).toBe('/blog/2026/11/23/trail-shoes');
    expect(redactText('/archive/2026.11.23')).toBe('/archive/2026.11.23');
    // Mixed separators or other groupings are not dates.
    expect(redactText('/call/2026/11-23')).not.toContain('2026');
    expect(redactText('/call/0612/345678')).toBe('/call/[phone]');
  });

  it('keeps strings an app allows whole, so two numeric product ids stay two products', () => {
    const r = createRedactor({ keep: [/^\/products\/\d+$/g, /^sku-\d+$/] });
    expect(r.text('/products/1004856')).toBe('/products/1004856');
    expect(r.text('/products/1004857')).toBe('/products/1004857');
    // Twice with the `g` flag: a stale lastIndex must not turn the second call into a miss.
    expect(r.text('/products/1004856')).toBe('/products/1004856');
    const cart = r.signal({ type: 'cart-add', at: 1, target: 'sku-7891234567' });
    expect(cart.target).toBe('sku-7891234567');
    // Only whole matches: a phone number beside an allowed id still goes.
    expect(r.text('/products/1004856?tel=0612345678')).not.toContain('0612345678');
    expect(r.text('sku-1004856 call 0612345678')).not.toContain('0612345678');
    // Sensitive keys stay removed whatever their value looks like.
    const data = r.signal({ type: 'form', at: 1, data: { phone: 'sku-1004856' } });
    expect(data.data?.phone).toBe('[redacted]');
    // Without the option the ids are replaced, as before.
    expect(redactText('/products/1004856')).toBe('/products/[id]');
  });
});
