import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chromium, launchChromium, type StaticServer, serve } from './support/chromium';
import { type StorybookBuild, storybookBuild } from './support/storybook';

// Visual regression of the static Storybook build in real chromium. Baselines are committed in
// docs/screenshots/ (the designers' guide shows the same pictures); `npm run test:visual:update`
// rewrites them. A failing comparison writes the new screenshot and a diff to .visual-diff/.
const root = fileURLToPath(new URL('../../', import.meta.url));
const baselines = join(root, 'docs/screenshots');
const diffs = join(root, '.visual-diff');
const UPDATE = process.env.UPDATE_VISUAL === '1';

/** The widths of the closing note: phone, tablet, desktop. */
const WIDTHS = [390, 768, 1440] as const;

/** Key stories: the shop as a designer knows it, and the gallery of every variant. */
const TARGETS = [
  { name: 'storefront', story: 'demo-storefront--product-page' },
  { name: 'storefront-fit', story: 'demo-storefront--unsure-about-fit' },
  { name: 'storefront-shop', story: 'demo-storefront--shop' },
  { name: 'gallery', story: 'designers-variant-gallery--all-slots' },
] as const;

/**
 * Per-channel difference below which a pixel counts as equal (anti-aliasing), and the share of
 * pixels that may differ beyond it. Any change in size fails outright: that is a layout change.
 */
const CHANNEL_TOLERANCE = 32;
const MAX_DIFF_RATIO = 0.001;

/** One fixed moment, so "3s ago", decay and delivery dates render the same on every run. */
const FIXED_TIME = new Date('2026-03-02T10:00:00Z');

let build: StorybookBuild;
let server: StaticServer;
let browser: Chromium;

beforeAll(async () => {
  build = await storybookBuild();
  server = await serve({ dir: build.dir });
  browser = await launchChromium({ args: ['--font-render-hinting=none', '--hide-scrollbars'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await build?.dispose();
});

/** Opens a story alone (no manager UI) at a width, settled: fonts loaded, nothing moving. */
async function openStory(story: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Chromium asks every origin for a favicon; Storybook's build has none. Not the page's error.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
  });
  await page.clock.setFixedTime(FIXED_TIME);
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${server.origin}/iframe.html?id=${story}&viewMode=story`);
  await page.waitForSelector('#storybook-root > *');
  await page.addStyleTag({
    content:
      '*,*::before,*::after{animation:none!important;transition:none!important;caret-color:transparent!important}',
  });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForLoadState('networkidle');
  // Layout effects and the first slot decisions land within a few frames.
  await page.evaluate(
    () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))),
  );
  await page.waitForTimeout(250);
  // The devtools' signal feed refreshes on its own tick (1 s): wait for it to show the page's
  // first signals, or the screenshot depends on when it was taken.
  if (await page.$('[aria-label="intentful devtools"]'))
    await page
      .waitForSelector('[aria-label="live signal feed"] li', { timeout: 5000 })
      .catch(() => undefined);
  return { page, errors };
}

interface Comparison {
  readonly size: string | null;
  readonly differing: number;
  readonly total: number;
  readonly diff: string | null;
}

/** Compares two PNGs pixel by pixel in the browser's own decoder; returns a diff image if any. */
async function compare(page: Page, expected: Buffer, actual: Buffer): Promise<Comparison> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const load = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        return createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      };
      const [left, right] = await Promise.all([load(a), load(b)]);
      const pixels = (img: ImageBitmap) => {
        const canvas = new OffscreenCanvas(img.width, img.height);
        const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      if (left.width !== right.width || left.height !== right.height)
        return {
          size: `expected ${left.width}×${left.height}, got ${right.width}×${right.height}`,
          differing: 0,
          total: 0,
          diff: null,
        };
      const x = pixels(left);
      const y = pixels(right);
      const out = new ImageData(x.width, x.height);
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const delta = Math.max(
          Math.abs((x.data[i] ?? 0) - (y.data[i] ?? 0)),
          Math.abs((x.data[i + 1] ?? 0) - (y.data[i + 1] ?? 0)),
          Math.abs((x.data[i + 2] ?? 0) - (y.data[i + 2] ?? 0)),
        );
        const hit = delta > tolerance;
        if (hit) differing++;
        // Differences in red over a faded copy of the baseline.
        out.data[i] = hit ? 255 : 255 - ((255 - (x.data[i] ?? 0)) >> 2);
        out.data[i + 1] = hit ? 0 : 255 - ((255 - (x.data[i + 1] ?? 0)) >> 2);
        out.data[i + 2] = hit ? 0 : 255 - ((255 - (x.data[i + 2] ?? 0)) >> 2);
        out.data[i + 3] = 255;
      }
      let diff: string | null = null;
      if (differing > 0) {
        const canvas = new OffscreenCanvas(x.width, x.height);
        (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(out, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        const buf = new Uint8Array(await blob.arrayBuffer());
        let bin = '';
        for (let i = 0; i < buf.length; i += 0x8000)
          bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
        diff = btoa(bin);
      }
      return { size: null, differing, total: x.width * x.height, diff };
    },
    { a: expected.toString('base64'), b: actual.toString('base64'), tolerance: CHANNEL_TOLERANCE },
  );
}

describe('visual regression: key stories at 390, 768 and 1440 px', () => {
  for (const target of TARGETS) {
    for (const width of WIDTHS) {
      const file = `${target.name}-${width}.png`;
      it(`${target.name} at ${width} px matches docs/screenshots/${file}`, async () => {
        const { page, errors } = await openStory(target.story, width);
        const actual = await page.screenshot({ fullPage: true, animations: 'disabled' });
        if (UPDATE) {
          await mkdir(baselines, { recursive: true });
          await writeFile(join(baselines, file), actual);
          await page.close();
          return;
        }
        const expected = await readFile(join(baselines, file)).catch(() => null);
        if (!expected) {
          await page.close();
          throw new Error(
            `no baseline docs/screenshots/${file}: run \`npm run test:visual:update\` and commit it`,
          );
        }
        const result = await compare(page, expected, actual);
        await page.close();
        if (result.size !== null || result.differing / result.total > MAX_DIFF_RATIO) {
          await mkdir(diffs, { recursive: true });
          await writeFile(join(diffs, file), actual);
          if (result.diff)
            await writeFile(join(diffs, file.replace('.png', '.diff.png')), result.diff, 'base64');
        }
        expect(errors).toEqual([]);
        expect(result.size, `${file}: size changed; see .visual-diff/${file}`).toBeNull();
        expect(
          result.differing / result.total,
          `${file}: ${result.differing} of ${result.total} pixels differ; see .visual-diff/`,
        ).toBeLessThanOrEqual(MAX_DIFF_RATIO);
      });
    }
  }
});

describe('responsive from 360 to 1440 px', () => {
  it('no story scrolls sideways at any width', async () => {
    const index = JSON.parse(await readFile(join(build.dir, 'index.json'), 'utf8')) as {
      entries: Record<string, { id: string; type: string }>;
    };
    const stories = Object.values(index.entries).filter((e) => e.type === 'story');
    expect(stories.length).toBeGreaterThan(10);
    const overflowing: string[] = [];
    const page = await browser.context.newPage();
    for (const story of stories) {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`${server.origin}/iframe.html?id=${story.id}&viewMode=story`);
      await page.waitForSelector('#storybook-root > *');
      for (const width of [360, 390, 600, 768, 1024, 1280, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        const wide = await page.evaluate(
          () =>
            new Promise<number>((ok) =>
              requestAnimationFrame(() =>
                ok(document.documentElement.scrollWidth - document.documentElement.clientWidth),
              ),
            ),
        );
        if (wide > 0) overflowing.push(`${story.id} at ${width} px: ${wide} px too wide`);
      }
    }
    await page.close();
    expect(overflowing).toEqual([]);
  }, 240_000);

  it('the devtools sit beside the shop on wide screens and are a tab that opens a drawer on narrow ones', async () => {
    const wide = await openStory('demo-storefront--shop', 1440);
    const inline = wide.page.locator('[data-intentful-devtools]');
    expect(await inline.isVisible()).toBe(true);
    const [shop, panel] = await Promise.all([
      wide.page.locator('.shop-main').boundingBox(),
      inline.boundingBox(),
    ]);
    // Beside, not over: the panel starts right of the shop's content.
    expect(panel?.x).toBeGreaterThanOrEqual((shop?.x ?? 0) + (shop?.width ?? 0));
    await wide.page.close();

    const narrow = await openStory('demo-storefront--shop', 390);
    expect(await narrow.page.locator('[data-intentful-devtools]').count()).toBe(0);
    await narrow.page.getByRole('button', { name: 'intentful devtools' }).click();
    const drawer = narrow.page.locator('[data-intentful-devtools]');
    await drawer.waitFor();
    const box = await drawer.boundingBox();
    // The open drawer fits the phone's screen, side to side.
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    expect(
      await narrow.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0);
    await narrow.page.getByRole('button', { name: 'Close intentful devtools' }).click();
    expect(await narrow.page.locator('[data-intentful-devtools]').count()).toBe(0);
    expect(narrow.errors).toEqual([]);
    await narrow.page.close();
  });
});
