import { describe, expect, it } from 'vitest';
import { redactSignal, redactText } from '../../src/core/privacy';
import { fold } from '../../src/core/redact/fold';
import { KEEPS, LEAKS } from './corpus-structure';

const digits = (s: string): string => s.replace(/\D/g, '');

// Percent-encoding undone as often as it was applied, so `%5B…` and encoded secrets compare.
function decoded(s: string): string {
  let out = s;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(out);
      if (next === out) break;
      out = next;
    } catch {
      break;
    }
  }
  return out;
}

function leaked(output: string, secrets: readonly string[]): string[] {
  const text = fold(decoded(output));
  const lower = text.toLowerCase();
  const outDigits = digits(text);
  const found: string[] = [];
  for (const secret of secrets) {
    if (lower.includes(secret.toLowerCase())) found.push(secret);
    const d = digits(secret);
    if (d.length >= 6 && outDigits.includes(d)) found.push(`digits of ${secret}`);
  }
  return found;
}

/** The ways one string reaches the redactor: text, a target, a data string, a URL query value. */
function outputs(input: string): { how: string; out: string }[] {
  const url = `/search?q=${encodeURIComponent(input)}&page=2`;
  const signal = redactSignal({ type: 'search', at: 1, target: input, data: { query: input } });
  return [
    { how: 'text', out: redactText(input) },
    { how: 'target', out: signal.target ?? '' },
    { how: 'data', out: String(signal.data?.query) },
    { how: 'query', out: redactText(url) },
  ];
}

describe('redaction by structure: corpus', () => {
  it('has at least 300 cases across many locales', () => {
    const locales = new Set(LEAKS.map((l) => l.locale.slice(0, 2)));
    expect(LEAKS.length + KEEPS.length).toBeGreaterThanOrEqual(300);
    for (const l of [
      'de',
      'fr',
      'it',
      'es',
      'nl',
      'pl',
      'tr',
      'ar',
      'hi',
      'ja',
      'zh',
      'ko',
      'vi',
      'pt',
    ])
      expect(locales).toContain(l);
  });

  it('leaks nothing and destroys no shop data, in any of the four ways in', () => {
    const leaks: string[] = [];
    const falsePositives: string[] = [];
    for (const { input, secrets, keep = [] } of LEAKS) {
      for (const { how, out } of outputs(input)) {
        const found = leaked(out, secrets);
        if (found.length)
          leaks.push(`${how} ${JSON.stringify(input)} → ${JSON.stringify(out)}: ${found}`);
        const text = fold(decoded(out));
        for (const k of keep)
          if (!text.includes(fold(k)))
            falsePositives.push(
              `${how} ${JSON.stringify(input)} → ${JSON.stringify(out)}: lost ${k}`,
            );
      }
    }
    for (const input of KEEPS) {
      const url = `/search?q=${encodeURIComponent(input)}&page=2`;
      for (const { how, out } of outputs(input)) {
        const expected = how === 'query' ? url : input;
        if (out !== expected)
          falsePositives.push(`${how} ${JSON.stringify(input)} → ${JSON.stringify(out)}`);
      }
    }
    console.log(
      `structure corpus: ${LEAKS.length} leak cases, ${KEEPS.length} must-survive cases ` +
        `(${(LEAKS.length + KEEPS.length) * 4} checks); leaks ${leaks.length}, ` +
        `false positives ${falsePositives.length}`,
    );
    expect(leaks).toEqual([]);
    expect(falsePositives).toEqual([]);
  });
});
