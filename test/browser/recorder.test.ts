import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSessions } from '../../src/calibrate/format';
import { bundle, htmlPage } from './support/bundle';
import { type Chromium, launchChromium, type StaticServer, serve } from './support/chromium';

let browser: Chromium;
let server: StaticServer;

// The Google tag snippet as documented: a dataLayer queue and a gtag that pushes its arguments.
const GOOGLE_TAG = `<script>window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}</script>`;

beforeAll(async () => {
  const app = await bundle(fileURLToPath(new URL('./fixture/recorder.ts', import.meta.url)));
  server = await serve({
    files: { '/app.js': app, '/index.html': htmlPage().replace('</head>', `${GOOGLE_TAG}</head>`) },
    fallback: '/index.html',
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Win = {
  __recorder: { ready: boolean; results: { download: boolean[] } };
  dataLayer: IArguments[];
};

describe('recorder and GA4 sink in chromium', () => {
  it('records nothing before consent, then downloads labelled sessions as a JSONL file', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => (window as unknown as Win).__recorder?.ready === true);
    await page.click('#add');
    await page.click('#download');
    expect(
      await page.evaluate(() => (window as unknown as Win).__recorder.results.download),
    ).toEqual([false]);
    // Nothing reached GA4 before consent.
    expect(await page.evaluate(() => (window as unknown as Win).dataLayer.length)).toBe(0);

    await page.click('#grant');
    await page.click('#add');
    await page.click('#buy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('shop-sessions.jsonl');
    const text = await readFile((await download.path())!, 'utf8');
    const { sessions, errors } = parseSessions(text);
    expect(errors).toEqual([]);
    expect(sessions).toHaveLength(1);
    const [s] = sessions;
    expect(s!.outcomes).toEqual({ purchase: true });
    // The click before consent is added when consent arrives; the goal closes the session's story.
    expect(s!.signals.filter((x) => x.type === 'click').map((x) => x.target)).toEqual([
      'add-to-cart',
      'add-to-cart',
    ]);
    expect(s!.signals.at(-1)).toMatchObject({ type: 'goal', target: 'purchase' });

    const events = await page.evaluate(() =>
      (window as unknown as Win).dataLayer.map((a) => [a[0], a[1], a[2]]),
    );
    expect(events).toContainEqual([
      'event',
      'intentful_outcome',
      expect.objectContaining({ goal: 'purchase', slot: 'banner' }),
    ]);
    await page.close();
  });
});
