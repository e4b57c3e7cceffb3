import { describe, expect, it } from 'vitest';
import { createRedactor, redactText } from '../internal';
import { CLEAN, LEAKY } from './corpus';

// Extra patterns turn the skip for harmless-looking strings off; one that never matches leaves
// every outcome as the defaults would have it.
const full = createRedactor({ patterns: [/(?!)/g] });

describe('redaction fast path', () => {
  it('skips strings just short of a pattern and keeps them as they are', () => {
    for (const s of [
      'step-2',
      // One digit and 23 characters: one short of a long token.
      'abcdefghijklmnopqrstuv2',
      // Six digits: one short of what a digit run needs to be read as a number.
      '1 2 3 4 5 6',
      'bearer',
      'k',
      'ey-j',
    ])
      expect([s, redactText(s)]).toEqual([s, full.text(s)]);
  });

  it('still redacts strings that just qualify, in any letter case', () => {
    expect(redactText('abcdefghijklmnopqrstuvw2')).toBe('[token]');
    expect(redactText('1 2 3 4 5 6 7')).toBe('[phone]');
    // Wrong length for DE and fails mod 97: a shop code, not an IBAN.
    expect(redactText('de12abcdefghijklm')).toBe('de12abcdefghijklm');
    expect(redactText('BEARER abcdefghij')).toBe('BEARER [token]');
    // Redacted text comes back folded (a no-break space becomes a space); clean text is untouched.
    expect(redactText('bearer\u00a0abcdefghij')).toBe('bearer [token]');
    expect(redactText('SK_TEST_ABCDEFGHIJ')).toBe('[token]');
    expect(redactText('EYJABCDEF.GHIJKLM.nop')).toBe('[token]');
  });

  it('gives the same result as without the skip, for the corpus and strings built near its edge', () => {
    // Pieces of every pattern's start, in other letter cases, with the separators around them.
    const parts = [
      ...['a', 'Z', '1', '7', ' ', '-', '/', '.', '_', '\t', '\u00a0', '@', '=', '%', '%41'],
      ...['EYJabcde.', 'eyJab', 'eY', 'fghijk.', 'j', 'k_', 'sK_live_', 'PK_TEST_', 'rk_'],
      ...['bearer ', 'BEARER\t', 'Bearer\u00a0', 'bearer', 'abcdefghij', 'ABCDEFGHIJKL', 'de'],
    ];
    // xorshift32 from a fixed seed: the same strings on every run.
    let seed = 7;
    const next = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const inputs = [...CLEAN, ...LEAKY.map((l) => l.input)];
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let n = 1 + next(8); n--; ) s += parts[next(parts.length)];
      inputs.push(s);
    }
    const differ = inputs.filter((s) => redactText(s) !== full.text(s));
    expect(differ).toEqual([]);
  });

  it('decides data keys the same after many distinct ones', () => {
    const r = createRedactor({ sensitiveKeys: ['loyalty'] });
    for (let i = 0; i < 600; i++) {
      const data = { [`field${i}`]: 'm', [`user_Email${i % 3}`]: 'x', loyaltyNo: 'y' };
      expect(r.signal({ type: 'x', at: 1, data }).data).toEqual({
        [`field${i}`]: 'm',
        [`user_Email${i % 3}`]: '[redacted]',
        loyaltyNo: '[redacted]',
      });
    }
  });
});
