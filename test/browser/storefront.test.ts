import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Chromium, launchChromium, type StaticServer, serve } from './support/chromium';
import { type StorybookBuild, storybookBuild } from './support/storybook';

// A look at the last run for whoever debugs it; ignored by git (the committed baselines are docs/screenshots).
const screenshot = fileURLToPath(new URL('./__screenshots__/storefront.png', import.meta.url));

let build: StorybookBuild;
let server: StaticServer;
let browser: Chromium;

// The real thing a designer opens: a static Storybook build, served from 127.0.0.1.
beforeAll(async () => {
  build = await storybookBuild();
  server = await serve({ dir: build.dir });
  browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await build?.dispose();
});

// The slot stacks every variant (reserve); what the shopper sees is the active one.
const ACTIVE = '[data-intent-slot="pdp-assist"] [data-intent-variant][data-state="active"]';

const slotState = (page: Page) =>
  page.$eval('[data-intent-slot="pdp-assist"]', (el) => ({
    variant: el.getAttribute('data-variant'),
    text: el.querySelector('[data-intent-variant][data-state="active"]')?.textContent ?? '',
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

  await page.locator(`${ACTIVE} summary`).click();
  await page.waitForTimeout(300);
  // The reason, then the evidence behind it as a list.
  const reason = await page.$eval(`${ACTIVE} [data-intent-why] p`, (el) => el.textContent);
  const evidence = await page.$$eval(`${ACTIVE} [data-intent-why] li`, (els) =>
    els.map((el) => el.textContent),
  );
  // The whole explanation is readable: the slot grows for it instead of clipping its evidence.
  const clipped = await page.$eval('[data-intent-slot="pdp-assist"]', (slot) => {
    const last = slot.querySelector(
      '[data-intent-variant][data-state="active"] [data-intent-why] li:last-child',
    );
    return !last || last.getBoundingClientRect().bottom > slot.getBoundingClientRect().bottom;
  });
  expect(clipped).toBe(false);
  expect(reason).toMatch(/^Shown because you seem to be worried about delivery \(\d+% sure\)/);
  expect(evidence).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^opened delivery details/),
      'lingered on shipping info',
    ]),
  );
  // Listed once, below the sentence, in the model's own words.
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
  const index = JSON.parse(await readFile(join(build.dir, 'index.json'), 'utf8')) as {
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
