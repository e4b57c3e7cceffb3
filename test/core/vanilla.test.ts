import { describe, expect, it, vi } from 'vitest';

// The engine must run where React does not exist (servers, workers, replays).
vi.mock('react', () => {
  throw new Error('intentful/core imported React');
});

describe('intentful/core', () => {
  it('works without React', async () => {
    const { createIntentEngine, defineModel } = await import('intentful/core');
    const model = defineModel({
      intents: { a: { evidence: [{ when: { type: 'x' }, weight: 1 }] } },
    });
    const engine = createIntentEngine({ model, clock: () => 0 });
    engine.track({ type: 'x' });
    expect(engine.store.getState().beliefs.a.score).toBe(-1);
  });
});
