import { act } from '@testing-library/react';
import { createIntentEngine, IntentProvider, useIntent, useNextStep } from 'intentful';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { fakeClock, shopModel } from '../fixtures';

function Page() {
  const { top } = useIntent();
  const step = useNextStep();
  const compare = useIntent('compare');
  return (
    <main>
      <p>top: {top?.intent ?? 'none'}</p>
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
      <IntentProvider model={shopModel} initialState={initialState} clock={server.clock}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('top: <!-- -->compare');
    expect(html).toContain('step: <!-- -->comparison-table');

    const client = fakeClock(server.now + 45_000);
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const errors = vi.spyOn(console, 'error');
    const warns = vi.spyOn(console, 'warn');
    const recoverable = vi.fn();
    await act(async () => {
      hydrateRoot(
        container,
        <IntentProvider model={shopModel} initialState={initialState} clock={client.clock}>
          <Page />
        </IntentProvider>,
        { onRecoverableError: recoverable },
      );
    });
    expect(errors).not.toHaveBeenCalled();
    expect(warns).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    expect(container.textContent).toContain('step: comparison-table');
  });

  it('renders priors on a server with no state', () => {
    const html = renderToString(
      <IntentProvider model={shopModel} clock={() => 0}>
        <Page />
      </IntentProvider>,
    );
    expect(html).toContain('top: <!-- -->none');
    expect(html).toContain('compare: <!-- -->0.119');
  });
});
