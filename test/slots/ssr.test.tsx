import { act } from '@testing-library/react';
import {
  AdaptiveSlot,
  createIntentEngine,
  experiment,
  IntentProvider,
  type PersistedState,
  type Policy,
  Variant,
  WhyThis,
} from 'intentful';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

function Page(props: { policy?: Policy }) {
  return (
    <main>
      <AdaptiveSlot id="hero" {...props}>
        <Variant id="standard" fallback>
          Standard
        </Variant>
        <Variant id="compare" intents={['compare']}>
          Compare plans
        </Variant>
      </AdaptiveSlot>
      <WhyThis slot="hero" />
    </main>
  );
}

async function hydrate(
  html: string,
  ui: React.ReactNode,
): Promise<{ container: HTMLElement; problems: unknown[][] }> {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const problems: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args) => problems.push(args));
  vi.spyOn(console, 'warn').mockImplementation((...args) => problems.push(args));
  await act(async () => {
    hydrateRoot(container, ui, { onRecoverableError: (...args) => problems.push(args) });
  });
  return { container, problems };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('server rendering of slots', () => {
  it('chooses from the given state on the server and hydrates without a mismatch', async () => {
    const server = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: server.clock });
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const state: PersistedState = engine.serialize();
    const html = renderToString(
      <IntentProvider model={shopModel} initialState={state} clock={server.clock}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('data-variant="compare"');
    expect(html).toContain('Compare plans');
    expect(html).toContain('Why am I seeing this?');

    const client = fakeClock(server.now + 5_000);
    const { container, problems } = await hydrate(
      html,
      <IntentProvider model={shopModel} initialState={state} clock={client.clock}>
        <Page />
      </IntentProvider>,
    );
    expect(problems).toEqual([]);
    expect(container.querySelector('[data-intent-slot]')?.getAttribute('data-variant')).toBe(
      'compare',
    );
  });

  it('renders the fallback without state and hydrates cleanly', async () => {
    const html = renderToString(
      <IntentProvider model={shopModel}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('data-variant="standard"');
    const { problems } = await hydrate(
      html,
      <IntentProvider model={shopModel}>
        <Page />
      </IntentProvider>,
    );
    expect(problems).toEqual([]);
  });

  it('renders an experiment on the server when the unit id is given to both sides', async () => {
    const policy = experiment({ share: 0, weights: { compare: 1 } });
    const html = renderToString(
      <IntentProvider model={shopModel} unitId="visitor-1">
        <Page policy={policy} />
      </IntentProvider>,
    );
    expect(html).toContain('data-variant="compare"');
    expect(html).toContain('data-policy="experiment"');
    const { container, problems } = await hydrate(
      html,
      <IntentProvider model={shopModel} unitId="visitor-1">
        <Page policy={policy} />
      </IntentProvider>,
    );
    expect(problems).toEqual([]);
    expect(container.textContent).toContain('Compare plans');
  });

  it('without a unit id the server shows the fallback and the client assigns after hydration, still without errors', async () => {
    const policy = experiment({ share: 0, weights: { compare: 1 } });
    const html = renderToString(
      <IntentProvider model={shopModel}>
        <Page policy={policy} />
      </IntentProvider>,
    );
    expect(html).toContain('data-variant="standard"');
    const { container, problems } = await hydrate(
      html,
      <IntentProvider model={shopModel}>
        <Page policy={policy} />
      </IntentProvider>,
    );
    expect(problems).toEqual([]);
    expect(container.textContent).toContain('Compare plans');
  });
});
