import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Chromium, launchChromium, type StaticServer, serve } from './support/chromium';

const root = fileURLToPath(new URL('../../', import.meta.url));
const screenshot = fileURLToPath(new URL('./__screenshots__/storefront.png', import.meta.url));

let out: string;
let server: StaticServer;
let browser: Chromium;

// The real thing a designer opens: a static Storybook build, served from 127.0.0.1.
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'intentful-storybook-'));
  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '-o', out, '--quiet'],
    {
      cwd: root,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  server = await serve({ dir: out });
  browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const slotState = (page: Page) =>
  page.$eval('[data-intent-slot="pdp-assist"]', (el) => ({
    variant: el.getAttribute('data-variant'),
    text: el.textContent ?? '',
    rect: JSON.stringify(el.getBoundingClientRect()),
  }));

test('a shopper worried about delivery gets delivery reassurance, with no layout shift', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/iframe.html?id=demo-storefront--product-page&viewMode=story`);
  await page.waitForSelector('[data-intent-slot="pdp-assist"][data-variant="standard"]');

  // Every layout shift from here on, including those right after input (which CLS would forgive).
  await page.evaluate(() => {
    const w = window as unknown as { __shifts: [number, boolean][] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const { value, hadRecentInput } = e as unknown as {
          value: number;
          hadRecentInput: boolean;
        };
        w.__shifts.push([value, hadRecentInput]);
      }
    }).observe({ type: 'layout-shift', buffered: false });
  });
  const shifts = () =>
    page.evaluate(() => (window as unknown as { __shifts: [number, boolean][] }).__shifts);

  await page.$eval('[data-intent-section="shipping"]', (el) =>
    el.scrollIntoView({ block: 'center' }),
  );
  await page.waitForTimeout(2200); // the story dwells after 1.5 s on a section
  const before = await slotState(page);
  expect(before.variant).toBe('standard');

  const details = page.getByRole('button', { name: 'Delivery details' });
  await details.click(); // open
  await page.waitForTimeout(700);
  await details.click(); // close
  await page.waitForTimeout(700);
  await details.click(); // open again
  await page.waitForSelector(
    '[data-intent-slot="pdp-assist"][data-variant="delivery-reassurance"]',
  );
  await page.waitForTimeout(500); // let any late layout work land inside the measured window

  const after = await slotState(page);
  expect(after.text).toContain('Arrives by Thursday');
  expect(after.rect).toBe(before.rect);

  // The decision moved nothing, not even what input would excuse.
  expect((await shifts()).reduce((a, [v]) => a + v, 0)).toBe(0);

  await page.getByText('Why am I seeing this?').click();
  await page.waitForTimeout(300);
  const reason = await page.$eval('[data-intent-why="pdp-assist"] p', (el) => el.textContent);
  // The whole explanation is readable: the slot grows for it instead of clipping its evidence.
  const clipped = await page.$eval('[data-intent-slot="pdp-assist"]', (slot) => {
    const last = slot.querySelector('[data-intent-why] li:last-child');
    return !last || last.getBoundingClientRect().bottom > slot.getBoundingClientRect().bottom;
  });
  expect(clipped).toBe(false);
  expect(reason).toMatch(/^Shown because you seem to be worried about delivery \(\d+% sure\)/);
  // The evidence is listed once, below the sentence, in the model's own words.
  const listed = await page.$$eval('[data-intent-why="pdp-assist"] li', (items) =>
    items.map((li) => li.textContent ?? ''),
  );
  expect(listed.some((t) => t.startsWith('opened delivery details'))).toBe(true);
  expect(listed.some((t) => t.startsWith('lingered on shipping info'))).toBe(true);
  expect(reason).not.toContain('opened delivery details');
  expect(await page.getByTestId('next-step').textContent()).toContain('See exact delivery dates');

  // Opening it may push what is below, as the reader asked; nothing else moved.
  expect((await shifts()).filter(([, input]) => !input).reduce((a, [v]) => a + v, 0)).toBe(0);
  expect(errors).toEqual([]);

  await page.screenshot({ path: screenshot });
  await page.close();
});

// jsdom cannot judge colour contrast; here every story is checked by axe in a real browser.
test('every story has no axe violations in chromium, colour contrast included', async () => {
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as {
    entries: Record<string, { id: string; type: string }>;
  };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  expect(stories.length).toBeGreaterThan(10);
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const page = await browser.context.newPage();
  const found: string[] = [];
  for (const story of stories) {
    await page.goto(`${server.origin}/iframe.html?id=${story.id}&viewMode=story`);
    await page.waitForSelector('#storybook-root > *');
    await page.waitForTimeout(300);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const run = () =>
        axe.run(document.querySelector('#storybook-root') as Element, {
          rules: {
            region: { enabled: false },
            'landmark-one-main': { enabled: false },
            'page-has-heading-one': { enabled: false },
          },
          resultTypes: ['violations'],
        });
      // Storybook's a11y addon runs axe after each render too, and axe refuses concurrent runs.
      let result: Awaited<ReturnType<typeof run>> | undefined;
      for (let attempt = 0; result === undefined; attempt++) {
        try {
          result = await run();
        } catch (error) {
          if (attempt > 50 || !String(error).includes('already running')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      return result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    for (const v of violations) found.push(`${story.id} ${v}`);
  }
  await page.close();
  expect(found).toEqual([]);
}, 180_000);
