/**
 * Main-thread cost of intentful on a small storefront in chromium: the same scripted session
 * on the page with and without intentful (provider with every collector on, four adaptive
 * slots), alternating, several times each. Scripting and task time come from CDP
 * `Performance.getMetrics`; long tasks and layout shifts from PerformanceObservers in the page.
 * Run: npx tsx bench/browser/run.ts
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, serve } from '../../test/browser/support/chromium';
import { bundleForBrowser, isMain, wantsJson } from '../lib';

export interface BrowserRun extends PagePerf {
  variant: 'with' | 'without';
  loadScriptMs: number;
  scriptMs: number;
  taskMs: number;
}

const SESSIONS = Number(process.env.BENCH_BROWSER_SESSIONS ?? 3);

const html = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title><link rel="icon" href="data:,">
<style>body{margin:0;font:16px system-ui}</style></head><body><div id="root"></div>
<script type="module" src="${script}"></script></body></html>`;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** What the page measures itself (PerformanceObserver and the app's counters). */
interface PagePerf {
  longTasks: number;
  longTaskMs: number;
  /** Layout shifts without recent input (what CLS counts). */
  cls: number;
  /** Every layout shift, also those right after a click. */
  shiftAll: number;
  signals: number;
  switches: number;
}

const readPerf = (page: Page): Promise<PagePerf> =>
  page.evaluate(() => {
    const w = window as unknown as { __perf: PagePerf; __signals?: number };
    return { ...w.__perf, signals: w.__signals ?? 0 };
  });

const pause = (page: Page) => page.waitForTimeout(40);

async function scroll(page: Page, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, i < steps / 2 ? 150 : -150);
    await page.waitForTimeout(16);
  }
}

/** The same shopper every time: browse, open a product, hesitate over size, compare, check delivery, buy. */
async function session(page: Page): Promise<void> {
  await page.mouse.move(640, 400);
  for (let loop = 0; loop < 3; loop++) {
    await scroll(page, 20);
    await page.click('#nav-category');
    await pause(page);
    await page.click('#filter');
    await scroll(page, 20);
    await page
      .locator('[data-intent-target=product]')
      .nth(2 + loop)
      .click();
    await pause(page);
    for (const id of [
      '#size-guide',
      '#size-guide',
      '#compare',
      '#compare',
      '#shipping',
      '#shipping',
    ]) {
      await page.click(id);
      await pause(page);
    }
    await scroll(page, 20);
    await page.click('#nav-home');
    await pause(page);
    await scroll(page, 10);
    await page.click('#nav-category');
    await page.locator('[data-intent-target=product]').nth(5).click();
    await pause(page);
    await page.click('#add');
    await pause(page);
    await scroll(page, 10);
  }
  await page.waitForTimeout(500);
}

export async function measureBrowser(): Promise<BrowserRun[]> {
  const [withJs, withoutJs] = await Promise.all([
    bundleForBrowser('browser/with.tsx'),
    bundleForBrowser('browser/without.tsx'),
  ]);
  const server = await serve({
    files: {
      '/with.html': html('/with.js'),
      '/without.html': html('/without.js'),
      '/with.js': withJs,
      '/without.js': withoutJs,
    },
  });
  const chromium = await launchChromium();
  const runs: BrowserRun[] = [];
  try {
    for (let i = 0; i < SESSIONS * 2; i++) {
      const variant = i % 2 === 0 ? 'with' : 'without';
      const page = await chromium.context.newPage();
      page.on('pageerror', (e) => console.error(`[${variant}] ${e.message}`));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      // Every session is a first visit: nothing persisted by the previous one.
      await page.addInitScript(() => localStorage.clear());
      await page.goto(`${server.origin}/${variant}.html`);
      await page.waitForSelector('#nav-home');
      await page.waitForTimeout(300);
      const a = await metrics(cdp);
      // Long tasks and shifts of the load are the bundle's parse and first render, not the session.
      const before = await readPerf(page);
      await session(page);
      const b = await metrics(cdp);
      const after = await readPerf(page);
      runs.push({
        variant,
        loadScriptMs: (a.ScriptDuration ?? 0) * 1000,
        scriptMs: ((b.ScriptDuration ?? 0) - (a.ScriptDuration ?? 0)) * 1000,
        taskMs: ((b.TaskDuration ?? 0) - (a.TaskDuration ?? 0)) * 1000,
        longTasks: after.longTasks - before.longTasks,
        longTaskMs: after.longTaskMs - before.longTaskMs,
        cls: after.cls - before.cls,
        shiftAll: after.shiftAll - before.shiftAll,
        signals: after.signals,
        switches: after.switches - before.switches,
      });
      await cdp.detach();
      await page.close();
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  return runs;
}

if (isMain(import.meta.url)) {
  const runs = await measureBrowser();
  if (wantsJson()) console.log(JSON.stringify(runs));
  else console.table(runs);
}
