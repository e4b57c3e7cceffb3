import type { Consent } from './privacy';

/**
 * Every sentence the library says to end users, so an app can translate or reword them with the
 * client's `messages` option. Labels passed in come from the model and the slots (the app's words).
 */
export interface Messages {
  /** `<WhyThis>` toggle. */
  readonly why: string;
  /** `<WhyThis>` before the slot has decided (server, first render). */
  readonly pending: string;
  /** A slot showing its standard version because nothing stood out. */
  readonly standard: string;
  /** `<DismissVariant>` button. */
  readonly notForMe: string;
  /** The user declared the intent the variant serves. */
  told(intent: string): string;
  /** The variant serves an inferred intent; `confidence` in [0, 1]. */
  likely(intent: string, confidence: number): string;
  /** A next step's reason; `because` are the labels of the evidence behind it, strongest first. */
  step(step: string, intent: string, because: readonly string[], told: boolean): string;
  /** Slot rules: a rule without a label of its own held; `because` are its plain-language facts. */
  ruleMatched(because: readonly string[]): string;
  /** Slot rules: a rule with no conditions. */
  readonly everyone: string;
  /** Bandit: `shown` times this variant was seen on this device, `worked` how often it led to a goal. */
  learning(shown: number, worked: number): string;
  /** Experiment: assigned at random. */
  testGroup: string;
  /** Experiment: kept from an earlier visit. */
  testKept: string;
  /** Experiment holdout: the comparison group. */
  holdout: string;
  /** Experiment or bandit before an anonymous id exists (server render). */
  notYetAssigned: string;
}

/**
 * The sentences of `<IntentProfile>` and `<IntentQuestion>` (`intentful/profile`). They are
 * replaced through the same `messages` option; their English defaults live with the components,
 * so an app that does not show them does not ship them.
 */
export interface ProfileMessages {
  /** `<IntentProfile>` heading. */
  readonly profileTitle: string;
  /** `<IntentProfile>` when nothing is inferred or declared. */
  readonly profileEmpty: string;
  /** Confidence of an inferred intent in words, never a number; `confidence` in [0, 1]. */
  certainty(confidence: number): string;
  /** In place of the certainty for a declared intent: `true` "You told us", `false` "Not you, you said". */
  declared(value: boolean): string;
  /** Why an intent is inferred; `because` are the model's evidence labels, strongest first. */
  because(because: readonly string[]): string;
  /** An inferred intent whose evidence the model did not word for people. */
  readonly becauseUnlabelled: string;
  /** Button: the inference is right. */
  readonly confirm: string;
  /** Button: the inference is wrong. */
  readonly reject: string;
  /** Button: withdraw what the user said. */
  readonly undo: string;
  /** Button: `forget()`. */
  readonly forget: string;
  /** Announced after "that's right", "not me" and "undo"; `value` is what was declared. */
  noted(intent: string, value: boolean | null): string;
  /** Announced after "forget all this". */
  readonly forgotten: string;
  /** The consent in words; with `gpc` the browser asked not to be tracked. */
  consentState(consent: Consent, gpc: boolean): string;
  /** Legend of the consent choices. */
  readonly consentLegend: string;
  /** Label of each consent choice. */
  consentChoice(consent: Consent): string;
  /** `<IntentQuestion>` default question. */
  readonly question: string;
  /** `<IntentQuestion>` dismiss button. */
  readonly notNow: string;
  /** `<IntentQuestion>` after an answer; `choice` is the answer's label. */
  thanks(choice: string): string;
}

/** A probability as a whole percentage: `0.824` → `"82%"`. */
export const pct = (p: number): string => `${Math.round(p * 100)}%`;
/** Labels in a sentence: `a, b, c`. */
export const list = (items: readonly string[]): string => items.join(', ');

/** The sentences the core itself says: slot reasons of intent match and next steps. */
export type CoreMessages = Pick<Messages, 'standard' | 'told' | 'likely' | 'step'>;

/**
 * English defaults of the core's sentences. The others live with the part that says them
 * (`<WhyThis>`, the policies, the profile), so an app ships only the sentences it can show.
 */
export const coreMessages: CoreMessages = {
  standard: 'The standard version: nothing specific stood out yet.',
  told: (intent) => `Shown because you told us: ${intent}.`,
  likely: (intent, c) => `Shown because you seem to be ${intent} (${pct(c)} sure).`,
  step: (step, intent, because, told) =>
    told
      ? `${step}: you said ${intent}.`
      : `${step}: you seem to be ${intent}${because.length ? `: you ${list(because)}` : ''}.`,
};

type Say = (...args: never[]) => unknown;

/**
 * Defaults with the app's replacements; unknown keys and non-matching types are ignored, and a
 * replaced sentence that gives no string says the default instead.
 */
export function withMessages<M extends object>(given: object | undefined, defaults: M): M {
  if (typeof given !== 'object' || given === null) return defaults;
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(given)) {
    const d = out[k];
    if (!Object.hasOwn(defaults, k) || typeof v !== typeof d) continue;
    // The client's copy (`guardMessages`) turns a throw into a report and no string.
    out[k] =
      typeof v === 'function' && v !== d
        ? (...args: never[]): unknown => {
            const text = (v as Say)(...args);
            return typeof text === 'string' ? text : (d as Say)(...args);
          }
        : v;
  }
  return out as M;
}

/**
 * The app's `messages` as one client keeps them: a copy (a later change to the app's object does
 * not reach this client), whose sentences report once when they throw or give no string.
 */
export function guardMessages(
  given: unknown,
  report: (key: string, error: unknown) => void,
): object | undefined {
  if (typeof given !== 'object' || given === null) return undefined;
  const out: Record<string, unknown> = { ...given };
  for (const [k, v] of Object.entries(out))
    if (typeof v === 'function')
      out[k] = (...args: never[]): unknown => {
        try {
          const text: unknown = (v as Say)(...args);
          if (typeof text === 'string') return text;
          throw new TypeError(`returned ${typeof text}`);
        } catch (error) {
          // `report` makes an Error of a text.
          report(
            `messages.${k}`,
            process.env.NODE_ENV !== 'production'
              ? `intentful: messages.${k} failed (${String(error)}); using the default`
              : `intentful: messages.${k}: ${String(error)}`,
          );
          return undefined;
        }
      };
  return out;
}

const merged = new WeakMap<object, WeakMap<object, object>>();

/** `withMessages`, made once per given object and defaults (policies ask on every decision). */
export function messagesOf<M extends object>(given: object | undefined, defaults: M): M {
  if (typeof given !== 'object' || given === null) return defaults;
  let byGiven = merged.get(defaults);
  if (!byGiven) {
    byGiven = new WeakMap();
    merged.set(defaults, byGiven);
  }
  let m = byGiven.get(given) as M | undefined;
  if (!m) {
    m = withMessages(given, defaults);
    byGiven.set(given, m);
  }
  return m;
}
