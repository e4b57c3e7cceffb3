import type { RedactOptions } from '../core/privacy';
import { gtin, isbn10, luhn } from '../core/redact/checks';
import { secretKeyTest } from '../core/redact/keys';
import type { Signal, SignalValue } from '../core/signal';

/**
 * The compact sanitizer `collectors()` applies by default. It is made for what collectors read
 * without free text (paths, referrers, campaign tags, `data-intent-*` values, field names) and for
 * the app's own `track()` calls; free text (clicked text, typed queries) needs `redaction()`.
 */
export interface SanitizeOptions extends RedactOptions {
  /**
   * Query parameters kept in URLs and paths, by name; every other parameter goes, name and value,
   * and so does a fragment that is more than a plain anchor (`#reviews`).
   * @defaultValue `['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']`
   */
  params?: readonly string[];
}

const REDACTED = '[redacted]';
const CAMPAIGN = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

// One URL or path, nothing around it: its query is cut down to the allowed parameters.
const URLISH = /^(?:[a-z][\w+.-]*:\/\/|\/|\?)[^\s]*$/i;
const USERINFO = /(\/\/)[^/\s?#@]+@/g;
const EMAIL = /[\p{L}\p{N}._%+!#$&'*^`{|}~-]+(?:@|%40|＠)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
const PARAM = /([?&#;\s]|^)([^=&#?\s;]+)=([^&#\s;]*)/g;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const UUID = /\b[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}\b/gi;
// Session ids, digests, keys: a long run of letters and digits mixed.
const TOKEN = /(?<![a-z\d])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{20,}(?![a-z\d])/gi;
// Seven digits or more, maybe grouped: phones, cards, account and customer numbers.
const DIGITS = /\+?\d(?:[ .()-]{0,2}\d){6,}/g;
const DATE = /^(?:\d{4}-\d\d-\d\d|\d\d?[.-]\d\d?[.-]\d{4}|\d{4} ?[-–] ?\d{4})$/;
// Nothing above can match a string without any of these: most targets and values return at once.
const MAYBE = /[@=%＠]|eyJ|[\da-f]{8}-|[a-z\d]{20}|(?:\d\D{0,2}){7}/i;
const CODE_WORD = /\b(?:isbn|ean|gtin|upc)[\s:-]*$/i;

/** A run of digits that is shop data, not a person's number. */
const shopNumber = (run: string, before: string, after: string): boolean => {
  if (DATE.test(run)) return true;
  // A price: a currency sign beside it.
  if (/\p{Sc}\s?$/u.test(before) || /^\s?\p{Sc}/u.test(after)) return true;
  const digits = run.replace(/\D/g, '');
  if (run[0] !== '+' && digits.length === 13 && /^97[89]/.test(digits) && gtin(digits)) return true;
  // A labelled barcode or ISBN that passes its check digit.
  return (
    CODE_WORD.test(before) &&
    ([8, 12, 13, 14].includes(digits.length) ? gtin(digits) : isbn10(digits))
  );
};

// A card number held as a JavaScript number: 15 or 16 digits, an issuer digit and the Luhn check.
const cardNumber = (v: number): boolean =>
  Number.isSafeInteger(v) && v >= 3e14 && v < 7e15 && luhn(String(v)) && /^[3-6]/.test(String(v));

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** Builds the compact sanitizer for strings and signals. */
export function createSanitizer(options: SanitizeOptions = {}): {
  text(value: string): string;
  signal(signal: Signal): Signal;
} {
  const params = new Set(options.params ?? CAMPAIGN);
  const patterns = options.patterns ?? [];
  const keep = options.keep ?? [];
  const keyTest = secretKeyTest(options.sensitiveKeys ?? []);
  // Signals reuse a handful of data keys; testing a key costs more than most values.
  const keys = new Map<string, boolean>();
  const secretKey = (key: string): boolean => {
    let secret = keys.get(key);
    if (secret === undefined) {
      secret = keyTest(key);
      // Bounded: keys may come from app data.
      if (keys.size > 255) keys.clear();
      keys.set(key, secret);
    }
    return secret;
  };

  const mask = (value: string): string => {
    let s = value
      .replace(USERINFO, `$1${REDACTED}@`)
      .replace(PARAM, (all, sep: string, key: string, v: string) =>
        v && secretKey(decode(key)) ? `${sep}${key}=${REDACTED}` : all,
      )
      .replace(EMAIL, '[email]')
      .replace(JWT, '[token]')
      .replace(UUID, '[id]')
      .replace(TOKEN, '[token]')
      .replace(DIGITS, (run, at: number, all: string) =>
        shopNumber(run, all.slice(Math.max(0, at - 8), at), all.slice(at + run.length))
          ? run
          : '[id]',
      );
    for (const p of patterns) s = s.replace(p, REDACTED);
    return s;
  };

  const url = (value: string): string => {
    const end = (i: number): number => (i < 0 ? value.length : i);
    const q = value.indexOf('?');
    const h = value.indexOf('#');
    const query = q >= 0 && (h < 0 || q < h) ? value.slice(q + 1, end(h)) : '';
    const anchor = h >= 0 ? value.slice(h + 1) : '';
    const kept = query.split('&').filter((pair) => params.has(decode(pair.split('=')[0]!)));
    return mask(
      value.slice(0, Math.min(end(q), end(h))) +
        (kept.length ? `?${kept.join('&')}` : '') +
        (/^[\w-]{1,64}$/.test(anchor) ? `#${anchor}` : ''),
    );
  };

  const text = (value: string, typed?: boolean): string => {
    // What the user typed is never exempt: a kept SKU pattern must not let a phone number through.
    if (!typed && keep.some((k) => whole(k, value))) return value;
    const cleaned =
      /[?#]/.test(value) && URLISH.test(value)
        ? url(value)
        : patterns.length || MAYBE.test(value)
          ? mask(value)
          : value;
    // Percent-encoded text is checked decoded too: `555%20123%204567` is a phone number.
    const decoded = /%[\da-f]{2}/i.test(cleaned) ? decode(cleaned) : cleaned;
    if (decoded !== cleaned) {
      const masked = mask(decoded);
      if (masked !== decoded) return masked;
    }
    return cleaned;
  };

  const value = (key: string, v: SignalValue): SignalValue | undefined =>
    v === null || typeof v === 'boolean'
      ? v
      : secretKey(key)
        ? typeof v === 'number'
          ? undefined
          : REDACTED
        : typeof v === 'string'
          ? text(v, key === 'query')
          : cardNumber(v)
            ? undefined
            : v;

  const signal = (s: Signal): Signal => {
    const target = s.target && text(s.target);
    let data: { [key: string]: SignalValue | readonly SignalValue[] } | undefined;
    for (const key in s.data) {
      const v = s.data[key] as SignalValue | readonly SignalValue[];
      let out: SignalValue | readonly SignalValue[] | undefined;
      if (Array.isArray(v)) {
        const items = (v as readonly SignalValue[])
          .map((item) => value(key, item))
          .filter((item) => item !== undefined);
        out = items.length === v.length && items.every((item, i) => item === v[i]) ? v : items;
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

  return { text: (v) => text(v), signal };
}

/** `pattern` matches all of `value`. */
function whole(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  const match = pattern.exec(value);
  pattern.lastIndex = 0;
  return match?.index === 0 && match[0].length === value.length;
}
