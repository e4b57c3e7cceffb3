// A client's sentences used to be fixed when the client was created (`withMessages` at
// creation). The per-part merge is now cached globally by the identity of the object the app
// passed, so an app that keeps one `messages` object and updates it on a language switch before
// creating the next client gets the previous language from intent match, the policies and the
// hub's fallback, while the core's own sentences (next steps) are in the new language: one page,
// two languages.
import { createIntentful, defineSlots, type Messages } from 'intentful/core';
import { rules } from 'intentful/policies';
import { describe, expect, it } from 'vitest';
import { shopModel } from '../fixtures';

const variants = { standard: { fallback: true }, compare: { intents: ['compare'] } } as const;

function reasons(messages: Partial<Messages>) {
  const client = createIntentful({
    model: shopModel,
    messages,
    slots: defineSlots({
      hero: { variants },
      banner: { variants, policy: rules([{ variant: 'compare' }]) },
    }),
  });
  client.mount();
  const out = {
    hero: client.slot('hero').get().reason,
    banner: client.slot('banner').get().reason,
  };
  client.unmount();
  return out;
}

describe('one messages object, updated between clients', () => {
  it('the second client says the sentences it was created with', () => {
    const messages: { -readonly [K in keyof Messages]?: Messages[K] } = {
      standard: 'Die Standardversion.',
      everyone: 'Für alle.',
    };
    expect(reasons(messages)).toEqual({ hero: 'Die Standardversion.', banner: 'Für alle.' });
    // The user switches to French; the app updates its translations and makes a new client.
    messages.standard = 'La version standard.';
    messages.everyone = 'Pour tout le monde.';
    expect(reasons(messages)).toEqual({
      hero: 'La version standard.',
      banner: 'Pour tout le monde.',
    });
  });
});
