import type { IntentfulPlugin } from './client';
import type { Signal, SignalValue } from './signal';

/**
 * What the user agreed to. `pending` until they choose; only `granted` allows persistence and
 * sending, and Global Privacy Control overrides `granted`.
 */
export type Consent = 'pending' | 'granted' | 'denied';

/** What happens before consent is granted (pending or denied). */
export type WithoutConsent =
  /** Collect and infer in memory for the current page; nothing is stored or sent. */
  | 'memory'
  /** Collect nothing at all: collectors stay detached and tracked signals are dropped. */
  | 'none';

/** The inputs of every privacy decision. */
export interface PrivacyState {
  readonly consent: Consent;
  /** The browser sent a Global Privacy Control signal (`navigator.globalPrivacyControl`). */
  readonly gpc: boolean;
}

/** True when state may be written to the device (localStorage, sessionStorage, cookies). */
export function canPersist(state: PrivacyState): boolean {
  return state.consent === 'granted' && !state.gpc;
}

/**
 * True when events may leave the page (sinks, beacons, analytics). Sinks must check this before
 * every send: consent can be withdrawn at any time.
 */
export const canSend: (state: PrivacyState) => boolean = canPersist;

/** True when signals may be collected and inferred on at all (in memory at least). */
export function canCollect(
  state: PrivacyState,
  withoutConsent: WithoutConsent = 'memory',
): boolean {
  return state.consent === 'granted' ? true : withoutConsent === 'memory';
}

/**
 * Reads Global Privacy Control from a navigator-like object. Takes the object as an argument so
 * the core never reaches for browser globals itself.
 */
export function readGlobalPrivacyControl(nav: unknown): boolean {
  return (
    typeof nav === 'object' &&
    nav !== null &&
    (nav as { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  );
}

/** Options for `createRedactor`. */
export interface RedactOptions {
  /**
   * Extra names (query parameters and signal data keys) whose values are always removed, on top
   * of the built-in list (token, password, email, phone, card, iban, ssn, session, …).
   * @defaultValue `[]`
   */
  sensitiveKeys?: readonly string[];
  /** Extra patterns to replace with `[redacted]`; give them the `g` flag. @defaultValue `[]` */
  patterns?: readonly RegExp[];
  /**
   * Targets (page paths, product and cart ids) to keep as they are when one of these matches the
   * whole string: ids that are not about a person, e.g. `[/^\/products\/\d+$/, /^\d{7,}$/]`.
   * Without it such ids read as phone or id numbers and are replaced, so two products would
   * look alike. Data values are never kept this way: a search for a phone number still goes.
   * @defaultValue `[]`
   */
  keep?: readonly RegExp[];
}

export const REDACTED = '[redacted]';

// Matched against the lower-cased key with separators removed, so `access_token`, `X-Api-Key` and
// `userEmail` are caught. Short names count only as the whole key: a `sig` part would match
// `design`.
const SECRET_KEY =
  /^(?:pass|pw|code|key|sid|sig|tel|cc|pan|name|user(?:name)?|login)$|token|pass(?:w|port)|pwd|secret|apikey|auth|session|mail|phone|mobile|ssn|iban|card|cv[vc]|otp|jwt|signature|credential|bearer|birth|dob|address|zip|postcode|(?:first|last|full|sur)name/;

// Most signal strings (targets like "size-guide") cannot match any pattern below, and skip them.
// A string changes only with '@' (user info, e-mail), '=' (query values), '%' (encoded text), a
// JWT, API key or Bearer prefix (SECRETS ignores case), or digits: IBANs and NINO/DNI ids need two,
// a digit run is replaced only from 7 digits, and a long token needs one digit in 24 characters
// (checked apart: a run-length test at every position would cost more than it saves).
const MAYBE_SENSITIVE = /[@=%]|eyj|k_|bearer\s|\d\D*\d/i;

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@]+@/gi;
// Also `key=value` after a space, as in cookie strings and free text ("retry with password=…").
const QUERY_PARAM = /([?&#;\s]|^)([^=&#?\s;]+)=([^&#\s;]*)/g;
// A pass of its own, first: in one scan with the others, a digit run could eat the start of an
// address and leave its domain behind.
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
// One scan, leftmost match first: IBANs, UK NINOs and DNI-style ids, tokens (JWTs, API keys, long
// mixed letter-digit runs, what follows `Bearer `, with lookarounds instead of \b so `ghp_…` is caught after its prefix),
// then digit runs for classifyDigits (`+` joins
// their groups too, as in a query value `4111+1111+…`).
const SECRETS =
  /(\b[a-z]{2}\d\d(?:[ -]?[a-z\d]){11,30}\b)|(\b[a-z]{2} ?\d\d ?\d\d ?\d\d ?[a-d]\b|\b\d{7,8}[ -]?[a-z]\b)|\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*|\b[spr]k_(?:live|test)_[a-z\d]{8,}|(?<=\bbearer\s+)[\w.~+/-]{8,}=*|(?<![a-z\d])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{24,}(?![a-z\d])|(\+?\(?\d(?:[\d\s().+\-/]*\d)?)/gi;

function classifyDigits(run: string): string {
  const digits = run.replace(/\D/g, '');
  const n = digits.length;
  let luhn = 0;
  for (let i = n; i--; ) {
    const d = (digits.charCodeAt(i) - 48) * ((n - i) % 2 ? 1 : 2);
    luhn += d > 9 ? d - 9 : d;
  }
  // Anything of phone length or longer is a phone or an id number; a false positive costs a
  // product code, a false negative leaks a person.
  // A date is not a person, in paths ("/2026/11/23/") as much as in ISO text.
  return n < 7 || /^\d{4}([-/.])\d\d\1\d\d$/.test(run)
    ? run
    : n > 11 && n < 20 && luhn % 10 === 0
      ? '[card]'
      : n < 16 && /\D/.test(run) && !/^\d{3}-\d\d-\d{4}$/.test(run)
        ? '[phone]'
        : '[id]';
}

/** `pattern` matches all of `value` (a partial match must not exempt a phone number beside it). */
function whole(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  const match = pattern.exec(value);
  pattern.lastIndex = 0;
  return match?.index === 0 && match[0].length === value.length;
}

const normKey = (key: string): string => key.toLowerCase().replace(/[^a-z\d]/g, '');

// `+` is a space only inside query keys and values; elsewhere it may be part of a phone number.
function decode(value: string, query?: boolean): string {
  try {
    return decodeURIComponent(query ? value.replace(/\+/g, ' ') : value);
  } catch {
    return value;
  }
}

/** Builds a redactor for strings and signals. `redactText`/`redactSignal` use the defaults. */
export function createRedactor(options: RedactOptions = {}): {
  text(value: string): string;
  signal(signal: Signal): Signal;
} {
  const extraKeys = (options.sensitiveKeys ?? []).map(normKey).filter(Boolean);
  const extraPatterns = options.patterns ?? [];
  const keep = options.keep ?? [];

  // Signals reuse a handful of data keys; the key test costs more than the text of most values.
  const keys = new Map<string, boolean>();
  const isSecretKey = (key: string): boolean => {
    let secret = keys.get(key);
    if (secret === undefined) {
      const k = normKey(key);
      secret = SECRET_KEY.test(k) || extraKeys.some((p) => k.includes(p));
      // Bounded: keys may come from app data.
      if (keys.size > 255) keys.clear();
      keys.set(key, secret);
    }
    return secret;
  };

  const patterns = (s: string): string =>
    extraPatterns.reduce(
      (out, p) => out.replace(p, REDACTED),
      // The e-mail pattern tries every word in the text; most have no '@' to find.
      (/@|%40/.test(s) ? s.replace(EMAIL, '[email]') : s).replace(
        SECRETS,
        (_, iban?: string, id?: string, run?: string) =>
          iban ? '[iban]' : id ? '[id]' : run ? classifyDigits(run) : '[token]',
      ),
    );

  const scrub = (value: string): string => {
    // Full-width forms (Japanese and Chinese input methods type "０９０" and "＠") hide digits
    // and at signs from the patterns: redact the folded text, keep the original if it is clean.
    if (/[\uff01-\uff5e]/.test(value)) {
      const folded = value.normalize('NFKC');
      const cleaned = plain(folded);
      return cleaned === folded ? value : cleaned;
    }
    return plain(value);
  };

  const plain = (value: string): string => {
    if (
      !extraPatterns.length &&
      !MAYBE_SENSITIVE.test(value) &&
      (value.length < 24 || !/\d/.test(value))
    )
      return value;
    // Without these the user-info and query passes find nothing and decoding changes nothing.
    if (!/[@=%]/.test(value)) return patterns(value);
    const out = value
      .replace(USERINFO, `$1${REDACTED}@`)
      .replace(QUERY_PARAM, (whole, sep: string, key: string, val: string) => {
        if (!val) return whole;
        if (isSecretKey(decode(key, true))) return `${sep}${key}=${REDACTED}`;
        const decoded = decode(val, true);
        const cleaned = patterns(decoded);
        return cleaned === decoded ? whole : `${sep}${key}=${encodeURIComponent(cleaned)}`;
      });
    // Percent-encoded text outside query values ("/search/jane%40x.com") is checked decoded too.
    const decoded = decode(out);
    const cleaned = patterns(decoded);
    return cleaned !== decoded || decoded === out ? cleaned : patterns(out);
  };

  // `keep` covers targets (paths, product ids), not data: an all-digits pattern for SKUs must not
  // also let a phone number typed into search through.
  const text = (value: string): string =>
    keep.length && keep.some((k) => whole(k, value)) ? value : scrub(value);

  const value = (key: string, v: SignalValue): SignalValue =>
    v === null || typeof v === 'boolean'
      ? v
      : isSecretKey(key)
        ? REDACTED
        : typeof v === 'string'
          ? scrub(v)
          : // A phone or card number stored as a number is as identifying as its string form.
            // `…At` keys hold clock times (a session's `lastVisitAt`), and prices and
            // quantities are amounts (850,000,000 dong), not id numbers; a `value` may be
            // either and stays redacted; from 1e21 on numbers
            // print as exponents and have no digits to read.
            Number.isInteger(v) &&
              Math.abs(v) >= 1e8 &&
              Math.abs(v) < 1e21 &&
              !/At$|^(?:price|quantity)$/.test(key)
            ? classifyDigits(`${v}`)
            : v;

  // Copies only what changes: most signals carry nothing to redact and are returned as they are.
  const signal = (s: Signal): Signal => {
    const target = s.target && text(s.target);
    let data: { [key: string]: SignalValue | readonly SignalValue[] } | undefined;
    for (const key in s.data) {
      const v = s.data[key] as SignalValue | readonly SignalValue[];
      let out: SignalValue | readonly SignalValue[];
      if (Array.isArray(v)) {
        const items = (v as readonly SignalValue[]).map((item) => value(key, item));
        out = items.some((item, i) => item !== v[i]) ? Object.freeze(items) : v;
      } else out = value(key, v as SignalValue);
      if (out !== v) {
        data ??= { ...s.data };
        data[key] = out;
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

  return { text, signal };
}

const defaults = /* @__PURE__ */ createRedactor();

/** Removes e-mails, phone numbers, card numbers (Luhn), IBANs, id numbers and URL secrets. */
export function redactText(value: string): string {
  return defaults.text(value);
}

/** Redacts a signal's target and every string in its data; secret-named data keys lose their value. */
export function redactSignal(signal: Signal): Signal {
  return defaults.signal(signal);
}

/**
 * Redacts every tracked signal before it is stored, for apps that track their own signals
 * without `collectors()` (which redacts already).
 */
export function redaction(options: RedactOptions = {}): IntentfulPlugin {
  return {
    name: 'redaction',
    setup() {
      return { redact: createRedactor(options).signal };
    },
  };
}
