// The README's sinks example, run as written: examples/analytics/sinks.ts is the code users paste.
import { afterEach, expect, it } from 'vitest';
import { client } from '../../examples/analytics/sinks';
import { googleTagSnippet, posthogSnippet, segmentSnippet, win } from './snippets';

afterEach(() => {
  for (const name of ['dataLayer', 'gtag', 'analytics', 'posthog']) delete win[name];
});

it('sends nothing to any vendor before consent, then a goal to all three', () => {
  const dataLayer = googleTagSnippet();
  const segment = segmentSnippet();
  const posthog = posthogSnippet();
  client.mount();
  try {
    client.goal('purchase', 30);
    expect([dataLayer.length, segment.length, posthog.length]).toEqual([0, 0, 0]);

    client.setConsent('granted');
    client.goal('purchase', 30);
    expect(dataLayer.map((args) => [...(args as IArguments)].slice(0, 2))).toEqual([
      ['event', 'intentful_outcome'],
    ]);
    expect([...segment]).toEqual([
      ['track', 'Intent Goal Reached', expect.objectContaining({ goal: 'purchase', value: 30 })],
    ]);
    expect([...posthog]).toEqual([
      ['capture', 'intent goal reached', expect.objectContaining({ goal: 'purchase', value: 30 })],
    ]);
  } finally {
    client.unmount();
  }
});
