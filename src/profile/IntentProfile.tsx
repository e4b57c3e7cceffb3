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
import type { Belief } from '../core/engine';
import { plainEvidence } from '../core/explain';
import type { Consent } from '../core/privacy';
import type { RegisteredIntent } from '../core/register';
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

type AppBelief = Belief<RegisteredIntent>;

interface Row {
  readonly belief: AppBelief;
  readonly because: readonly string[];
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
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getServerState);
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

  const rows = useMemo((): Row[] => {
    const beliefs = allowed.map((id) => state.beliefs[id]).filter((b) => b !== undefined);
    const inferred = beliefs
      .filter((b) => b.declared === null && b.observations > 0 && b.confidence >= min)
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, max);
    // What the user said first, then guesses, then what they rejected (so it can be undone).
    return [
      ...beliefs.filter((b) => b.declared === true),
      ...inferred,
      ...beliefs.filter((b) => b.declared === false),
    ].map((belief) => ({ belief, because: belief.declared === null ? plainEvidence(belief) : [] }));
  }, [state, allowed, min, max]);

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
          {rows.map(({ belief, because }, index) => {
            const labelId = `${ids}b${index}`;
            const declared = belief.declared;
            return (
              <li
                key={belief.intent}
                data-intent-belief={belief.intent}
                data-declared={declared === null ? 'no' : String(declared)}
                data-certainty={declared === null ? certaintyKey(belief.confidence) : 'declared'}
              >
                <p>
                  <span data-part="label" id={labelId}>
                    {belief.label}
                  </span>
                  <span data-part="certainty">
                    {declared === null ? m.certainty(belief.confidence) : m.declared(declared)}
                  </span>
                </p>
                {declared === null && (
                  <p data-part="because">
                    {because.length > 0 ? m.because(because) : m.becauseUnlabelled}
                  </p>
                )}
                {/* The group names the intent, so "that's right" is never ambiguous to a screen reader. */}
                <fieldset aria-labelledby={labelId} data-part="actions">
                  {declared === null ? (
                    <>
                      <button
                        type="button"
                        data-action="confirm"
                        onClick={() => declare(belief.intent, belief.label, true)}
                      >
                        {m.confirm}
                      </button>
                      <button
                        type="button"
                        data-action="reject"
                        onClick={() => declare(belief.intent, belief.label, false)}
                      >
                        {m.reject}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      data-action="undo"
                      onClick={() => declare(belief.intent, belief.label, null)}
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

const certaintyKey = (c: number): 'high' | 'medium' | 'low' =>
  c >= 0.9 ? 'high' : c >= 0.7 ? 'medium' : 'low';
