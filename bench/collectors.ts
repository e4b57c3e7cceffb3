/**
 * Main-thread cost of the collectors in chromium: the same scripted interaction (1,000 scroll
 * steps, 200 clicks) on the fixture page without the provider, with the provider but collectors
 * off, and with every collector on. Scripting time comes from the CDP Performance domain
 * (`ScriptDuration`, `TaskDuration`), read before and after the interaction in each page.
 *
 * The page bundles intentful from the built package (`npm run build` first).
 *
 *   npx tsx bench/collectors.ts
 */
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { htmlPage } from '../test/browser/support/bundle';
import { launchChromium, serve } from '../test/browser/support/chromium';
import { bundleForBrowser } from './lib';

// `npx tsx bench/collectors.ts 200 50 dwell,deadClicks` profiles smaller runs with collectors off.
const SCROLL_STEPS = Number(process.argv[2] ?? 1000);
const CLICKS = Number(process.argv[3] ?? 200);
const EXTRA_OFF = process.argv[4];

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function interact(page: Page): Promise<void> {
  await page.mouse.move(640, 400);
  // Down and back up, so every step really scrolls and fires scroll events.
  for (let i = 0; i < SCROLL_STEPS; i++) {
    await page.mouse.wheel(0, i < SCROLL_STEPS / 2 ? 25 : -25);
  }
  const targets = ['#compare', '#toggle', '#nothing', '#to-cart'];
  for (let i = 0; i < CLICKS; i++) {
    if (i % 4 === 3) {
      // Plain content: no handler, the kind of click the dead-click collector watches.
      await page.mouse.click(200 + (i % 7) * 60, 300 + (i % 5) * 40);
    } else {
      await page.click(targets[i % 3] as string);
    }
  }
  await page.click(targets[3] as string);
  await page.waitForTimeout(1000);
}

async function run(origin: string, query: string): Promise<{ script: number; task: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(`${origin}/${query}`);
    await page.waitForFunction(
      () => (window as { __intentful?: { ready?: boolean } }).__intentful?.ready === true,
    );
    await page.waitForTimeout(300);
    const before = await metrics(cdp);
    await interact(page);
    const after = await metrics(cdp);
    const delta = (k: string): number => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000;
    return { script: delta('ScriptDuration'), task: delta('TaskDuration') };
  } finally {
    await browser.close();
  }
}

const app = await bundleForBrowser(
  fileURLToPath(new URL('../test/browser/fixture/app.tsx', import.meta.url)),
);
const server = await serve({
  files: { '/app.js': app, '/index.html': htmlPage() },
  fallback: '/index.html',
});
try {
  const modes = [
    ['no provider', '?provider=off'],
    ['provider, collectors off', '?collect=off'],
    ['provider + all collectors', ''],
    ...(EXTRA_OFF ? ([[`collectors minus ${EXTRA_OFF}`, `?off=${EXTRA_OFF}`]] as const) : []),
  ] as const;
  const results: Record<string, { script: number; task: number }> = {};
  for (const [name, query] of modes) results[name] = await run(server.origin, query);
  const base = results['no provider']!;
  console.log(`interaction: ${SCROLL_STEPS} scroll steps + ${CLICKS} clicks`);
  console.log('mode                         ScriptDuration   TaskDuration   script ratio');
  for (const [name] of modes) {
    const r = results[name]!;
    console.log(
      `${name.padEnd(28)} ${r.script.toFixed(1).padStart(10)} ms ${r.task.toFixed(1).padStart(11)} ms ${(r.script / base.script).toFixed(2).padStart(10)}×`,
    );
  }
  const off = results['provider, collectors off']!;
  const on = results['provider + all collectors']!;
  const added = on.script - off.script;
  console.log(
    `collectors alone: ${added.toFixed(1)} ms scripting over ${SCROLL_STEPS + CLICKS} input steps ` +
      `(${((added / (SCROLL_STEPS + CLICKS)) * 1000).toFixed(0)} µs per step), ` +
      `${(on.script / off.script).toFixed(2)}× the provider without collectors`,
  );
  console.log('one run per mode, each in a fresh browser; on a busy machine expect ±15% noise');
} finally {
  await server.close();
}
