import type { IntentfulPlugin } from './client';
import { fold, needsFold } from './redact/fold';
import { fullRedaction } from './redact/full';
import { secretKeyTest } from './redact/keys';
import { mayContainSecret, redactStructures } from './redact/text';
import { decode, QUERY_PARAM, REDACTED, signalRedactor, USERINFO, whole } from './redact/walk';
import type { Signal } from './signal';

/**
 * What the user agreed to. `pending` until they choose; only `granted` allows persistence and
 * sending, and Global Privacy Control overrides `granted`.
 */
export type Consent = 'pending' | 'granted' | 'denied';

/** What happens while consent is pending (denied and GPC always collect nothing). */
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

/**
 * True when behaviour may be collected and inferred on at all (in memory at least). Denied
 * consent and Global Privacy Control mean none: only the user's explicit choices remain.
 */
export function canCollect(
  state: PrivacyState,
  withoutConsent: WithoutConsent = 'memory',
): boolean {
  if (state.gpc || state.consent === 'denied') return false;
  return state.consent === 'granted' || withoutConsent === 'memory';
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
   * of the built-in list (password, token, email, phone, card, iban, pin, securityAnswer, …).
   * Matched like the built-in names, by whole words of the key: `loyaltyNo` catches
   * `loyalty_no` and `X-Loyalty-No`, not `loyaltyNote`.
   * @defaultValue `[]`
   */
  sensitiveKeys?: readonly string[];
  /** Extra patterns to replace with `[redacted]`; give them the `g` flag. @defaultValue `[]` */
  patterns?: readonly RegExp[];
  /**
   * Strings to keep as they are when one of these matches the whole string: targets (page
   * paths, product and cart ids) and string data values that are not about a person, e.g.
   * `[/^\/products\/\d+$/, /^SKU-\d{7,}$/]`. Without it such ids may read as phone or id
   * numbers and be replaced, so two products would look alike. Only whole matches count: a phone
   * number beside an allowed id still goes, and values of secret keys are removed whatever they
   * look like.
   * @defaultValue `[]`
   */
  keep?: readonly RegExp[];
}

/** Builds a redactor for strings and signals. `redactText`/`redactSignal` use the defaults. */
export function createRedactor(options: RedactOptions = {}): {
  text(value: string): string;
  signal(signal: Signal): Signal;
} {
  const extraPatterns = options.patterns ?? [];
  const keep = options.keep ?? [];
  const isSecretKey = secretKeyTest(options.sensitiveKeys ?? []);

  const patterns = (s: string): string =>
    extraPatterns.reduce((out, p) => out.replace(p, REDACTED), redactStructures(s));

  const plain = (value: string): string => {
    if (!extraPatterns.length && !mayContainSecret(value)) return value;
    // Without these the user-info and query passes find nothing and decoding changes nothing.
    if (!/[@=%]/.test(value)) return patterns(value);
    const out = value
      .replace(USERINFO, `$1${REDACTED}@`)
      .replace(QUERY_PARAM, (all, sep: string, key: string, val: string) => {
        if (!val) return all;
        if (isSecretKey(decode(key, true))) return `${sep}${key}=${REDACTED}`;
        // A value is text of its own: it may be a URL with a query (`?next=/reset?token=…`).
        const decoded = decode(val, true);
        const cleaned = scrub(decoded);
        return cleaned === decoded ? all : `${sep}${key}=${encodeURIComponent(cleaned)}`;
      });
    // Percent-encoded text outside query values ("/search/jane%40x.com") is checked decoded too.
    // When the decoded text is clean the encoded one is too: scanning it would only read the
    // digits of escapes as part of numbers (`%2023.11.2026`).
    const decoded = decode(out);
    if (decoded === out) return patterns(out);
    const folded = needsFold(decoded) ? fold(decoded) : decoded;
    const cleaned = patterns(folded);
    return cleaned !== folded ? cleaned : out;
  };

  // Non-Latin digits, full-width forms, dashes of every kind and invisible characters hide
  // numbers and at signs from the patterns: redact the folded text, and return the original
  // when nothing in it is redacted.
  const scrub = (value: string): string => {
    if (needsFold(value)) {
      const folded = fold(value);
      const cleaned = plain(folded);
      return cleaned === folded ? value : cleaned;
    }
    return plain(value);
  };

  const kept = (value: string): boolean => keep.length > 0 && keep.some((k) => whole(k, value));
  const text = (value: string): string => (kept(value) ? value : scrub(value));

  // `undefined`: the value goes, and with it the field (or the list item).
  // What the user typed is never exempt: a kept SKU pattern must not let a phone number typed
  // into search through.
  const signal = signalRedactor((v, key) => (key === 'query' ? scrub(v) : text(v)), isSecretKey);

  return { text, signal };
}

const defaults = /* @__PURE__ */ createRedactor();

/**
 * Removes e-mail addresses, phone numbers, card numbers (Luhn), IBANs (mod 97), national ids,
 * credentials (vendor keys, JWTs, Basic and Bearer credentials, URL user info) and values of
 * secret query parameters; keeps dates, year ranges, prices, ISBNs, barcodes and order numbers.
 */
export function redactText(value: string): string {
  return defaults.text(value);
}

/** Redacts a signal's target and every string in its data; secret-named data keys lose their value. */
export function redactSignal(signal: Signal): Signal {
  return defaults.signal(signal);
}

/**
 * The full structural redactor (check digits, vendor key shapes, many locales; about 6 KB gzip) on
 * every signal, collected or tracked, before it is stored. With `collectors()` it replaces their
 * compact sanitizer and lets them keep free text (`clicks: { captureText }`,
 * `search: { captureQuery: 'free' }`), which they drop without it. Tree-shaken away when unused.
 */
export function redaction(options: RedactOptions = {}): IntentfulPlugin {
  return {
    name: 'redaction',
    setup(context) {
      const redactor = createRedactor(options);
      fullRedaction.set(context, redactor.text);
      return { redact: redactor.signal };
    },
  };
}
