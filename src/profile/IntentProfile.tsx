'use client';
import {
  type ReactNode,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { IntentState } from '../core/engine';
import { plainEvidence } from '../core/explain';
import type { ProfileMessages } from '../core/messages';
import type { Consent } from '../core/privacy';
import type { RegisteredIntent, RegisteredStep } from '../core/register';
import { useClientFor } from '../react/context';
import { useConsent } from '../react/hooks';
import { profileMessages } from './messages';
import { type HeadingLevel, heading, knownIntents } from './shared';
import { profileCss } from './styles';

export interface IntentProfileProps {
  /**
   * The intents users may see here. Leave out the ones that would feel intrusive to be told
   * about (`ready-to-buy`): they are never listed, inferred or declared.
   * @defaultValue every intent of the model
   */
  intents?: readonly RegisteredIntent[];
  /**
   * Inferred intents below this confidence are not listed; declared ones always are.
   * @defaultValue the model's `topThreshold` (0.5 unless the model says otherwise)
   */
  minConfidence?: number;
  /** Most inferred intents listed, most confident first. @defaultValue `5` */
  max?: number;
  /**
   * Offer the consent choice (this visit only / remember on this device / off). Turn it off when
   * a consent manager owns the choice; the profile then only says what the consent allows.
   * @defaultValue `true`
   */
  consentControls?: boolean;
  /** Level of the title's heading, to fit the page's outline. @defaultValue `2` */
  headingLevel?: HeadingLevel;
  /** Leave out the built-in styles; style through the `data-*` attributes. @defaultValue `false` */
  unstyled?: boolean;
  /** @defaultValue none */
  className?: string;
}

type AppState = IntentState<RegisteredIntent, RegisteredStep>;

/** One listed intent, as words: what the component renders, and all it re-renders for. */
interface Row {
  readonly intent: RegisteredIntent;
  readonly label: string;
  readonly declared: boolean | null;
  /** The certainty in words, or what the user said. */
  readonly certainty: string;
  readonly level: 'high' | 'medium' | 'low' | 'declared';
  /** Why it is inferred; `null` for a declared intent. */
  readonly because: string | null;
}

interface Options {
  readonly allowed: readonly RegisteredIntent[];
  readonly min: number;
  readonly max: number;
  readonly m: ProfileMessages;
}

interface Memo {
  state: AppState;
  options: Options;
  key: string;
  rows: readonly Row[];
}

/** The rows for `state`, the previous array itself while the words are the same. */
function pick(memo: { current: Memo | null }, state: AppState, options: Options): readonly Row[] {
  const last = memo.current;
  if (last && last.state === state && last.options === options) return last.rows;
  const rows = rowsOf(state, options);
  const key = JSON.stringify(rows);
  if (last && last.key === key) {
    last.state = state;
    last.options = options;
    return last.rows;
  }
  memo.current = { state, options, key, rows };
  return rows;
}

const CHOICES: readonly Consent[] = ['pending', 'granted', 'denied'];

/** What to put back into focus after the user acted, once the list has re-rendered. */
type Refocus = { readonly intent: RegisteredIntent } | null;

/**
 * What the app believes the user is doing now, in their words, with a way to correct it: "that's
 * right" and "not me" declare (they outrank inference), "undo" withdraws, "forget all this"
 * calls `forget()`, and the consent is shown and, unless `consentControls={false}`, can be
 * changed. Confidence is said in words, never as a number, and the evidence is only what the
 * model labelled for people. The server renders the state the client was created with.
 */
export function IntentProfile(props: IntentProfileProps): ReactNode {
  const client = useClientFor('<IntentProfile>');
  const m = profileMessages(client);
  const privacy = useConsent();
  const ids = useId();
  const root = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const refocus = useRef<Refocus>(null);
  const [status, setStatus] = useState('');

  const allowed = useMemo(
    () =>
      props.intents === undefined
        ? (client.model.intentIds as readonly RegisteredIntent[])
        : knownIntents(client, props.intents, '<IntentProfile intents>'),
    [client, props.intents],
  );
  const min =
    typeof props.minConfidence === 'number' && props.minConfidence >= 0 && props.minConfidence <= 1
      ? props.minConfidence
      : client.model.topThreshold;
  const max = typeof props.max === 'number' && props.max >= 0 ? Math.floor(props.max) : 5;

  // Rows are compared by their words: a signal that moves a confidence without changing what
  // the profile says re-renders nothing.
  const options = useMemo(() => ({ allowed, min, max, m }), [allowed, min, max, m]);
  const live = useRef<Memo | null>(null);
  const server = useRef<Memo | null>(null);
  const rows = useSyncExternalStore(
    client.subscribe,
    () => pick(live, client.getState(), options),
    () => pick(server, client.getServerState(), options),
  );

  // A button the user pressed is replaced (declared rows show "undo"): focus goes to the same
  // row's first button, or to the title when the row left the list, never to the page's start.
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    for (const row of root.current?.querySelectorAll<HTMLElement>('[data-intent-belief]') ?? [])
      if (row.dataset.intentBelief === target.intent) {
        row.querySelector('button')?.focus();
        return;
      }
    title.current?.focus();
  });

  const declare = (intent: RegisteredIntent, label: string, value: boolean | null): void => {
    refocus.current = { intent };
    client.declare(intent, value);
    setStatus(m.noted(label, value));
  };

  const Title = heading(props.headingLevel);
  const titleId = `${ids}t`;
  const showChoices = props.consentControls !== false && !privacy.gpc;

  return (
    <section
      ref={root}
      className={props.className}
      aria-labelledby={titleId}
      data-intent-profile=""
      data-state={rows.length > 0 ? 'beliefs' : 'empty'}
      data-consent={privacy.gpc ? 'gpc' : privacy.consent}
    >
      {!props.unstyled && <style>{profileCss}</style>}
      <Title id={titleId} ref={title} tabIndex={-1}>
        {m.profileTitle}
      </Title>
      {rows.length === 0 ? (
        <p data-part="empty">{m.profileEmpty}</p>
      ) : (
        <ul data-part="beliefs">
          {rows.map(({ intent, label, declared, certainty, level, because }, index) => {
            const labelId = `${ids}b${index}`;
            return (
              <li
                key={intent}
                data-intent-belief={intent}
                data-declared={declared === null ? 'no' : String(declared)}
                data-certainty={level}
              >
                <p>
                  <span data-part="label" id={labelId}>
                    {label}
                  </span>
                  <span data-part="certainty">{certainty}</span>
                </p>
                {because !== null && <p data-part="because">{because}</p>}
                {/* The group names the intent, so "that's right" is never ambiguous to a screen reader. */}
                <fieldset aria-labelledby={labelId} data-part="actions">
                  {declared === null ? (
                    <>
                      <button
                        type="button"
                        data-action="confirm"
                        onClick={() => declare(intent, label, true)}
                      >
                        {m.confirm}
                      </button>
                      <button
                        type="button"
                        data-action="reject"
                        onClick={() => declare(intent, label, false)}
                      >
                        {m.reject}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      data-action="undo"
                      onClick={() => declare(intent, label, null)}
                    >
                      {m.undo}
                    </button>
                  )}
                </fieldset>
              </li>
            );
          })}
        </ul>
      )}
      <div data-part="privacy">
        {showChoices ? (
          <fieldset>
            <legend>{m.consentLegend}</legend>
            {CHOICES.map((choice) => (
              <label key={choice}>
                <input
                  type="radio"
                  name={`${ids}consent`}
                  value={choice}
                  checked={privacy.consent === choice}
                  aria-describedby={`${ids}consent-state`}
                  onChange={() => {
                    privacy.setConsent(choice);
                    setStatus(m.consentState(choice, false));
                  }}
                />
                {m.consentChoice(choice)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <p data-part="consent" id={`${ids}consent-state`}>
          {m.consentState(privacy.consent, privacy.gpc)}
        </p>
        <button
          type="button"
          data-part="forget"
          onClick={() => {
            privacy.forget();
            setStatus(m.forgotten);
          }}
        >
          {m.forget}
        </button>
      </div>
      {/* Present from the first render, so screen readers announce what is written into it. */}
      <p role="status" data-part="status">
        {status}
      </p>
    </section>
  );
}

const level = (c: number): Row['level'] => (c >= 0.9 ? 'high' : c >= 0.7 ? 'medium' : 'low');

/** What the user said first, then guesses, most confident first, then what they rejected. */
function rowsOf(state: AppState, { allowed, min, max, m }: Options): Row[] {
  const beliefs = allowed.map((id) => state.beliefs[id]).filter((b) => b !== undefined);
  const inferred = beliefs
    .filter((b) => b.declared === null && b.observations > 0 && b.confidence >= min)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, max);
  return [
    ...beliefs.filter((b) => b.declared === true),
    ...inferred,
    ...beliefs.filter((b) => b.declared === false),
  ].map((b): Row => {
    if (b.declared !== null)
      return {
        intent: b.intent,
        label: b.label,
        declared: b.declared,
        certainty: m.declared(b.declared),
        level: 'declared',
        because: null,
      };
    const because = plainEvidence(b);
    return {
      intent: b.intent,
      label: b.label,
      declared: null,
      certainty: m.certainty(b.confidence),
      level: level(b.confidence),
      because: because.length > 0 ? m.because(because) : m.becauseUnlabelled,
    };
  });
}
