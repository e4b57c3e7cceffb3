import type { Signal, SignalData, SignalValue } from './signal';

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
export function canSend(state: PrivacyState): boolean {
  return state.consent === 'granted' && !state.gpc;
}

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
}

export const REDACTED = '[redacted]';

// Substrings that mark a parameter or data key as secret; matched against the lower-cased key
// with separators removed, so `access_token`, `X-Api-Key` and `userEmail` are all caught.
const SECRET_KEY_PARTS = [
  'token',
  'password',
  'passwd',
  'pwd',
  'secret',
  'apikey',
  'auth',
  'session',
  'email',
  'mail',
  'phone',
  'mobile',
  'ssn',
  'iban',
  'card',
  'cvv',
  'cvc',
  'otp',
  'jwt',
  'signature',
  'credential',
  'bearer',
  'birth',
  'dob',
  'passport',
  'address',
  'zip',
  'postcode',
  'firstname',
  'lastname',
  'fullname',
  'surname',
];
// Short names that are secret only as a whole word (a `sig` part would match `design`).
const SECRET_KEY_EXACT = new Set([
  'pass',
  'pw',
  'code',
  'key',
  'sid',
  'sig',
  'tel',
  'cc',
  'pan',
  'name',
  'user',
  'username',
  'login',
]);

function normKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Strings without digits, '@', '%', '=' or a JWT header cannot match any pattern below, and most
// signal strings (targets like "size-guide") are like that: skip the regex work for them.
const MAYBE_SENSITIVE = /[\d@=%]|eyJ/;

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@]+@/gi;
const QUERY_PARAM = /([?&#;]|^)([^=&#?\s;]+)=([^&#\s;]*)/g;
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const API_KEY = /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/g;
// Lookarounds instead of \b so prefixed tokens (`ghp_…`, `xoxb-…`) are caught after the prefix.
const LONG_SECRET =
  /(?<![A-Za-z0-9])(?=[A-Za-z0-9]{24,}(?![A-Za-z0-9]))(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{24,}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}\b/gi;
const UK_NINO = /\b[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b/gi;
const DNI_LIKE = /\b\d{7,8}[ -]?[A-Z]\b/g;
const DIGIT_RUN = /\+?\(?\d(?:[\d\s().\-/]*\d)?/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SSN = /^\d{3}-\d{2}-\d{4}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function classifyDigits(run: string): string {
  const digits = run.replace(/\D/g, '');
  const n = digits.length;
  if (n < 7) return run;
  if (n >= 12 && n <= 19 && luhn(digits)) return '[card]';
  if (SSN.test(run.trim())) return '[id]';
  if (ISO_DATE.test(run.trim())) return run;
  // Anything of phone length or longer is a phone or an id number; a false positive costs a
  // product code, a false negative leaks a person.
  return /^\+|[\s().\-/]/.test(run) && n <= 15 ? '[phone]' : '[id]';
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Builds a redactor for strings and signals. `redactText`/`redactSignal` use the defaults. */
export function createRedactor(options: RedactOptions = {}): {
  text(value: string): string;
  signal(signal: Signal): Signal;
} {
  const extraKeys = (options.sensitiveKeys ?? []).map(normKey);
  const extraPatterns = options.patterns ?? [];
  const keyCache = new Map<string, boolean>();

  const isSecretKey = (key: string): boolean => {
    let hit = keyCache.get(key);
    if (hit !== undefined) return hit;
    const k = normKey(key);
    hit =
      SECRET_KEY_EXACT.has(k) ||
      SECRET_KEY_PARTS.some((p) => k.includes(p)) ||
      extraKeys.some((p) => p !== '' && k.includes(p));
    if (keyCache.size < 256) keyCache.set(key, hit);
    return hit;
  };

  const patterns = (s: string): string => {
    let out = s
      .replace(JWT, '[token]')
      .replace(API_KEY, '[token]')
      .replace(EMAIL, '[email]')
      .replace(IBAN, '[iban]')
      .replace(UK_NINO, '[id]')
      .replace(DNI_LIKE, '[id]')
      .replace(LONG_SECRET, '[token]')
      .replace(DIGIT_RUN, classifyDigits);
    for (const p of extraPatterns) out = out.replace(p, REDACTED);
    return out;
  };

  const text = (value: string): string => {
    if (extraPatterns.length === 0 && !MAYBE_SENSITIVE.test(value)) return value;
    let out = value.replace(USERINFO, `$1${REDACTED}@`);
    if (out.includes('=')) {
      out = out.replace(QUERY_PARAM, (whole, sep: string, key: string, val: string) => {
        if (val === '') return whole;
        if (isSecretKey(safeDecode(key))) return `${sep}${key}=${REDACTED}`;
        const decoded = safeDecode(val);
        const cleaned = patterns(decoded);
        if (cleaned === decoded) return whole;
        return `${sep}${key}=${encodeURIComponent(cleaned)}`;
      });
    }
    // Percent-encoded text outside query values ("/search/jane%40x.com") is checked decoded too.
    if (out.includes('%')) {
      const decoded = safeDecode(out);
      if (patterns(decoded) !== decoded) out = decoded;
    }
    return patterns(out);
  };

  const value = (key: string, v: SignalValue): SignalValue => {
    if (v === null || typeof v === 'boolean') return v;
    if (isSecretKey(key)) return REDACTED;
    if (typeof v === 'string') return text(v);
    // A phone or card number stored as a number is as identifying as its string form.
    if (Number.isInteger(v) && Math.abs(v) >= 1e8) {
      const label = classifyDigits(String(Math.abs(v)));
      return label.startsWith('[') ? label : v;
    }
    return v;
  };

  const signal = (s: Signal): Signal => {
    const target = s.target === undefined ? undefined : text(s.target);
    let data: SignalData | undefined = s.data;
    if (data !== undefined) {
      let copy: Record<string, SignalValue | readonly SignalValue[]> | null = null;
      for (const key in data) {
        const v = data[key];
        if (v === undefined) continue;
        const next = Array.isArray(v)
          ? (v as readonly SignalValue[]).map((item) => value(key, item))
          : value(key, v as SignalValue);
        const same = Array.isArray(next)
          ? next.every((item, i) => item === (v as readonly SignalValue[])[i])
          : next === v;
        if (!same) {
          copy ??= { ...data };
          copy[key] = Array.isArray(next) ? Object.freeze(next) : next;
        }
      }
      if (copy !== null) data = Object.freeze(copy);
    }
    if (target === s.target && data === s.data) return s;
    const out: { type: string; at: number; target?: string; data?: SignalData } = {
      type: s.type,
      at: s.at,
    };
    if (target !== undefined) out.target = target;
    if (data !== undefined) out.data = data;
    return Object.freeze(out);
  };

  return { text, signal };
}

let defaultRedactor: ReturnType<typeof createRedactor> | undefined;
const defaults = (): ReturnType<typeof createRedactor> => {
  defaultRedactor ??= createRedactor();
  return defaultRedactor;
};

/** Removes e-mails, phone numbers, card numbers (Luhn), IBANs, id numbers and URL secrets. */
export function redactText(value: string): string {
  return defaults().text(value);
}

/** Redacts a signal's target and every string in its data; secret-named data keys lose their value. */
export function redactSignal(signal: Signal): Signal {
  return defaults().signal(signal);
}
