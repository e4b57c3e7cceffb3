import { act } from '@testing-library/react';
import {
  createIntentful,
  hydrate,
  IntentProvider,
  useIntent,
  useNextStep,
  useTopIntent,
} from 'intentful';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';
import { createIntentEngine } from '../internal';

/** What each render of Page showed as its step, in order. */
const rendered: string[] = [];

function Page() {
  const top = useTopIntent();
  const step = useNextStep();
  const compare = useIntent('compare');
  rendered.push(step?.id ?? 'none');
  return (
    <main>
      <p>top: {top ?? 'none'}</p>
      <p>compare: {compare.confidence.toFixed(3)}</p>
      <p>step: {step?.id ?? 'none'}</p>
    </main>
  );
}

describe('server rendering', () => {
  it('renders from the given state and hydrates without a warning, even if the client clock moved on', async () => {
    const server = fakeClock();
    const engine = createIntentEngine({ model: shopModel, clock: server.clock });
    engine.track({ type: 'click', target: 'compare' });
    engine.track({ type: 'click', target: 'compare' });
    const initialState = engine.serialize();

    const html = renderToString(
      <IntentProvider
        client={createIntentful({
          model: shopModel,
          plugins: [hydrate(initialState)],
          clock: server.clock,
        })}
      >
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('top: <!-- -->compare');
    expect(html).toContain('step: <!-- -->comparison-table');

    const browser = fakeClock(server.now + 45_000);
    const client = createIntentful({
      model: shopModel,
      plugins: [hydrate(initialState)],
      clock: browser.clock,
    });
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const errors = vi.spyOn(console, 'error');
    const warns = vi.spyOn(console, 'warn');
    const recoverable = vi.fn();
    rendered.length = 0;
    await act(async () => {
      hydrateRoot(
        container,
        <IntentProvider client={client}>
          <Page />
        </IntentProvider>,
        { onRecoverableError: recoverable },
      );
    });
    expect(errors).not.toHaveBeenCalled();
    expect(warns).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    // Hydration rendered what the server rendered: the state it was given, not the client's clock.
    expect(rendered[0]).toBe('comparison-table');
    // Mounting dates the state by the client's clock: 45 s later the comparison has decayed
    // below the step's threshold, and the page follows after hydration, not during it.
    expect(rendered.at(-1)).toBe('none');
    expect(container.textContent).toContain('step: none');
    errors.mockRestore();
    warns.mockRestore();
    container.remove();
  });

  it('renders priors on a server with no state', () => {
    const html = renderToString(
      <IntentProvider client={createIntentful({ model: shopModel, clock: () => 0 })}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('top: <!-- -->none');
    expect(html).toContain('compare: <!-- -->0.119');
  });
});
