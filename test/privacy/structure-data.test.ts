import { describe, expect, it } from 'vitest';
import { createRedactor, redactSignal, redactText } from '../../src/core/privacy';
import { keyWords } from '../../src/core/redact/keys';

const data = (d: Record<string, unknown>) =>
  redactSignal({ type: 'x', at: 1, data: d as never }).data as Record<string, unknown>;

describe('secret data keys, matched as whole words', () => {
  it('splits camelCase, snake_case, kebab-case, acronyms and digits', () => {
    expect(keyWords('securityAnswer')).toEqual(['security', 'answer']);
    expect(keyWords('X-Api-Key')).toEqual(['x', 'api', 'key']);
    expect(keyWords('APIKey')).toEqual(['api', 'key']);
    expect(keyWords('user_Email2')).toEqual(['user', 'email', '2']);
    expect(keyWords('contraseña')).toEqual(['contraseña']);
  });

  it('treats pin, securityAnswer and their kin as secret', () => {
    const secret = [
      'pin',
      'userPin',
      'pin_code',
      'securityAnswer',
      'security-answer',
      'password',
      'passwort',
      'access_token',
      'X-Api-Key',
      'apiKey',
      'AccountKey',
      'userEmail',
      'e-mail',
      'Session_ID',
      'phoneNumber',
      'zip',
      'zipCode',
      'dateOfBirth',
      'cvv',
      'iban',
      'card_number',
      'ssn',
      'code',
      'sig',
      'useremail',
      'clientSecret',
    ];
    const out = data(Object.fromEntries(secret.map((k) => [k, 'v'])));
    expect(Object.entries(out).filter(([, v]) => v !== '[redacted]')).toEqual([]);
  });

  it('keeps keys that only contain a secret word: author, zipper, spinner, promoCode', () => {
    const plain = {
      author: 'Tolkien',
      zipper: 'YKK',
      spinner: 'on',
      promoCode: 'SPRING25',
      couponCode: 'WELCOME10',
      productName: 'Pegasus',
      sortKey: 'price',
      cardigan: 'wool',
      design: 'minimal',
      pinterest: 'shared',
      headphone: 'over-ear',
      keyboard: 'de',
      sessionCount: 3,
    };
    expect(data(plain)).toEqual(plain);
  });

  it('takes extra names, matched the same way', () => {
    const r = createRedactor({ sensitiveKeys: ['loyaltyNo'] });
    const out = r.signal({
      type: 'x',
      at: 1,
      data: { loyalty_no: 'a', 'X-Loyalty-No': 'b', loyaltyNote: 'c' },
    }).data;
    expect(out).toEqual({
      loyalty_no: '[redacted]',
      'X-Loyalty-No': '[redacted]',
      loyaltyNote: 'c',
    });
  });
});

describe('numbers in data stay numbers', () => {
  it('keeps large amounts and millisecond times as numbers', () => {
    const d = { price: 1_299_000_000, total: 850_000_000, ts: 1_732_363_200_004, ref: 12345678901 };
    expect(data(d)).toEqual(d);
  });

  it('drops the field when the key is secret, never turning the number into a string', () => {
    expect(data({ pin: 1234, phoneNumber: 5551234567, count: 2 })).toEqual({ count: 2 });
    expect(data({ pin: [1, 2, 3, 4], size: 42 })).toEqual({ size: 42 });
    expect(data({ email: 'a@b.co' })).toEqual({ email: '[redacted]' });
  });

  it('drops a card number held as a number, in a field or a list', () => {
    expect(data({ v: 4111111111111111, n: 3 })).toEqual({ n: 3 });
    expect(data({ list: [4242424242424242, 7] })).toEqual({ list: [7] });
    // 13-digit barcodes and times are not cards.
    expect(data({ gtin: 4006381333931 })).toEqual({ gtin: 4006381333931 });
  });
});

describe('keep covers data values too', () => {
  const r = createRedactor({ keep: [/^MEMBER-\d{8}$/, /^\d{10}$/] });

  it('keeps a whole-matching data value and target', () => {
    const s = r.signal({
      type: 'x',
      at: 1,
      target: '0612345678',
      data: { tier: 'MEMBER-12345678', list: ['0612345678', 'call 0612345678'] },
    });
    expect(s.target).toBe('0612345678');
    expect(s.data).toEqual({ tier: 'MEMBER-12345678', list: ['0612345678', 'call [id]'] });
  });

  it('never keeps the value of a secret key', () => {
    expect(r.signal({ type: 'x', at: 1, data: { phone: '0612345678' } }).data).toEqual({
      phone: '[redacted]',
    });
  });
});

describe('the original string comes back when nothing is redacted', () => {
  it('returns non-Latin digits, full-width forms and odd dashes untouched when clean', () => {
    for (const s of [
      '٢٣/١١/٢٠٢٦',
      '２０２６／１１／２３',
      '2019–2024',
      'Größe 44',
      '1\u00a0299\u00a0000\u00a0₫',
    ])
      expect(redactText(s)).toBe(s);
  });

  it('returns the same signal object when nothing changes', () => {
    const s = Object.freeze({
      type: 'page-view',
      at: 1,
      target: '/blog/2026-11-23/how-to-pick-a-tent',
      data: Object.freeze({ price: 1_299_000, author: 'x', lastVisitAt: 1_732_363_200_004 }),
    });
    expect(redactSignal(s)).toBe(s);
  });
});
