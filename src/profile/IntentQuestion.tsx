'use client';
import {
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { internalsOf, type PrivacyView } from '../core/client';
import type { RegisteredIntent } from '../core/register';
import { type AppClient, useClientFor } from '../react/context';
import { profileMessages } from './messages';
import { type HeadingLevel, heading, knownIntents } from './shared';
import { questionCss } from './styles';

/** One answer: an intent id (labelled as the model labels it), or an id with the app's words. */
export type QuestionChoice =
  | RegisteredIntent
  | { readonly intent: RegisteredIntent; readonly label: string };

export interface IntentQuestionProps {
  /** The answers offered, in order; choosing one declares its intent. */
  choices: readonly QuestionChoice[];
  /** Names this question, so that several questions are answered and remembered apart. @defaultValue `'default'` */
  id?: string;
  /** The question. @defaultValue the client's `messages.question` ('What brings you here today?') */
  question?: ReactNode;
  /** Level of the question's heading, to fit the page's outline. @defaultValue `2` */
  headingLevel?: HeadingLevel;
  /** Called after the user answered (the intent is already declared). @defaultValue none */
  onAnswer?: (intent: RegisteredIntent) => void;
  /** Called after the user dismissed the question. @defaultValue none */
  onDismiss?: () => void;
  /** Leave out the built-in styles; style through the `data-*` attributes. @defaultValue `false` */
  unstyled?: boolean;
  /** @defaultValue none */
  className?: string;
}

type Outcome = 'answered' | 'dismissed';

// What each client's questions got on this page, dated by the client's forget count: after
// "forget all this" the questions may be asked again.
const memory = new WeakMap<object, Map<string, { forgets: number; outcome: Outcome }>>();

function remembered(client: AppClient, id: string): Outcome | null {
  const entry = memory.get(client)?.get(id);
  return entry && entry.forgets === internalsOf(client).forgets ? entry.outcome : null;
}

const storageKey = (id: string): string => `question:${id}`;

/**
 * Remembers an outcome for this page and, where consent allows persisting (with
 * `persistence()`), on the device beside the slot assignments; `forget()` erases both.
 */
function remember(client: AppClient, id: string, outcome: Outcome): void {
  let map = memory.get(client);
  if (!map) {
    map = new Map();
    memory.set(client, map);
  }
  map.set(id, { forgets: internalsOf(client).forgets, outcome });
  internalsOf(client).storage?.setItem(storageKey(id), outcome);
}

/** What the device remembers; the storage itself answers nothing without consent. */
function stored(client: AppClient, id: string): Outcome | null {
  const value = internalsOf(client).storage?.getItem(storageKey(id));
  return value === 'answered' || value === 'dismissed' ? value : null;
}

/**
 * A cold-start question ("What brings you here today?") whose answers declare an intent.
 * Answered or dismissed, it is not asked again: for the rest of the page, and on later visits
 * when consent allows persisting. Storage is read after mount, never while rendering, so the
 * server and the first render show nothing and the question appears once the device is checked;
 * give it a place where its arrival moves nothing (a reserved box, an overlay).
 */
export function IntentQuestion(props: IntentQuestionProps): ReactNode {
  const client = useClientFor('<IntentQuestion>');
  const m = profileMessages(client);
  const id = typeof props.id === 'string' && props.id !== '' ? props.id : 'default';
  const ids = useId();
  const title = useRef<HTMLHeadingElement>(null);
  // null until checked after mount; then whether an earlier answer or dismissal hides it.
  const [earlier, setEarlier] = useState<Outcome | 'none' | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);

  const choices = useMemo(() => {
    const given = (Array.isArray(props.choices) ? props.choices : [props.choices]) as unknown[];
    const labels = new Map<unknown, string>();
    const intents = given.map((c) => {
      if (typeof c === 'object' && c !== null && 'intent' in c) {
        const { intent, label } = c as { intent: unknown; label: unknown };
        if (typeof label === 'string' && label !== '' && !labels.has(intent))
          labels.set(intent, label);
        return intent;
      }
      return c;
    });
    return knownIntents(client, intents, '<IntentQuestion choices>').map((intent) => ({
      intent,
      label: labels.get(intent) ?? client.getServerState().beliefs[intent]?.label ?? intent,
    }));
  }, [client, props.choices]);

  // Answered elsewhere already (the profile's "that's right", a declaration by the app).
  const declared = useSyncExternalStore(
    client.subscribe,
    useCallback(
      () => choices.some((c) => client.getState().beliefs[c.intent]?.declared === true),
      [client, choices],
    ),
    () => false,
  );

  useEffect(() => {
    let seen: PrivacyView | null = null;
    let forgets = -1;
    const check = (): void => {
      const privacy = client.privacy();
      const count = internalsOf(client).forgets;
      // Only consent and forget change the answer; signals do not, so they cost nothing here.
      if (privacy === seen && count === forgets) return;
      seen = privacy;
      forgets = count;
      const mine = remembered(client, id);
      // Answered before consent allowed persisting: keep it now that it does.
      if (mine && stored(client, id) === null) remember(client, id, mine);
      setEarlier(mine ?? stored(client, id) ?? 'none');
    };
    check();
    return client.subscribe(check);
  }, [client, id]);

  useEffect(() => {
    if (thanks !== null) title.current?.focus();
  }, [thanks]);

  if (thanks === null && (earlier !== 'none' || declared || choices.length === 0)) return null;

  const Title = heading(props.headingLevel);
  const titleId = `${ids}t`;
  return (
    <section
      className={props.className}
      aria-labelledby={titleId}
      data-intent-question={id}
      data-state={thanks === null ? 'open' : 'answered'}
    >
      {!props.unstyled && <style>{questionCss}</style>}
      <Title id={titleId} ref={title} tabIndex={-1}>
        {props.question ?? m.question}
      </Title>
      {thanks === null && (
        <>
          <ul data-part="choices">
            {choices.map(({ intent, label }) => (
              <li key={intent}>
                <button
                  type="button"
                  data-intent-choice={intent}
                  onClick={() => {
                    client.declare(intent, true);
                    remember(client, id, 'answered');
                    setThanks(m.thanks(label));
                    props.onAnswer?.(intent);
                  }}
                >
                  {label}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            data-part="dismiss"
            onClick={() => {
              remember(client, id, 'dismissed');
              setEarlier('dismissed');
              props.onDismiss?.();
            }}
          >
            {m.notNow}
          </button>
        </>
      )}
      <p role="status" data-part="status">
        {thanks}
      </p>
    </section>
  );
}
