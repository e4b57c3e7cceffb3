'use client';
import { internalsOf } from '../core/client';
import { messagesOf, type ProfileMessages } from '../core/messages';

const list = (items: readonly string[]): string =>
  items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** English defaults of the profile's sentences; replace them with the client's `messages`. */
export const defaultProfileMessages: ProfileMessages = {
  profileTitle: 'What we think you are here for',
  profileEmpty:
    'Nothing yet: we have not guessed what you are looking for, so you see the standard pages.',
  certainty: (c) => (c >= 0.9 ? 'Almost certain' : c >= 0.7 ? 'Fairly sure' : 'Just a hunch'),
  declared: (value) => (value ? 'You told us' : 'Not you, you said'),
  because: (because) => `Because you ${list(because)}.`,
  becauseUnlabelled: 'From how you have browsed so far.',
  confirm: 'That’s right',
  reject: 'Not me',
  undo: 'Undo',
  forget: 'Forget all this',
  noted: (intent, value) =>
    value === true
      ? `Noted: ${intent}. Thanks for telling us.`
      : value === false
        ? `Noted: not ${intent}. We will stop suggesting it.`
        : `Undone: we go back to guessing about ${intent}.`,
  forgotten: 'Done: we forgot what we guessed and what you told us.',
  consentState: (consent, gpc) =>
    gpc
      ? 'Your browser asks sites not to track you, so nothing you do is tracked; only what you tell us here counts.'
      : consent === 'granted'
        ? 'We remember this on this device to keep helping on your next visit.'
        : consent === 'denied'
          ? 'Personalization is off: nothing you do is tracked; only what you tell us here counts.'
          : 'We use this for this visit only; nothing is stored.',
  consentLegend: 'Personalization',
  consentChoice: (consent) =>
    consent === 'granted'
      ? 'Remember on this device'
      : consent === 'denied'
        ? 'Off'
        : 'This visit only',
  question: 'What brings you here today?',
  notNow: 'Not now',
  thanks: (choice) => `Thanks: we will keep “${choice}” in mind.`,
};

/**
 * The profile's sentences for a client: its `messages` over the English defaults. A replaced
 * sentence that throws or returns no string is reported once and the English one is used, so a
 * translation bug never takes the page down.
 */
export const profileMessages = (client: object): ProfileMessages =>
  // The client's copy of `messages` reports a sentence that fails; this falls back to English.
  messagesOf(internalsOf(client).givenMessages, defaultProfileMessages);
