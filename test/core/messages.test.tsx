// Every sentence said to end users is replaced through the client's `messages`, whichever part
// says it: the core (intent match, the hub's fallback), the policies, and the slot components.
// Each part keeps its own English defaults, so a replacement must reach each of them.
import { render, screen } from '@testing-library/react';
import { createIntentful, defineSlots, type Messages, type Policy } from 'intentful';
import { bandit, experiment, rules } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';
import { heroPage } from '../pages';

const variants = { standard: { fallback: true }, compare: { intents: ['compare'] } } as const;

function reasonOf(policy: Policy, messages: object) {
  const client = createIntentful({
    model: shopModel,
    unitId: 'u1',
    slots: defineSlots({ hero: { variants, policy } }),
    messages: messages as Partial<Messages>,
  });
  client.mount();
  return client.slot('hero').get().reason;
}

describe('messages reach every part that speaks', () => {
  it('policies say the replaced sentence, and keep English for the rest', () => {
    expect(reasonOf(experiment({ share: 0 }), { testGroup: 'Zufällig gewählt.' })).toBe(
      'Zufällig gewählt.',
    );
    expect(reasonOf(experiment({ share: 1 }), { testGroup: 'Zufällig gewählt.' })).toBe(
      'The standard version: this visit is in the comparison group that helps us check personalization really helps.',
    );
    expect(reasonOf(rules([{ variant: 'compare' }]), { everyone: 'Für alle.' })).toBe('Für alle.');
    expect(
      reasonOf(bandit({ seed: 1, persist: false }), {
        learning: (shown: number) => `${shown} Mal gezeigt.`,
      }),
    ).toBe('0 Mal gezeigt.');
  });

  it('a replacement of the wrong kind is ignored, not said', () => {
    expect(reasonOf(bandit({ seed: 1, persist: false }), { learning: 'not a function' })).toMatch(
      /^We are trying versions/,
    );
    expect(reasonOf(rules([{ variant: 'compare' }]), { everyone: 42 })).toBe(
      'Shown to everyone on this page.',
    );
  });

  it('intent match and the slot components say the replaced sentences', () => {
    const client = createIntentful({
      model: shopModel,
      messages: {
        standard: 'Die Standardversion.',
        why: 'Warum sehe ich das?',
        likely: (intent, c) => `${intent}: ${Math.round(c * 100)} Prozent.`,
      },
    });
    const page = heroPage(client, { live: true });
    const { rerender } = render(page);
    expect(screen.getByText('Warum sehe ich das?')).toBeTruthy();
    expect(client.slot('hero').get().reason).toBe('Die Standardversion.');
    for (let i = 0; i < 4; i++) client.track({ type: 'click', target: 'compare' });
    rerender(page);
    const b = client.belief('compare');
    expect(client.slot('hero').get().reason).toBe(
      `${b.label}: ${Math.round(b.confidence * 100)} Prozent.`,
    );
  });
});

describe('a replaced sentence that fails', () => {
  it('says the English one instead, wherever it is said, and is reported once', () => {
    const onError = vi.fn();
    const boom = (): string => {
      throw new Error('missing translation');
    };
    const client = createIntentful({
      model: shopModel,
      onError,
      messages: { likely: boom, step: boom, why: 'Warum?' } as Partial<Messages>,
    });
    const page = heroPage(client, { live: true });
    const { rerender, container } = render(page);
    for (let i = 0; i < 4; i++) client.track({ type: 'click', target: 'compare' });
    rerender(page);
    // Intent match, <WhyThis> and the next step all said the default.
    expect(client.slot('hero').get().reason).toMatch(/^Shown because you seem to be .* sure\)\.$/);
    expect(container.textContent).toContain('Warum?');
    expect(client.getState().nextStep?.why).toMatch(/: you seem to be /);
    const reported = onError.mock.calls.map(([e]) => String(e));
    expect(reported.filter((m) => m.includes('messages.likely'))).toHaveLength(1);
    expect(reported.filter((m) => m.includes('messages.step'))).toHaveLength(1);
  });

  it('a policy sentence that gives no string falls back too', () => {
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      unitId: 'u1',
      onError,
      slots: defineSlots({ hero: { variants, policy: bandit({ seed: 1, persist: false }) } }),
      messages: { learning: () => undefined } as unknown as Partial<Messages>,
    });
    client.mount();
    expect(client.slot('hero').get().reason).toMatch(/^We are trying versions/);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/messages\.learning failed/);
  });
});
