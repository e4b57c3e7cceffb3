import type { Signal, SignalValue } from '../signal';
import { luhn } from './checks';

// What both redactors (`redaction()` in privacy.ts, the collectors' sanitizer) share, kept here
// so the sanitizer does not pull the full redactor in.
export const REDACTED = '[redacted]';

// `key=value` in URLs (query and fragment), cookie strings and free text ("retry with password=…").
export const QUERY_PARAM = /([?&#;\s]|^)([^=&#?\s;]+)=([^&#\s;]*)/g;
// `scheme://user:password@host` and `//user:password@host`: the user info goes whole.
export const USERINFO = /((?:\b[a-z][a-z0-9+.-]*:)?\/\/)[^/\s?#@]+@/gi;

/** `pattern` matches all of `value` (a partial match must not exempt a phone number beside it). */
export function whole(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  const match = pattern.exec(value);
  pattern.lastIndex = 0;
  return match?.index === 0 && match[0].length === value.length;
}

/** Percent-decoded `value`, or `value` when malformed; `+` is a space only in a `query`. */
export function decode(value: string, query?: boolean): string {
  try {
    return decodeURIComponent(query ? value.replace(/\+/g, ' ') : value);
  } catch {
    return value;
  }
}

// A card number held as a JavaScript number: 15 or 16 digits (larger ones lose digits), an issuer
// digit (3 to 6) and the Luhn check. Millisecond times (13 digits) and amounts never get there.
const cardNumber = (v: number): boolean =>
  ((v >= 3e14 && v < 7e14) || (v >= 3e15 && v < 7e15)) &&
  Number.isSafeInteger(v) &&
  luhn(String(v));

/**
 * Applies a text redaction to a signal's target and data, shared by `redaction()` and the
 * collectors' sanitizer. `text(value, key)` judges a string (`key` is `undefined` for the
 * target). Copies only what changes: most signals carry nothing to redact and come back as they
 * are.
 */
export function signalRedactor(
  text: (value: string, key?: string) => string,
  isSecretKey: (key: string) => boolean,
): (signal: Signal) => Signal {
  const value = (key: string, v: SignalValue): SignalValue | undefined =>
    v === null || typeof v === 'boolean'
      ? v
      : isSecretKey(key)
        ? // Numbers stay numbers: a secret one is dropped, never turned into a string.
          typeof v === 'number'
          ? undefined
          : REDACTED
        : typeof v === 'string'
          ? text(v, key)
          : // Numbers stay numbers (amounts, counts, times), except a card number held as one.
            // Collectors keep id-length digits read from the page as text, for the text rules.
            cardNumber(v)
            ? undefined
            : v;

  return (s) => {
    const target = s.target && text(s.target);
    let data: { [key: string]: SignalValue | readonly SignalValue[] } | undefined;
    for (const key in s.data) {
      const v = s.data[key] as SignalValue | readonly SignalValue[];
      let out: SignalValue | readonly SignalValue[] | undefined;
      if (Array.isArray(v)) {
        const items = (v as readonly SignalValue[]).map((item) => value(key, item));
        out = items.some((item, i) => item !== v[i])
          ? // A secret key holding numbers goes whole.
            isSecretKey(key) && items.includes(undefined)
            ? undefined
            : Object.freeze(items.filter((item) => item !== undefined))
          : v;
      } else out = value(key, v as SignalValue);
      if (out !== v) {
        data ??= { ...s.data };
        if (out === undefined) delete data[key];
        else data[key] = out;
      }
    }
    return data || target !== s.target
      ? Object.freeze({
          ...s,
          ...(target !== undefined && { target }),
          ...(data && { data: Object.freeze(data) }),
        })
      : s;
  };
}
