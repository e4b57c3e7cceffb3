// Plugins are now set up before the engine exists. A plugin of the app's own that subscribes in
// `setup` (the documented rule is only "no DOM, storage or timers" there) used to work; now the
// context's methods reach an unassigned engine, the TypeError is caught and the whole plugin is
// dropped (reported once, a development-only warning by default). And `hasInitialState` reads
// `false` during setup even when `hydrate()` is given.
import {
  createIntentful,
  hydrate,
  type IntentfulPlugin,
  type PersistedState,
  serialize,
} from 'intentful/core';
import { describe, expect, it, vi } from 'vitest';
import { shopModel } from '../fixtures';

describe('a plugin that uses its context in setup', () => {
  it('hears signals it subscribed to in setup', () => {
    const onError = vi.fn();
    const heard: string[] = [];
    let changes = 0;
    const listener: IntentfulPlugin = {
      name: 'listener',
      setup(ctx) {
        ctx.onSignal((s) => heard.push(s.type));
        ctx.subscribe(() => changes++);
        return {};
      },
    };
    const client = createIntentful({ model: shopModel, plugins: [listener], onError });
    client.mount();
    client.track({ type: 'click', target: 'compare' });
    expect(onError).not.toHaveBeenCalled();
    expect(heard).toEqual(['click']);
    expect(changes).toBeGreaterThan(0);
    client.unmount();
  });

  it('reads hasInitialState as the client starts', () => {
    const server = createIntentful({ model: shopModel });
    server.track({ type: 'click', target: 'compare' });
    const state = JSON.parse(JSON.stringify(serialize(server))) as PersistedState;
    let seen: boolean | undefined;
    const probe: IntentfulPlugin = {
      name: 'probe',
      setup(ctx) {
        seen = ctx.hasInitialState;
        return {};
      },
    };
    createIntentful({ model: shopModel, plugins: [hydrate(state), probe] });
    expect(seen).toBe(true);
  });
});
