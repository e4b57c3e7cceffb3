// The profile in server HTML, then hydrated: what the server knew is shown, nothing complains,
// and what the device remembers appears once mounted.
import { act } from '@testing-library/react';
import { createIntentful, hydrate, IntentProvider, persistence, serialize } from 'intentful';
import { IntentProfile, IntentQuestion } from 'intentful/profile';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, memoryStorage, shopModel } from '../fixtures';
import { createIntentEngine } from '../internal';

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const page = (client: ReturnType<typeof createIntentful>) => (
  <IntentProvider client={client}>
    <IntentQuestion choices={['compare', 'gift']} />
    <IntentProfile />
  </IntentProvider>
);

describe('<IntentProfile> on the server', () => {
  it('renders the title, the empty state, the consent and its choices, and no question', () => {
    const html = renderToString(page(createIntentful({ model: shopModel, consent: 'granted' })));
    expect(html).toContain('What we think you are here for</h2>');
    expect(html).toContain('data-state="empty"');
    expect(html).toContain('We remember this on this device');
    expect(html).toMatch(/<input(?=[^>]*value="granted")(?=[^>]*checked="")/);
    expect(html).toContain('Forget all this</button>');
    expect(html).toContain('role="status"');
    expect(html).not.toContain('What brings you here today?');
  });

  it('renders what the server state holds (a declaration carried in initialState)', () => {
    const server = createIntentful({ model: shopModel, clock: () => 0 });
    server.declare('gift', true);
    const html = renderToString(
      page(createIntentful({ model: shopModel, plugins: [hydrate(serialize(server))] })),
    );
    expect(html).toContain('data-intent-belief="gift"');
    expect(html).toContain('You told us');
  });

  it('hydrates without a word, then shows what the device remembered', async () => {
    const earlier = fakeClock();
    const saved = createIntentEngine({ model: shopModel, clock: earlier.clock });
    saved.track({ type: 'click', target: 'compare' });
    saved.track({ type: 'click', target: 'compare' });
    const storage = memoryStorage();
    storage.setItem(
      'intentful',
      JSON.stringify({ v: 1, savedAt: earlier.now, state: saved.serialize() }),
    );
    const options = {
      model: shopModel,
      consent: 'granted',
      clock: () => earlier.now,
      storage,
    } as const;

    const container = document.createElement('div');
    container.innerHTML = renderToString(page(createIntentful(options)));
    document.body.append(container);
    const problems: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => problems.push(args));
    vi.spyOn(console, 'warn').mockImplementation((...args) => problems.push(args));
    await act(async () => {
      root = hydrateRoot(
        container,
        page(createIntentful({ ...options, plugins: [persistence()] })),
        { onRecoverableError: (...args) => problems.push(args) },
      );
    });
    expect(problems).toEqual([]);
    expect(container.querySelector('[data-intent-belief="compare"]')?.textContent).toContain(
      'Because you opened the comparison ×2.',
    );
    expect(container.textContent).toContain('What brings you here today?');
  });
});
