import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture } from './support/bundle';
import { type Chromium, launchChromium, type StaticServer } from './support/chromium';

let browser: Chromium;
let server: StaticServer;

beforeAll(async () => {
  server = await serveFixture(fileURLToPath(new URL('./slots.fixture.tsx', import.meta.url)));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/${query}`);
  await page.waitForFunction(() => window.__slots?.ready === true);
  return page;
}

const exposures = (page: Page) =>
  page.evaluate(() => window.__slots.events.filter((e) => e.type === 'exposure'));

describe('AdaptiveSlot in chromium', () => {
  it('records an exposure only when the variant scrolls into view', async () => {
    const page = await open('?below=1');
    await page.waitForSelector('[data-intent-slot="hero"][data-variant="standard"]');
    await page.waitForTimeout(200);
    expect(await exposures(page)).toEqual([]);
    await page.locator('[data-intent-slot="hero"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => window.__slots.events.some((e) => e.type === 'exposure'));
    expect(await exposures(page)).toEqual([
      expect.objectContaining({ slot: 'hero', variant: 'standard', policy: 'intent-match' }),
    ]);
    await page.close();
  });

  it('switches a live slot without layout shift and exposes the new variant', async () => {
    const page = await open();
    await page.waitForFunction(() => window.__slots.events.some((e) => e.type === 'exposure'));
    await page.evaluate(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
          (window as unknown as { __shift: number }).__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: false });
    });
    await page.click('#compare');
    await page.click('#compare');
    await page.waitForSelector('[data-intent-slot="hero"][data-variant="compare"]', {
      timeout: 5000,
    });
    await page.waitForFunction(() =>
      window.__slots.events.some((e) => e.type === 'exposure' && e.variant === 'compare'),
    );
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    expect(await page.locator('[data-intent-slot="hero"]').textContent()).toBe('Compare plans');
    await page.close();
  });

  it('reserve sizes the slot to its tallest variant: no dead space, and a switch moves nothing', async () => {
    const page = await open('?reserve=1');
    await page.waitForFunction(() => window.__slots.events.some((e) => e.type === 'exposure'));
    await page.evaluate(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
          (window as unknown as { __shift: number }).__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: false });
    });
    const measure = () =>
      page.evaluate(() => {
        const slot = document.querySelector('[data-intent-slot="hero"]') as HTMLElement;
        const visible = [...slot.querySelectorAll<HTMLElement>('[data-intent-variant]')]
          .filter((v) => getComputedStyle(v).visibility === 'visible')
          .map((v) => v.textContent);
        return {
          height: slot.getBoundingClientRect().height,
          after: (document.getElementById('after') as HTMLElement).getBoundingClientRect().top,
          visible,
        };
      });
    const before = await measure();
    // 180 px tallest variant + 2 px border: exactly what the tallest needs, not a guessed minimum.
    expect(before).toEqual({ height: 182, after: expect.any(Number), visible: ['Standard'] });
    await page.click('#compare');
    await page.click('#compare');
    await page.waitForSelector('[data-intent-slot="hero"][data-variant="compare"]');
    await page.waitForTimeout(300);
    const after = await measure();
    expect(after).toEqual({ ...before, visible: ['Compare plans'] });
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    // Hidden variants are out of the accessibility tree: only the chosen one is read out.
    expect(await page.getByText('Standard').isVisible()).toBe(false);
    await page.close();
  });

  it('sends batched events with sendBeacon when the page goes away', async () => {
    const page = await open();
    await page.waitForFunction(() => window.__slots.events.some((e) => e.type === 'exposure'));
    const before = server.requests.filter((r) => r === 'POST /events').length;
    await page.goto('about:blank');
    await new Promise((ok) => setTimeout(ok, 300));
    expect(server.requests.filter((r) => r === 'POST /events').length).toBe(before + 1);
    await page.close();
  });
});
