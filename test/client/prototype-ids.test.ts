import { analytics, createIntentful, defineModel, defineSlots, ModelError } from 'intentful/core';
import { experiment, rules } from 'intentful/policies';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('ids that every object already has', () => {
  it.each(names)('defineModel rejects the intent and step id %s', (name) => {
    const intents = JSON.parse(`{"${name}": {"evidence": []}}`);
    expect(() => defineModel({ intents })).toThrow(ModelError);
    expect(() => defineModel({ intents })).toThrow(/every JavaScript object has/);
    expect(() =>
      defineModel({ intents: { ok: { evidence: [] } }, steps: [{ id: name, intent: 'ok' }] }),
    ).toThrow(/every JavaScript object has/);
  });

  it.each(names)('defineSlots and rules() reject the slot or variant id %s', (name) => {
    const variants = JSON.parse(`{"a": {"fallback": true}, "${name}": {}}`);
    expect(() => defineSlots({ hero: { variants } })).toThrow(/every JavaScript object has/);
    expect(() => defineSlots(JSON.parse(`{"${name}": {"variants": {"a": {}}}}`))).toThrow(
      /every JavaScript object has/,
    );
    expect(() => rules([{ variant: name }])).toThrow(/every JavaScript object has/);
  });

  it('a policy answering a prototype name shows the fallback and is reported, never a blank slot', () => {
    const onError = vi.fn();
    const slots = defineSlots({
      hero: {
        policy: { name: 'sneaky', decide: () => ({ variant: 'constructor', reason: 'x' }) },
        variants: { standard: { fallback: true }, compare: {} },
      },
    });
    const client = createIntentful({ model: shopModel, slots, onError });
    client.mount();
    expect(client.slot('hero').get()).toMatchObject({ variant: 'standard', fallback: true });
    expect(onError.mock.calls[0]?.[0].message).toMatch(/unknown variant "constructor"/);
    client.unmount();
  });

  it('a corrupt stored assignment naming a prototype key is ignored and nothing is sent for it', async () => {
    const { persistence } = await import('intentful/core');
    const data = new Map<string, string>([
      ['intentful:slots', JSON.stringify({ 'intentful:x:hero:experiment': 'constructor' })],
    ]);
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const sent: unknown[] = [];
    const slots = defineSlots({
      hero: { policy: experiment(), variants: { a: { fallback: true }, b: {} } },
    });
    const client = createIntentful({
      model: shopModel,
      slots,
      storage,
      consent: 'granted',
      unitId: 'u1',
      plugins: [persistence(), analytics({ sinks: [(e) => sent.push(e)] })],
    });
    client.mount();
    const d = client.slot('hero').get();
    expect(['a', 'b']).toContain(d.variant);
    await Promise.resolve();
    expect(JSON.stringify(sent)).not.toContain('constructor');
    client.unmount();
  });

  it('explains a policy that returns null or a Promise', () => {
    const onError = vi.fn();
    const make = (decide: () => unknown) =>
      defineSlots({ hero: { policy: { name: 'p', decide } as never, variants: { a: {}, b: {} } } });
    for (const [decide, message] of [
      [() => null, /returned null: decide\(\) must return \{ variant, reason \}/],
      [async () => ({ variant: 'b', reason: '' }), /returned a Promise/],
    ] as const) {
      onError.mockClear();
      const client = createIntentful({ model: shopModel, slots: make(decide), onError });
      expect(client.slot('hero').get().variant).toBe('a');
      expect(onError.mock.calls[0]?.[0].message).toMatch(message);
    }
  });
});

describe('renamed and misspelt model fields', () => {
  it('fails loudly instead of loading a rule without its bound or scaling', () => {
    const rule = { when: { type: 'click' }, weight: 1 };
    expect(() =>
      defineModel({ intents: { a: { evidence: [{ ...rule, cap: 2 } as never] } } }),
    ).toThrow('intentful: intent "a", evidence[0]: `cap` is now called `maxContribution`');
    expect(() =>
      defineModel({ intents: { a: { evidence: [{ ...rule, per: { field: 'ms' } } as never] } } }),
    ).toThrow(/`per` is now called `scaleBy`/);
    expect(() =>
      defineModel({ intents: { a: { evidence: [] } }, switchMargin: 0.2 } as never),
    ).toThrow(/`switchMargin` is now called `minLeadToSwitch`/);
    expect(() => defineModel({ intents: { a: { evidnce: [] } as never } })).toThrow(
      /unknown field `evidnce` \(known: label, prior, halfLife, dismissWeight, evidence, satisfiedBy, satisfiedFor\)/,
    );
  });
});
