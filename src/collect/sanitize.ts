import type { RedactOptions } from '../core/privacy';
import { gtin, iban, isbn10 } from '../core/redact/checks';
import { fold, needsFold } from '../core/redact/fold';
import { secretKeyTest } from '../core/redact/keys';
import {
  decode,
  QUERY_PARAM,
  REDACTED,
  signalRedactor,
  USERINFO,
  whole,
} from '../core/redact/walk';
import type { Signal } from '../core/signal';

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

const CAMPAIGN = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

// One URL or path, nothing around it: its query is cut down to the allowed parameters.
const URLISH = /^(?:[a-z][\w+.-]*:\/\/|\/|\?)[^\s]*$/i;
const URL_PARTS = /^([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
// `@` plain, percent-encoded, as an HTML entity or written out; dots written out too.
const EMAIL =
  /(?:"[^"\r\n]{1,64}"|[\p{L}\p{N}._%+!#$&'*^`{|}~-]+)(?:@|%40|&#0*64;|&#x0*40;| ?[[(] ?at ?[\])] ?)(?:\[[\da-f:.]+\]|\[ipv6:[\da-f:.]+\]|[\p{L}\p{N}-]+(?:(?:\.| ?[[(] ?dot ?[\])] ?)[\p{L}\p{N}-]+)+)/giu;
const CREDENTIAL =
  /-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$)|\beyJ[\w-]+\.[\w-]+\.[\w-]*|\b(?:bearer|basic)\s+\S{8,}|\b(?:AKIA|ASIA)[A-Z\d]{16}\b|\bxox[abprse]-[\w-]{10,}/gi;
const UUID = /\b[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}\b/gi;
// Session ids, digests, keys: a long run of letters and digits mixed, or of upper and lower case
// and digits among `_-+/=` (AWS, Google and Slack keys; slugs are lower case).
const TOKEN =
  /(?<![a-z\d])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{20,}(?![a-z\d])|(?<![\w+/=-])(?=[\w+/=-]*\d)(?=[\w+/=-]*[a-z])(?=[\w+/=-]*[A-Z])[\w+/=-]{20,}/g;
// A date (kept) or seven digits or more, maybe grouped (phones, cards, account and customer
// numbers): one pass, so a date is never read as the start of a longer number.
const DIGITS =
  /((?:1[89]|20)\d\d(?:[-./] ?\d\d?){2}\.?|\d\d?[./-]\d\d?[./-](?:1[89]|20)\d\d|(?:1[89]|20)\d\d ?- ?(?:1[89]|20)\d\d(?!\d))|\+?\d(?:[ ._()-]{0,2}\d){6,}/g;
// Nothing above can match a string without one of these hints, or without a digit and seven
// digits or the start of a token or UUID: most targets, paths and values return at once. Vendor
// key prefixes are hints of their own, since their keys may hold no digit.
const HINT = /[@=%([]|&#|eyJ|(?:bearer|basic)\s+\S{8}|-----|AKIA|ASIA|xox[abprse]-/i;
const SEVEN = /\d(?:\D{0,2}\d){6}|[a-z\d]{20}|[\da-f]{8}-/i;
const maybe = (v: string): boolean =>
  HINT.test(v) || (/\d/.test(v) && (SEVEN.test(v) || (/[A-Z]/.test(v) && /[\w+/=-]{20}/.test(v))));
const CODE_WORD = /\b(?:isbn|ean|gtin|upc)(?:-?\d\d?)?[\s:-]*$/i;
// An amount: a currency sign or code next to it (`€ 1.299.000`, `1 299 000 Ft`, `Rp12.999.000`).
const CURRENCY =
  '(?:\\p{Sc}|USD|EUR|GBP|CHF|JPY|CNY|INR|VND|IDR|TRY|AED|SAR|RUB|PLN|HUF|SEK|NOK|DKK|CZK|BRL|MXN|KRW|AUD|CAD|Rp|kr|Ft|zł|TL|руб|đ|원|円|ر\\.س)';
const PRICE_BEFORE = /* @__PURE__ */ new RegExp(`${CURRENCY}\\s?$`, 'u');
const PRICE_AFTER = /* @__PURE__ */ new RegExp(`^(?:[.,]\\d{1,2})?[.,–-]*\\s?${CURRENCY}`, 'u');
// An order or model code: letters glued to the number (`ORD-2026-004512`, `sku_10045678`), unless
// they say it is a phone.
const CODE_PREFIX = /(?<![\p{L}\d])(\p{L}{2,})[-_#]?$/u;
const PHONE_WORD = /^(?:tel|phone|fon|fax|mobile?|call|cell|sms|whatsapp|nr|no)$/i;
const PHONE_BEFORE = /\b(?:tel|phone|fon|fax|mobile?|call|cell|sms|whatsapp)\b[\s.:]*$/i;
// IBAN-shaped: masked when it passes mod 97 and its country's length.
const IBAN = /\b[a-z]{2}\d\d(?:[ -]?[a-z\d]{4}){2,7}(?:[ -]?[a-z\d]{1,3})?\b/gi;

/** A run of digits that is shop data, not a person's number. */
const shopNumber = (run: string, before: string, after: string): boolean => {
  const digits = run.replace(/\D/g, '');
  const prefix = CODE_PREFIX.exec(before)?.[1];
  if (PHONE_BEFORE.test(before)) return false;
  return (
    // A price.
    PRICE_BEFORE.test(before) ||
    PRICE_AFTER.test(after) ||
    (!!prefix && !PHONE_WORD.test(prefix) && !run.includes(' ')) ||
    // A barcode or ISBN that passes its check digit: unlabelled only at full length, unbroken.
    (/^\d{12,14}$/.test(run) && gtin(digits)) ||
    (/^97[89]-[\d-]+$/.test(run) && digits.length === 13 && gtin(digits)) ||
    (CODE_WORD.test(before) &&
      ([8, 12, 13, 14].includes(digits.length) ? gtin(digits) : isbn10(digits))) ||
    (/^\d{1,5}-\d+-\d+-\d$/.test(run) && isbn10(digits))
  );
};

/** Builds the compact sanitizer for strings and signals. */
export function createSanitizer(options: SanitizeOptions = {}): {
  text(value: string): string;
  signal(signal: Signal): Signal;
} {
  const params = new Set(options.params ?? CAMPAIGN);
  const patterns = options.patterns ?? [];
  const keep = options.keep ?? [];
  const secretKey = secretKeyTest(options.sensitiveKeys ?? []);

  const mask = (value: string): string => {
    let s = value
      .replace(USERINFO, `$1${REDACTED}@`)
      .replace(QUERY_PARAM, (all, sep: string, key: string, v: string) =>
        v && secretKey(decode(key, true)) ? `${sep}${key}=${REDACTED}` : all,
      )
      .replace(EMAIL, '[email]')
      .replace(CREDENTIAL, (m) => (/^b/i.test(m) ? `${m.split(/\s/)[0]} [token]` : '[token]'))
      .replace(UUID, '[id]')
      .replace(IBAN, (m) => (iban(m.replace(/[ -]/g, '')) ? '[iban]' : m))
      .replace(TOKEN, '[token]')
      .replace(DIGITS, (run, date: string | undefined, at: number, all: string) =>
        date || shopNumber(run, all.slice(Math.max(0, at - 12), at), all.slice(at + run.length))
          ? run
          : '[id]',
      );
    for (const p of patterns) s = s.replace(p, REDACTED);
    return s;
  };

  const url = (value: string): string => {
    // The query runs from the first `?` to the first `#` after it; the fragment from the first `#`.
    const [, base = '', query = '', anchor = ''] = URL_PARTS.exec(value)!;
    const kept = query.split('&').filter((pair) => params.has(decode(pair.split('=')[0]!, true)));
    return mask(
      base +
        (kept.length ? `?${kept.join('&')}` : '') +
        (/^[\w-]{1,64}$/.test(anchor) ? `#${anchor}` : ''),
    );
  };

  const text = (raw: string, typed?: boolean): string => {
    // What the user typed is never exempt: a kept SKU pattern must not let a phone number through.
    if (!typed && keep.some((k) => whole(k, raw))) return raw;
    // Non-Latin digits, dashes of every kind and invisible characters hide numbers from the
    // patterns: match on the folded text, and return the original when nothing changes.
    const value = needsFold(raw) ? fold(raw) : raw;
    const cleaned =
      /[?#]/.test(value) && URLISH.test(value)
        ? url(value)
        : patterns.length || maybe(value)
          ? mask(value)
          : value;
    // Percent-encoded text is checked decoded too: `555%20123%204567` is a phone number.
    const decoded = /%[\da-f]{2}/i.test(cleaned) ? decode(cleaned, true) : cleaned;
    if (decoded !== cleaned) {
      const masked = mask(decoded);
      if (masked !== decoded) return masked;
    }
    return cleaned === value ? raw : cleaned;
  };

  const signal = signalRedactor((v, key) => text(v, key === 'query'), secretKey);

  return { text: (v) => text(v), signal };
}
