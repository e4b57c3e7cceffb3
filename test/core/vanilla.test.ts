import { describe, expect, it, vi } from 'vitest';

// The client must run where React does not exist (servers, workers, replays, other frameworks).
vi.mock('react', () => {
  throw new Error('intentful/core imported React');
});
vi.mock('react/jsx-runtime', () => {
  throw new Error('intentful/core imported react/jsx-runtime');
});
vi.mock('react-dom', () => {
  throw new Error('intentful/core imported react-dom');
});

describe('intentful/core', () => {
  it('is tested with React really stubbed out', async () => {
    // vitest wraps the factory's error; the cause says which module was reached.
    const error = await import('intentful').then(
      () => null,
      (e: unknown) => e as Error & { cause?: unknown },
    );
    expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toMatch(
      /imported (React|react)/,
    );
  });

  it('works without React', async () => {
    const { createIntentful, defineModel } = await import('intentful/core');
    const model = defineModel({
      intents: { a: { evidence: [{ when: { type: 'x' }, weight: 1 }] } },
    });
    const client = createIntentful({ model, clock: () => 0 });
    client.track({ type: 'x' });
    expect(client.getState().beliefs.a.score).toBe(-1);
  });

  it('tracks, infers, decides a slot and mounts without React', async () => {
    const { collectors, createIntentful, defineModel, defineSlots, explain, persistence } =
      await import('intentful/core');
    const { intentMatch } = await import('intentful/policies');
    const model = defineModel({
      intents: {
        compare: {
          evidence: [{ when: { type: 'click', target: 'compare' }, weight: 1.5 }],
        },
        gift: { evidence: [{ when: { type: 'click', target: 'gift-wrap' }, weight: 2 }] },
      },
      steps: [{ id: 'comparison-table', intent: 'compare', minConfidence: 0.6 }],
    });
    const slots = defineSlots({
      hero: { variants: { standard: { fallback: true }, compare: { intents: ['compare'] } } },
    });
    const saved = new Map<string, string>();
    const storage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
      removeItem: (k: string) => void saved.delete(k),
    };
    let now = 1_000;
    const client = createIntentful({
      model,
      slots,
      policy: intentMatch(),
      clock: () => now,
      consent: 'granted',
      storage,
      unitId: 'u',
      plugins: [collectors({ pageViews: false }), persistence({ saveDelay: 0 })],
    });
    const published = vi.fn();
    const off = client.subscribe(published);
    const hero = client.slot('hero');

    // Nothing is listening before mount: a marked click is not collected.
    document.body.innerHTML = '<button data-intent-target="compare">Compare</button>';
    const button = document.querySelector('button') as HTMLButtonElement;
    button.click();
    expect(client.history()).toEqual([]);
    const clicks = () => client.history().filter((s) => s.type === 'click');

    client.mount();
    expect(hero.get()).toMatchObject({ slot: 'hero', variant: 'standard', fallback: true });

    // Collected from the DOM, and tracked directly.
    button.click();
    now += 10;
    expect(client.track({ type: 'click', target: 'compare' })).toBe(true);
    expect(clicks().map((s) => s.target)).toEqual(['compare', 'compare']);
    expect(published).toHaveBeenCalled();

    const state = client.getState();
    expect(state.beliefs.compare.observations).toBe(2);
    expect(state.beliefs.compare.confidence).toBeGreaterThan(0.6);
    expect(state.top?.intent).toBe('compare');
    expect(state.nextStep?.id).toBe('comparison-table');
    expect(client.belief('gift').observations).toBe(0);
    expect(explain(client.belief('compare'))).toContain('compare');

    // Slots decide at navigation unless live: a page view lets the slot switch.
    client.track({ type: 'page-view', target: '/next' });
    expect(hero.get()).toMatchObject({ variant: 'compare', policy: 'intent-match' });
    expect(client.decisions().map((d) => [d.slot, d.variant])).toEqual([['hero', 'compare']]);

    client.unmount();
    // Unmounted: collectors detached, so DOM clicks are no longer collected.
    const before = clicks().length;
    button.click();
    expect(clicks()).toHaveLength(before);
    // Persistence saved on unmount, with consent, to the injected storage.
    expect(JSON.parse(saved.get('intentful') ?? 'null')).toMatchObject({ v: expect.any(Number) });
    off();
  });
});
