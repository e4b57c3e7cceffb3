// The unit id now comes only with the policies that carry it, marked by a non-enumerable symbol
// property. A copy of a built-in policy made with object spread (to rename it, or to wrap
// `decide` for logging) loses that mark: the experiment never gets a unit, and every visitor
// sees the fallback "not assigned to a test group yet", silently. Before, the copy worked.
import { createIntentful, defineSlots, type Policy } from 'intentful/core';
import { experiment } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

const variants = { standard: { fallback: true }, compare: { intents: ['compare'] } } as const;

describe('a spread copy of experiment()', () => {
  it('is assigned by a unit id like the original', () => {
    const base = experiment({ share: 0 });
    const logged: Policy[] = [];
    const copy: Policy = {
      ...base,
      name: 'hero-test',
      decide: (slot, ctx) => {
        logged.push(copy);
        return base.decide(slot, ctx);
      },
    };
    const onError = vi.fn();
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      slots: defineSlots({ hero: { variants, policy: copy } }),
      onError,
    });
    client.mount();
    const d = client.slot('hero').get();
    expect(d.assignment?.unit).toEqual(expect.any(String));
    expect(d.reason).not.toMatch(/not assigned/);
    client.unmount();
  });
});
