// @vitest-environment node
import { IntentProvider, startCollectors } from 'intentful';
import { renderToString } from 'react-dom/server';
import { expect, it } from 'vitest';
import { shopModel } from '../fixtures';

it('imports, renders and starts collectors on a server without touching browser globals', () => {
  expect(typeof window).toBe('undefined');
  const html = renderToString(
    <IntentProvider model={shopModel} consent="granted">
      <main data-intent-page="home">hello</main>
    </IntentProvider>,
  );
  expect(html).toContain('hello');
  const collectors = startCollectors({ track: () => true, clock: () => 0 });
  expect(() => {
    collectors.pageView('/x');
    collectors.stop();
  }).not.toThrow();
});
