import { describe, expect, it } from 'vitest';
import { createRedactor, redactText } from '../../src/core/privacy';
import { mayContainSecret } from '../../src/core/redact/text';
import { KEEPS, LEAKS } from './corpus-structure';

// An extra pattern that never matches turns the skip off and changes nothing else.
const full = createRedactor({ patterns: [/(?!)/g] });

describe('fast path of the structure patterns', () => {
  it('gives the same result as without the skip, for strings built near every pattern', () => {
    // Starts of every pattern, in other letter cases, with separators and other scripts' digits.
    const parts = [
      ...['a', 'Z', '1', '7', '٣', '७', '３', ' ', '-', '–', '_', '.', '/', '\u00a0', '\u200b'],
      ...['@', '＠', '%40', '%2540', '&#64;', '(at)', ' [at] ', '[dot]', '"', '=', '%'],
      ...['AKIA', 'akia', 'ASIA', 'AIza', 'aiza', 'sk_live_', 'whsec_', 'ghp_', 'github_pat_'],
      ...['glpat-', 'npm_', 'xoxb-', 'sk-', 'SG.', 'eyJ', 'Basic ', 'bearer ', '-----BEGIN'],
      ...['ABCDEFGHIJKLMNOP', 'abcdefghij', 'QrStUvWx', 'dXNlcjpwYXNz', 'DE89', 'RSSMRA', 'X'],
    ];
    let seed = 11;
    const next = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const inputs = [...KEEPS, ...LEAKS.map((l) => l.input)];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      for (let n = 1 + next(10); n--; ) s += parts[next(parts.length)];
      inputs.push(s);
    }
    expect(inputs.filter((s) => redactText(s) !== full.text(s))).toEqual([]);
  });

  it('skips ordinary shop targets', () => {
    for (const s of [
      'size-guide',
      'add-to-cart',
      'trail running shoes',
      'Basic',
      'asian pear',
      'size 4',
    ])
      expect([s, mayContainSecret(s)]).toEqual([s, false]);
  });
});
