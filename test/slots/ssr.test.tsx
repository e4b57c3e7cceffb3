import { act } from '@testing-library/react';
import {
  AdaptiveSlot,
  createIntentful,
  defineSlots,
  hydrate,
  type IntentfulOptions,
  IntentProvider,
  type PersistedState,
  type Policy,
  Variant,
  WhyThis,
} from 'intentful';
import { experiment } from 'intentful/policies';
import { useState } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine } from '../internal';

/**
 * The hero's variants registered outside JSX: on a server, a slot's `<Variant>`s never register
 * (no effects run there), so only a registered slot can be decided from state before hydration.
 */
const registered = defineSlots({
  hero: {
    variants: { standard: {}, compare: { intents: ['compare'] } },
    fallback: 'standard',
  },
});

/** A provider with its own client, as each side (server request, browser page) builds one. */
function App(props: Omit<IntentfulOptions<string, string>, 'model'> & { policy?: Policy }) {
  const { policy, ...options } = props;
  const [client] = useState(() => createIntentful({ model: shopModel, ...options }));
  return (
    <IntentProvider client={client}>
      <Page {...(policy && { policy })} />
    </IntentProvider>
  );
}

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

async function hydrateHtml(
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
      <App plugins={[hydrate(state)]} clock={server.clock} slots={registered} />,
    );
    expect(html).toContain('data-variant="compare"');
    expect(html).toContain('Compare plans');
    expect(html).toContain('Why am I seeing this?');

    const client = fakeClock(server.now + 5_000);
    const { container, problems } = await hydrateHtml(
      html,
      <App plugins={[hydrate(state)]} clock={client.clock} slots={registered} />,
    );
    expect(problems).toEqual([]);
    expect(container.querySelector('[data-intent-slot]')?.getAttribute('data-variant')).toBe(
      'compare',
    );
  });

  it.each([
    ['a JSX slot', undefined],
    ['a registered slot', registered],
  ])('renders the fallback without state and hydrates cleanly: %s', async (_, slots) => {
    const html = renderToString(<App {...(slots && { slots })} />);
    // The fallback variant's content; the slot names its variant once it is known, which for
    // a JSX slot is only after its variants registered in the browser.
    expect(html).toContain('>Standard</div>');
    expect(html).not.toContain('Compare plans');
    if (slots) expect(html).toContain('data-variant="standard"');
    else expect(html).not.toContain('data-policy');
    const { container, problems } = await hydrateHtml(html, <App {...(slots && { slots })} />);
    expect(problems).toEqual([]);
    expect(container.querySelector('[data-intent-slot]')?.getAttribute('data-variant')).toBe(
      'standard',
    );
  });

  it('renders an experiment on the server when the unit id is given to both sides', async () => {
    // The policy is registered with the slot: a `policy` prop is applied in an effect, which a
    // server never runs.
    const slots = defineSlots({
      hero: {
        variants: { standard: {}, compare: { intents: ['compare'] } },
        fallback: 'standard',
        policy: experiment({ share: 0, weights: { compare: 1 } }),
      },
    });
    const html = renderToString(<App unitId="visitor-1" slots={slots} />);
    expect(html).toContain('data-variant="compare"');
    expect(html).toContain('data-policy="experiment"');
    const { container, problems } = await hydrateHtml(
      html,
      <App unitId="visitor-1" slots={slots} />,
    );
    expect(problems).toEqual([]);
    expect(container.textContent).toContain('Compare plans');
  });

  it.each([
    ['a JSX slot', undefined],
    ['a registered slot', registered],
  ])(
    'without a unit id the server shows the fallback and the client assigns after hydration, still without errors: %s',
    async (_, slots) => {
      const policy = experiment({ share: 0, weights: { compare: 1 } });
      const html = renderToString(<App policy={policy} {...(slots && { slots })} />);
      expect(html).toContain('>Standard</div>');
      if (slots) expect(html).toContain('data-variant="standard"');
      const { container, problems } = await hydrateHtml(
        html,
        <App policy={policy} {...(slots && { slots })} />,
      );
      expect(problems).toEqual([]);
      expect(container.textContent).toContain('Compare plans');
    },
  );
});
