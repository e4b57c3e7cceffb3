// @vitest-environment node
import { collectors, createIntentful, IntentProvider, persistence } from 'intentful';
import { renderToString } from 'react-dom/server';
import { expect, it } from 'vitest';
import { shopModel } from '../fixtures';
import { startCollectors } from '../internal';

it('imports, renders and starts collectors on a server without touching browser globals', () => {
  expect(typeof window).toBe('undefined');
  const client = createIntentful({
    model: shopModel,
    consent: 'granted',
    plugins: [collectors(), persistence()],
  });
  const html = renderToString(
    <IntentProvider client={client}>
      <main data-intent-page="home">hello</main>
    </IntentProvider>,
  );
  expect(html).toContain('hello');
  // Mounting outside React (a server that renders and then tears down) touches nothing either.
  expect(() => {
    client.mount();
    client.unmount();
  }).not.toThrow();
  const running = startCollectors({ track: () => true, clock: () => 0 });
  expect(() => {
    running.pageView('/x');
    running.stop();
  }).not.toThrow();
});
