// Server rendering with react-dom/server, then hydration in jsdom: what the user sees first is
// what the server sent, nothing complains, and the page adapts once mounted.
import { act } from '@testing-library/react';
import {
  AdaptiveSlot,
  collectors,
  createIntentful,
  IntentProvider,
  persistence,
  useConsent,
  useIntent,
  useNextStep,
  useTopIntent,
  Variant,
  WhyThis,
} from 'intentful';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine } from '../internal';

function Page() {
  const consent = useConsent();
  return (
    <main>
      <AdaptiveSlot id="hero" live>
        <Variant id="standard" fallback>
          Standard
        </Variant>
        <Variant id="compare" intents={['compare']}>
          Compare plans
        </Variant>
      </AdaptiveSlot>
      <WhyThis slot="hero" />
      <p>top: {useTopIntent() ?? 'none'}</p>
      <p>step: {useNextStep()?.id ?? 'none'}</p>
      <p>compare: {useIntent('compare', (b) => b.confidence > 0.5) ? 'likely' : 'unlikely'}</p>
      <p>consent: {consent.consent}</p>
    </main>
  );
}

let root: Root | undefined;
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  localStorage.clear();
});

async function hydrate(html: string, client: ReturnType<typeof createIntentful>) {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const problems: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args) => problems.push(args));
  vi.spyOn(console, 'warn').mockImplementation((...args) => problems.push(args));
  await act(async () => {
    root = hydrateRoot(
      container,
      <IntentProvider client={client}>
        <Page />
      </IntentProvider>,
      { onRecoverableError: (...args) => problems.push(args) },
    );
  });
  return { container, problems };
}

const hero = (container: HTMLElement) =>
  container.querySelector('[data-intent-slot="hero"]') as HTMLElement;

describe('server render then hydration', () => {
  it("the server HTML holds the fallback variant's content for a JSX slot", () => {
    const server = createIntentful({ model: shopModel, clock: () => 0 });
    const html = renderToString(
      <IntentProvider client={server}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('>Standard</div>');
    expect(html).not.toContain('Compare plans');
    // Until its variants register, a JSX slot does not claim a variant or a policy.
    expect(html).not.toContain('data-policy');
    expect(html).toContain('top: <!-- -->none');
  });

  it('hydrates without a word even though the mounted state differs, then adapts', async () => {
    // The device saved a visit that compared plans; the server cannot know it.
    const earlier = fakeClock();
    const saved = createIntentEngine({ model: shopModel, clock: earlier.clock });
    saved.track({ type: 'click', target: 'compare' });
    saved.track({ type: 'click', target: 'compare' });
    localStorage.setItem(
      'intentful',
      JSON.stringify({ v: 1, savedAt: earlier.now, state: saved.serialize() }),
    );

    const html = renderToString(
      <IntentProvider
        client={createIntentful({ model: shopModel, consent: 'granted', clock: () => earlier.now })}
      >
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('>Standard</div>');

    const time = fakeClock(earlier.now + 1_000);
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      clock: time.clock,
      plugins: [persistence(), collectors({ session: false })],
    });
    const rendered: string[] = [];
    const off = client.subscribe(() => rendered.push(client.getState().top?.intent ?? 'none'));
    const { container, problems } = await hydrate(html, client);
    off();
    expect(problems).toEqual([]);
    // The saved visit was loaded on mount, after hydration matched the server.
    expect(rendered).toContain('compare');
    expect(container.textContent).toContain('top: compare');
    expect(container.textContent).toContain('step: comparison-table');
    expect(hero(container).dataset.variant).toBe('compare');
    expect(container.textContent).toContain('Compare plans');
  });

  it('after mount the decision follows new evidence', async () => {
    const html = renderToString(
      <IntentProvider client={createIntentful({ model: shopModel, clock: () => 0 })}>
        <Page />
      </IntentProvider>,
    );
    const time = fakeClock();
    const client = createIntentful({ model: shopModel, clock: time.clock });
    const { container, problems } = await hydrate(html, client);
    expect(problems).toEqual([]);
    expect(hero(container).dataset).toMatchObject({ variant: 'standard', policy: 'intent-match' });
    expect(container.textContent).toContain('compare: unlikely');
    act(() => {
      time.advance(1000);
      client.track({ type: 'click', target: 'compare' });
      client.track({ type: 'click', target: 'compare' });
    });
    expect(hero(container).dataset.variant).toBe('compare');
    expect(container.textContent).toContain('Compare plans');
    expect(container.textContent).toContain('compare: likely');
    expect(container.textContent).toContain('step: comparison-table');
    expect(problems).toEqual([]);
  });

  it('reads neither Date.now nor Math.random while rendering on the server', () => {
    // Built beforehand, with every plugin, as a request handler would.
    const client = createIntentful({
      model: shopModel,
      consent: 'granted',
      plugins: [collectors(), persistence()],
    });
    const now = vi.spyOn(Date, 'now');
    const random = vi.spyOn(Math, 'random');
    const html = renderToString(
      <IntentProvider client={client}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('Standard');
    expect(now).not.toHaveBeenCalled();
    expect(random).not.toHaveBeenCalled();
  });
});
