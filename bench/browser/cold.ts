/**
 * Cold start in chromium: the first 1,000 signals of a fresh page (a new browser context each
 * time, so no code cache or warmed JIT carries over), p50 and p99 per signal, beside the same
 * page's figures after 20,000 more signals. The page script is bundled as an app ships it
 * (esbuild, minified, production, intentful from `dist/`).
 * Run: npx tsx bench/run.ts browser/cold.ts
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/browser/support/chromium';
import { bundleForBrowser, isMain, summarize, wantsJson } from '../lib';
import type { ColdPage } from './cold-page';

const PAGES = Number(process.env.BENCH_COLD_PAGES ?? 5);

export interface ColdRun {
  pages: number;
  window: number;
  isolated: boolean;
  cold: { p50: number; p99: number };
  warm: { p50: number; p99: number };
  /** Medians over pages. */
  firstUs: number;
  setupMs: number;
  coldTotalMs: number;
}

// localhost is a secure context, so with these headers the page is cross-origin isolated and
// `performance.now()` resolves 5 µs instead of 100 µs.
const ISOLATED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cache-control': 'no-store',
};

export async function measureCold(): Promise<ColdRun> {
  const script = await bundleForBrowser('browser/cold-page.ts');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cold</title></head><body><script type="module" src="/cold.js"></script></body></html>';
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const pages: ColdPage[] = [];
  try {
    for (let p = 0; p < PAGES; p++) {
      const context = await browser.newContext();
      await context.route('http://localhost/**', (route) => {
        const js = route.request().url().endsWith('.js');
        return route.fulfill({
          status: 200,
          headers: { ...ISOLATED, 'content-type': js ? 'text/javascript' : 'text/html' },
          body: js ? script : html,
        });
      });
      const page = await context.newPage();
      await page.goto('http://localhost/');
      await page.waitForFunction(() => '__cold' in window, null, { timeout: 120_000 });
      pages.push(
        (await page.evaluate(() => (window as unknown as { __cold: ColdPage }).__cold)) as ColdPage,
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const pool = (f: (p: ColdPage) => number[]) => {
    const s = summarize(pages.flatMap(f));
    return { p50: s.median, p99: s.p99 };
  };
  const med = (f: (p: ColdPage) => number) => summarize(pages.map(f)).median;
  return {
    pages: pages.length,
    window: pages[0]?.window ?? 0,
    isolated: pages.every((p) => p.isolated),
    cold: pool((p) => p.cold),
    warm: pool((p) => p.warm),
    firstUs: med((p) => p.firstUs),
    setupMs: med((p) => p.setupMs),
    coldTotalMs: med((p) => p.coldTotalMs),
  };
}

if (isMain(import.meta.url)) {
  const r = await measureCold();
  if (wantsJson()) console.log(JSON.stringify(r));
  else console.log(JSON.stringify(r, null, 2));
}
