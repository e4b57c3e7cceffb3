/**
 * Redaction of free text by structure: e-mail addresses in every form, credentials by their
 * vendor shapes, IBANs, cards and national ids by their check digits, and phone and id numbers
 * by their digits, while dates, year ranges, prices, ISBNs, barcodes and order numbers stay.
 * Works on folded text (see `fold.ts`): ASCII digits, `-` for dashes, ` ` for spaces.
 */
import {
  aadhaar,
  bsn,
  codiceFiscale,
  dni,
  entropy,
  gtin,
  iban,
  isbn10,
  koreanRrn,
  luhn,
  myNumber,
  ssn,
} from './checks';

// E-mail addresses: dot-atom or quoted local part ("john doe"@…); `@` plain, percent-encoded
// (once or twice), as an HTML entity or written out as [at]; a host name (dots may be written
// [dot]) or an IP literal. `/ = & ? #` end a local part, as they end URL parts.
const LOCAL = '(?:"(?:[^"\\\\\\r\\n]|\\\\.){1,64}"|[\\p{L}\\p{N}\\p{M}!$%\'*+^_\\x60{|}~.-]+)';
const AT = '(?:@|%(?:25)?40|&#0*64;|&#x0*40;| ?[\\[(] ?at ?[\\])] ?)';
const HOST = '[\\p{L}\\p{N}\\p{M}-]+(?:(?:\\.| ?[\\[(] ?dot ?[\\])] ?)[\\p{L}\\p{N}\\p{M}-]+)+';
const EMAIL = /* @__PURE__ */ (() =>
  new RegExp(`${LOCAL}${AT}(?:\\[(?:ipv6:)?[\\da-f:.]+\\]|${HOST})`, 'giu'))();
const EMAIL_HINT = /@|%(?:25)?40|&#|[[(] ?at ?[\])]/i;

// Credentials by shape. `tok` needs no more checking; the others are checked in `secret`.
const TOKENS = /* @__PURE__ */ (() =>
  [
    '-----BEGIN[A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$)',
    '\\beyJ[\\w-]{5,}\\.[\\w-]{5,}\\.[\\w-]*',
    // AWS access key ids (users, roles, temporary…).
    '\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z\\d]{16}(?![a-z\\d])',
    '\\bAIza[\\w-]{35}',
    '\\b(?:[spr]k_(?:live|test)_|whsec_)[a-z\\d]{8,}',
    '\\b(?:gh[pousr]_[a-z\\d]{20,}|github_pat_\\w{20,}|glpat-[\\w-]{20,}|npm_[a-z\\d]{36})',
    '\\bxox[abprse]-[a-z\\d-]{10,}|\\bSG\\.[\\w-]{16,}\\.[\\w-]{16,}|hooks\\.slack\\.com/services/[\\w/]+',
  ].join('|'))();

// The end of a word in any Latin, Greek or Cyrillic script.
const END = '(?![a-z\\d\\u00c0-\\u024f\\u0370-\\u052f])';

const ALTERNATIVES = /* @__PURE__ */ (() => [
  `(?<tok>${TOKENS})`,
  // What follows `Bearer ` (the word is kept).
  '(?<bearer>\\bbearer\\s+)[\\w.~+/-]{8,}=*',
  // OpenAI-style keys; `sk-` alone starts brand names (SK-II), so letters of both cases and a digit.
  '(?<sk>\\bsk-(?:proj-|svcacct-|admin-|ant-)?[\\w-]{20,})',
  // Basic credentials: base64 of `user:password`.
  '(?<basic>\\bbasic\\s+)(?<b64cred>[a-z\\d+/]{8,}={0,2})(?![\\w+/=])',
  '(?<iban>\\b[a-z]{2}\\d\\d(?:[ -]?[a-z\\d]{4}){2,7}(?:[ -]?[a-z\\d]{1,3})?(?![a-z\\d]))',
  // UK National Insurance number, Indian PAN of a person (fourth letter P): their shape is
  // specific enough. They end where a word ends, accented letters included (`\b` is ASCII).
  '(?<id>\\b[a-z]{2} ?\\d\\d ?\\d\\d ?\\d\\d ?[a-d]' +
    END +
    '|\\b[a-z]{3}p[a-z]\\d{4}[a-z]' +
    END +
    ')',
  // Spanish DNI / NIE, Italian codice fiscale (digits may be replaced by letters): check letter.
  `(?<dni>\\b(?:\\d{8}|[xyz]-?\\d{7})-?[a-z]${END})`,
  `(?<cf>\\b[a-z]{6}[\\dlmnp-v]{2}[abcdehlmprst][\\dlmnp-v]{2}[a-z][\\dlmnp-v]{3}[a-z]${END})`,
  // AWS secret keys, Azure storage keys and other base64 secrets: long, mixed, high-entropy.
  '(?<b64>(?<![\\w+/=-])[\\w+/-]{40,}={0,2}(?![\\w+/=-]))',
  // Any long run of letters and digits mixed: session ids, hex digests, API keys.
  '(?<long>(?<![a-z\\d])(?=[a-z]*\\d)(?=\\d*[a-z])[a-z\\d]{24,}(?![a-z\\d]))',
])();
// Every alternative starts after a character that is not a letter or digit; saying so once up
// front rejects positions inside words in one step instead of one per alternative.
const scan = (alternatives: readonly string[]): RegExp =>
  new RegExp(`(?<![a-z\\d])(?:${alternatives.join('|')})`, 'gi');
const isRun = (a: string): boolean => a.startsWith('(?<b64>') || a.startsWith('(?<long>');
const SECRETS = /* @__PURE__ */ (() => scan(ALTERNATIVES))();
// Most text has no run of 24 word characters for a long token to hide in: skip those patterns.
const SHORT = /* @__PURE__ */ (() => scan(ALTERNATIVES.filter((a) => !isRun(a))))();
const RUN_24 = /[\w+/-]{24}/;
// Without the base64 run, for what is inside one that is not random after all.
const INNER = /* @__PURE__ */ (() => scan(ALTERNATIVES.filter((a) => !a.startsWith('(?<b64>'))))();

const mixedCase = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s);

// Random strings switch between lower case, upper case and digits at most characters; words,
// paths and CamelCase names do so rarely.
function random(s: string): boolean {
  if (!mixedCase(s) || entropy(s) < 4) return false;
  let switches = 0;
  const kind = (c: number): number => (c < 58 ? 0 : c < 91 ? 1 : c < 123 ? 2 : 3);
  for (let i = 1; i < s.length; i++)
    if (kind(s.charCodeAt(i)) !== kind(s.charCodeAt(i - 1))) switches++;
  return switches >= s.length * 0.3;
}

function basicCredentials(b64: string): boolean {
  try {
    const decoded = globalThis.atob(b64);
    return /^[^:]+:/.test(decoded) && !/\p{Cc}/u.test(decoded);
  } catch {
    return false;
  }
}

const LONG = /(?<![a-z\d])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{24,}(?![a-z\d])/gi;

function secret(match: string, ...args: unknown[]): string {
  const g = args.at(-1) as Record<string, string | undefined>;
  if (g.tok || g.long) return '[token]';
  if (g.bearer) return `${g.bearer}[token]`;
  if (g.id) return '[id]';
  if (g.iban) {
    // The pattern may take the next word as a last group ("BE68 5390 0754 7034 shop"): drop
    // trailing groups until the check passes, if it ever does.
    for (let m = g.iban; ; ) {
      if (iban(m.replace(/[ -]/g, ''))) return `[iban]${match.slice(m.length)}`;
      const cut = m.search(/[ -][a-z\d]+$/i);
      if (cut < 0) break;
      m = m.slice(0, cut);
    }
  }
  const confirmed = g.sk
    ? mixedCase(g.sk)
    : g.basic
      ? basicCredentials(g.b64cred!)
      : g.iban
        ? false
        : g.dni
          ? dni(g.dni.replace(/[ -]/g, ''))
          : g.cf
            ? codiceFiscale(g.cf)
            : random(g.b64!);
  if (confirmed) return g.basic ? `${g.basic}[token]` : g.dni || g.cf ? '[id]' : '[token]';
  // Not what its shape suggested; a credential inside it (a hex session id in a path, a key in
  // a long slug, a token that starts like an IBAN) still goes.
  return g.b64
    ? match.replace(INNER, secret)
    : match.length < 24
      ? match
      : match.replace(LONG, '[token]');
}

// A number: digits joined by spaces, dashes, dots, slashes, underscores, brackets and `+`
// (form-encoded spaces), from one digit to the last.
const RUN = /\+?\(?\d(?:[\d \t().+\-/_]*\d)?/g;

// Currency signs, ISO codes and local words. Codes that are also words people write before a
// phone number (TRY, PEN, RON, WON) are left out.
const CURRENCY =
  '\\p{Sc}|\\b(?:usd|eur|gbp|jpy|cny|rmb|vnd|inr|krw|pln|brl|mxn|chf|sek|nok|dkk|czk|huf|bgn|rub|uah|idr|thb|myr|sgd|hkd|twd|aud|nzd|cad|zar|ngn|egp|sar|aed|ils|pkr|bdt|clp|ars|kzt|kr|ft|lei|rp|rm|rs|tl|dong|yuan|yen|dirham|riyal|baht|rupees?)\\b|vnđ|zł|kč|лв|руб|р\\.|грн|đồng|đ|[元円원块]|ريال|درهم|دينار|جنيه|ليرة|ر\\.س|د\\.إ|रुपये|रु|บาท';
const CURRENCY_BEFORE = /* @__PURE__ */ (() => new RegExp(`(?:${CURRENCY})\\.? ?$`, 'iu'))();
const CURRENCY_AFTER = /* @__PURE__ */ (() =>
  new RegExp(`^(?:,\\d{1,2}|,-)? ?(?:${CURRENCY})`, 'iu'))();
// Whole amounts: unseparated, or thousands grouped by spaces or dots, with decimals or without.
// An unseparated amount never starts with 0; a phone number often does.
const AMOUNT = /^(?:[1-9]\d*|\d{1,3}(?:( |\.)\d{3})+)(?:[.,]\d{1,2})?$/;

// Words before a number that say it is a phone or a person's id, in the languages of the corpus.
// Not inside a label of ours (`[phone]`), so a second pass decides as the first.
const PHONE_HINT =
  /(?<!\[)(?:tel|phone|fon|call|mobile?|cell|handy|whats ?app|sms|fax|contact|ssn|dni|nie|cpf|pesel|kimlik|aadhaar|bsn|電話|携帯|手机|电话|전화|휴대폰|연락처|هاتف|جوال|فون|फ़ोन|फोन|điện thoại|sđt|telefon|телефон)\W{0,12}$/iu;
const PRODUCT_HINT =
  /(?:(?:ean|gtin|upc|isbn)(?:-?\d\d?)?|barcode|sku|art(?:ikel)?(?:nr)?|item|model)\W{0,3}$/i;
// A code glued to letters ("ORD-2026-004512", "SKU#10045678"), unless the letters name a person's
// number ("tel-…", "customer-…").
const CODE_PREFIX = /(?:^|[^\p{L}\p{N}])(\p{L}[\p{L}\d]{0,11})[-_#]?$/u;
const PERSON_PREFIX =
  /^(?:tel|phone|fon|mob|mobile|cell|fax|call|whatsapp|wa|sms|ssn|sin|id|dni|nie|nif|cpf|pesel|tc|bsn|nin|aadhaar|pan|card|cc|iban|acct|account|user|customer|client|member|kunde|kundennr|loyalty|passport|tax|vat)$/i;

const YEAR = /^(?:19|20)\d\d$/;
// Dates with one separator throughout: 2026-11-23, 23.11.2026, 23/11/2026, 11/23/2026,
// 2026. 11. 23 (Korean); and year ranges, 2019-2024 and 2019/20.
function date(t: string): boolean {
  const m = /^(\d{1,4})( ?[-./] ?)(\d{1,2})\2(\d{1,4})$/.exec(t);
  if (m) {
    const [, a, , b, c] = m as unknown as [string, string, string, string, string];
    const day = (d: string) => d.length <= 2 && +d >= 1 && +d <= 31;
    const month = (d: string) => d.length <= 2 && +d >= 1 && +d <= 12;
    return YEAR.test(a)
      ? month(b) && day(c)
      : YEAR.test(c) && ((day(a) && month(b)) || (month(a) && day(b)));
  }
  const r = /^((?:19|20)\d\d) ?[-/] ?((?:19|20)?\d\d)$/.exec(t);
  if (!r) return false;
  const from = +r[1]!;
  let to = r[2]!.length === 4 ? +r[2]! : from - (from % 100) + +r[2]!;
  if (to < from && r[2]!.length === 2) to += 100;
  return to >= from;
}

// A date, a year range, or a range of dates ("23.11.2026-30.11.2026").
function dateOrRange(t: string): boolean {
  if (date(t)) return true;
  for (let i = t.indexOf('-'); i > 0; i = t.indexOf('-', i + 1))
    if (date(t.slice(0, i).trim()) && date(t.slice(i + 1).trim())) return true;
  return false;
}

const countDigits = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
};

/** What a number of at least 7 digits becomes, by its shape, check digits and neighbours. */
function classify(run: string, s: string, start: number, end: number): string {
  const digits = run.replace(/\D/g, '');
  const n = digits.length;
  if (n < 7 || dateOrRange(run)) return run;
  const before = s.slice(Math.max(0, start - 24), start);
  const after = s.slice(end, end + 16);
  const separated = n !== run.length;
  if (AMOUNT.test(run) && (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after))) return run;
  const product = PRODUCT_HINT.test(before);
  const person = before.endsWith('+') || PHONE_HINT.test(before);
  // Books: hyphenated ISBN-10 (maybe ending in X) and ISBN-13, or either after "ISBN".
  if (!person) {
    // Hyphenated ISBN-10s have four parts, the last one the check character: a phone number in
    // two or three groups is not one, whatever its digits.
    const x = n === 9 && /^[- ]?x\b/i.test(after);
    const shape = x ? /^\d+[- ]\d+[- ]\d+$/ : /^\d+[- ]\d+[- ]\d+[- ]\d$/;
    if ((product || shape.test(run)) && (n === 10 || x) && isbn10(x ? `${digits}X` : digits))
      return run;
    if (n === 13 && /^97[89]/.test(digits) && gtin(digits)) return run;
  }
  const card = n >= 13 && n <= 19 && luhn(digits);
  const code = CODE_PREFIX.exec(before);
  // A phone word or a `+` before the number outweighs letters glued to it ("contact-+1 202…").
  if (code && n <= 14 && !person && !PERSON_PREFIX.test(code[1]!))
    return card && /^[2-6]/.test(digits) && /^\d{4}(?:[ -]?\d{4,6}){2,3}$/.test(run)
      ? '[card]'
      : run;
  if (ssn(run)) return '[id]';
  // Aadhaar (Verhoeff) and Korean resident numbers (birth date and check) are ids even when
  // their digits also pass a barcode check by chance (1 in 10): a leak costs a person.
  if (!separated && (aadhaar(digits) || koreanRrn(digits))) return '[id]';
  // Barcodes (UPC-A, EAN-13, GTIN-14) are printed unseparated; a number after a phone or id word
  // or a `+` is never read as one. A 14-digit Diners card is a card.
  const barcode =
    !separated &&
    !person &&
    (n === 12 || n === 13 || n === 14 || (n === 8 && product)) &&
    gtin(digits) &&
    !(card && n === 14 && /^3(?:0[0-5]|[689])/.test(digits));
  if (barcode) return run;
  if (card) return '[card]';
  if ((n === 9 && bsn(digits)) || (!separated && myNumber(digits))) return '[id]';
  // Anything else of phone length or longer is a phone or an id number: a false positive costs
  // a product code, a false negative leaks a person.
  return n < 16 && separated && !/^\d{3}-\d\d-\d{4}$/.test(run) ? '[phone]' : '[id]';
}

function number(run: string, start: number, s: string): string {
  if (countDigits(run) < 7) return run;
  const whole = classify(run, s, start, start + run.length);
  if (whole === run || !/\s/.test(run)) return whole;
  // Numbers written apart run together: "size 42 4006381333931", "2026-11-23 0612345678",
  // "pack of 2 1 299 000 ₫". A part that stands on its own as a date, a year range, a barcode
  // or an ISBN stays, and the rest is judged without it.
  const parts = run.split(/(\s+)/);
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  const kept = parts.map(
    (p, i) =>
      i % 2 === 0 &&
      (dateOrRange(p) ||
        (countDigits(p) >= 7 &&
          classify(p, s, start + offsets[i]!, start + offsets[i]! + p.length) === p)),
  );
  if (!kept.includes(true)) {
    // A quantity before an amount: "2 1 485 967 420đ", "2 — 371 165 179 TL".
    const quantity = /^\d{1,2}[^\d(+]*\s[^\d(+]*/.exec(run)?.[0].length ?? 0;
    const rest = run.slice(quantity);
    // The rest must stand as an amount on its own, not merely fall under 7 digits.
    return quantity &&
      countDigits(rest) >= 7 &&
      classify(rest, s, start + quantity, start + run.length) === rest
      ? run
      : whole;
  }
  let out = '';
  let from = 0;
  const flush = (to: number): void => {
    const piece = run.slice(from, to);
    const core = piece.trim();
    if (core) {
      const lead = piece.indexOf(core);
      const s0 = start + from + lead;
      out += piece.slice(0, lead) + classify(core, s, s0, s0 + core.length);
      out += piece.slice(lead + core.length);
    } else out += piece;
  };
  for (let i = 0; i < parts.length; i++) {
    if (!kept[i]) continue;
    flush(offsets[i]!);
    out += parts[i];
    from = offsets[i]! + parts[i]!.length;
  }
  flush(run.length);
  return out;
}

/** Replaces every e-mail, credential, account, card, id and phone number in folded text. */
export function redactStructures(value: string): string {
  let s = EMAIL_HINT.test(value) ? value.replace(EMAIL, '[email]') : value;
  s = s.replace(RUN_24.test(s) ? SECRETS : SHORT, secret);
  return s.replace(RUN, number);
}

/**
 * A string that none of the patterns above can change: no `@ = % &#` or `(at)` (e-mail forms,
 * query values, encoded text), fewer than two digits (every number and id pattern needs more),
 * none of the credential prefixes with the length their pattern needs (`AKIA` + 16, `Basic ` + 8,
 * `eyJ`, `sk_`, `ghp_`…), and under 24 characters or without a digit (long tokens). Derived from
 * the patterns; `fast-path.test.ts` and `structure-fast-path.test.ts` check it against them.
 */
const MAYBE =
  /[@=%]|&#|[[(] ?at ?[\])]|\d\D*\d|eyj|-----begin|bearer\s+[\w.~+/-]{8}|basic\s+[a-z\d+/]{8}|a(?:kia|sia|gpa|ida|roa|ipa|npa|nva|bia|cca)[a-z\d]{16}|aiza[\w-]{35}|k_|whsec_|gh[pousr]_|github_pat_|glpat-|npm_|xox[abprse]-|sk-[\w-]{20}|sg\.|hooks\.slack/i;

export function mayContainSecret(value: string): boolean {
  return MAYBE.test(value) || (value.length >= 24 && /\d/.test(value));
}
