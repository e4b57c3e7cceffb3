// Times `npm start` until chromium shows the first story, as a designer on a fresh machine sees
// it. Run it in a fresh clone right after `npm ci` (no Vite or Storybook cache yet):
//   git clone <repo> /tmp/sb && cd /tmp/sb && npm ci && node scripts/storybook-first-start.mjs
// Prints seconds to the first story, and fails on a "Server timed out" toast or console errors.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const port = Number(process.env.PORT ?? 6116);
const story = process.env.STORY ?? 'demo-storefront--product-page';
const limit = Number(process.env.LIMIT_S ?? 120) * 1000;

// The figure depends on how busy the machine is: print the load average with it.
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const loadAtStart = load();
const started = Date.now();
const server = spawn('npm', ['start', '--', '-p', String(port), '--ci'], {
  env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', BROWSER: 'none' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let log = '';
const stamp = (d) =>
  String(d)
    .split('\n')
    .filter(Boolean)
    .map((line) => `[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`)
    .join('');
server.stdout.on('data', (d) => (log += stamp(d)));
server.stderr.on('data', (d) => (log += stamp(d)));
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
};

async function until(check, what) {
  while (Date.now() - started < limit) {
    if (await check().catch(() => false)) return;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const profile = mkdtempSync(join(tmpdir(), 'first-start-'));
let browser;
try {
  await until(async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 'the server');
  const serverUp = (Date.now() - started) / 1000;
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    viewport: { width: 1440, height: 900 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const errors = [];
  const watch = (p, where) => {
    p.on('pageerror', (e) => errors.push(`${where}: ${e}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
        errors.push(`${where}: ${m.text()}`);
    });
  };
  watch(page, 'manager');
  // With VERBOSE, a timeline of slow requests shows where a slow start spends its time.
  const timeline = [];
  page.on('requestfinished', async (r) => {
    const t = (Date.now() - started) / 1000;
    const timing = r.timing();
    const ms = timing.responseEnd - timing.requestStart;
    if (ms > 1500 || /iframe\.html|index\.json|\.storybook\/preview/.test(r.url()))
      timeline.push(`[${t.toFixed(1)}s] ${Math.round(ms)} ms ${r.url().slice(0, 140)}`);
  });
  page.on('frameattached', () => {});
  browser.on('page', (p) => watch(p, 'page'));
  await page.goto(`http://127.0.0.1:${port}/?path=/story/${story}`);
  const frame = async () => page.frame({ url: /iframe\.html/ });
  await until(async () => {
    const f = await frame();
    return f ? (await f.$('#storybook-root [data-intent-slot]')) !== null : false;
  }, 'the first story');
  const firstStory = (Date.now() - started) / 1000;
  // A late toast or error would still spoil the first impression: watch a little longer.
  await new Promise((ok) => setTimeout(ok, 3000));
  const toast = await page.getByText(/Server timed out/i).count();
  console.log(`load average: ${loadAtStart} at \`npm start\`, ${load()} now`);
  console.log(`server answering after ${serverUp.toFixed(1)} s`);
  console.log(`first story shown after ${firstStory.toFixed(1)} s (from \`npm start\`)`);
  console.log(`"Server timed out" toast: ${toast > 0 ? 'yes' : 'no'}`);
  console.log(
    `console errors: ${errors.length}${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`,
  );
  if (process.env.VERBOSE) console.log(`${log}\n${timeline.join('\n')}`);
  process.exitCode = toast > 0 || errors.length > 0 ? 1 : 0;
} catch (error) {
  console.error(String(error));
  console.error(log.slice(-3000));
  process.exitCode = 1;
} finally {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  stop();
}
