// `messages` that is not an object (an i18n lookup that returns its key string when the
// namespace is missing, a JS app passing a locale code) used to be ignored: every sentence
// stayed English. Since the sentences are merged per part through a WeakMap keyed by the
// given value, a string key throws "Invalid value used as weak map key" while a slot decides,
// and the hub's fallback reason throws the same way from its catch, so the read fails.
import { render, screen } from '@testing-library/react';
import { createIntentful, type Messages } from 'intentful';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';
import { resolveSlot } from '../internal';
import { heroPage } from '../pages';

const hero = resolveSlot('hero', {
  standard: { fallback: true },
  compare: { intents: ['compare'] },
});

describe('messages that are not an object', () => {
  it('a slot still decides, in English', () => {
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      messages: 'intentful' as unknown as Partial<Messages>,
      onError,
    });
    client.mount();
    client.slot('hero').configure(hero);
    expect(() => client.slot('hero').get()).not.toThrow();
    expect(client.slot('hero').get().reason).toBe(
      'The standard version: nothing specific stood out yet.',
    );
    client.unmount();
  });

  it('<AdaptiveSlot> and <WhyThis> render', () => {
    const client = createIntentful({
      model: shopModel,
      messages: 'intentful' as unknown as Partial<Messages>,
      onError: () => {},
    });
    expect(() => render(heroPage(client))).not.toThrow();
    expect(screen.getByText('Why am I seeing this?')).toBeTruthy();
  });
});
