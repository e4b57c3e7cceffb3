import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture } from './support/bundle';
import { type Chromium, launchChromium, type StaticServer } from './support/chromium';

interface Seen {
  type: string;
  target?: string;
  data?: Record<string, unknown>;
}

let browser: Chromium;
let server: StaticServer;

beforeAll(async () => {
  server = await serveFixture(fileURLToPath(new URL('./fixture/app.tsx', import.meta.url)));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query = '', path = '/'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${path}${query}`);
  await page.waitForFunction(() => window.__intentful?.ready === true);
  return page;
}

const signals = (page: Page, type?: string): Promise<Seen[]> =>
  page.evaluate(
    (t) => window.__intentful.signals.filter((s) => t === undefined || s.type === t) as Seen[],
    type,
  );

const waitFor = (page: Page, type: string, target?: string) =>
  page.waitForFunction(
    ([t, g]) =>
      window.__intentful.signals.some((s) => s.type === t && (g === null || s.target === g)),
    [type, target ?? null] as const,
    { timeout: 5000 },
  );

describe('collectors in chromium', () => {
  it('counts one page view and one session on load (StrictMode), then follows route changes', async () => {
    const page = await open();
    expect(await signals(page, 'page-view')).toEqual([
      expect.objectContaining({
        target: '/',
        data: { nav: 'start', pageType: 'product', productViews: 1, repeat: false },
      }),
    ]);
    expect(await signals(page, 'session')).toHaveLength(1);
    await page.click('#to-cart');
    await waitFor(page, 'page-view', '/cart');
    await page.goBack();
    await page.waitForFunction(
      () => window.__intentful.signals.filter((s) => s.type === 'page-view').length === 3,
    );
    expect((await signals(page, 'page-view')).map((s) => [s.target, s.data])).toEqual([
      ['/', { nav: 'start', pageType: 'product', productViews: 1, repeat: false }],
      ['/cart', { nav: 'push', pageType: 'cart' }],
      // Back on the product: a second look.
      ['/', { nav: 'pop', pageType: 'product', productViews: 2, repeat: true }],
    ]);
    await page.close();
  });

  it('emits every scroll milestone once while the wheel scrolls the page in many steps', async () => {
    const page = await open();
    await page.mouse.move(600, 400);
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 100);
    await page.waitForFunction(
      () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1,
    );
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -200);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 200);
    await waitFor(page, 'scroll-depth');
    await page.waitForTimeout(200);
    expect((await signals(page, 'scroll-depth')).map((s) => s.data?.depth)).toEqual([
      25, 50, 75, 90, 100,
    ]);
    await page.close();
  });

  it('tells rage clicks and dead clicks from clicks that do something', async () => {
    const page = await open();
    const box = (await page.locator('#nothing').boundingBox())!;
    for (let i = 0; i < 4; i++) await page.mouse.click(box.x + 10, box.y + 5);
    await waitFor(page, 'rage-click');
    await waitFor(page, 'dead-click', '#nothing');
    await page.click('#toggle');
    await page.click('#compare');
    await page.waitForTimeout(1200);
    expect(await signals(page, 'rage-click')).toEqual([
      expect.objectContaining({ target: '#nothing', data: expect.objectContaining({ clicks: 3 }) }),
    ]);
    // The compare button has no handler in the fixture: clicking it really does nothing.
    expect((await signals(page, 'dead-click')).map((s) => s.target)).toEqual([
      '#nothing',
      'compare',
    ]);
    expect(await signals(page, 'click')).toEqual([
      expect.objectContaining({ target: 'compare', data: { category: 'plans' } }),
    ]);
    await page.close();
  });

  it('attributes clicks inside a category page wrapper to the control, never to the wrapper', async () => {
    const page = await open('?category=trail');
    for (const el of ['#photo', '#title', '#save-label', '#compare']) await page.click(el);
    await page.waitForFunction(
      () => window.__intentful.signals.filter((s) => s.type === 'click').length >= 2,
    );
    await page.waitForTimeout(100);
    expect((await signals(page, 'click')).map((s) => [s.target, s.data])).toEqual([
      ['#save', { category: 'trail' }],
      // Its own category is the closest context.
      ['compare', { category: 'plans' }],
    ]);
    await page.close();
  });

  it('reports a dead click while a clock elsewhere changes the page; a response near the control still answers it', async () => {
    const page = await open('?ticker=1');
    const ticks = () => page.evaluate(() => document.getElementById('clock')?.textContent ?? '');
    const before = await ticks();
    await page.click('#nothing');
    await waitFor(page, 'dead-click', '#nothing');
    // The clock kept changing the DOM the whole time the click was watched.
    expect(await ticks()).not.toBe(before);
    await page.click('#save-label');
    await page.waitForTimeout(1200);
    expect((await signals(page, 'dead-click')).map((s) => s.target)).toEqual(['#nothing']);
    await page.close();
  });

  it('measures dwell on a marked section through IntersectionObserver', async () => {
    const page = await open();
    await page.waitForTimeout(1200);
    expect(await signals(page, 'dwell')).toEqual([]);
    await page.locator('#shipping').scrollIntoViewIfNeeded();
    await waitFor(page, 'dwell', 'shipping');
    expect(await signals(page, 'dwell')).toEqual([
      expect.objectContaining({ target: 'shipping', data: { ms: 1000 } }),
    ]);
    await page.close();
  });

  it('counts dwell on a section many viewports tall once it fills the viewport', async () => {
    const page = await open();
    await page.evaluate(() => {
      const tall = document.createElement('section');
      tall.id = 'tall';
      tall.setAttribute('data-intent-section', 'reviews');
      tall.style.height = '7000px';
      document.body.append(tall);
    });
    const top = await page.evaluate(() => document.getElementById('tall')!.offsetTop);
    // Scrolled into gradually, as a reader does: it enters a sliver at a time.
    for (let y = top - 800; y <= top + 3000; y += 100) {
      await page.evaluate((to) => scrollTo(0, to), y);
      await page.waitForTimeout(20);
    }
    await waitFor(page, 'dwell', 'reviews');
    await page.close();
  });

  it('stops observing sections removed from the page, and removed sections never dwell', async () => {
    const page = await browser.context.newPage();
    // Counts what the page's IntersectionObservers watch, from outside the library.
    await page.addInitScript(() => {
      const watched = new Set<Element>();
      const Native = window.IntersectionObserver;
      window.IntersectionObserver = class extends Native {
        override observe(el: Element): void {
          super.observe(el);
          if (el.hasAttribute('data-intent-section')) watched.add(el);
        }
        override unobserve(el: Element): void {
          super.unobserve(el);
          watched.delete(el);
        }
      };
      (window as unknown as { __watched: Set<Element> }).__watched = watched;
    });
    await page.goto(server.origin);
    await page.waitForFunction(() => window.__intentful?.ready === true);
    const watched = () =>
      page.evaluate(() => (window as unknown as { __watched: Set<Element> }).__watched.size);
    expect(await watched()).toBe(1);
    // A single-page app swapping panels: each round shows ten sections in view, then drops them.
    for (let round = 0; round < 10; round++) {
      await page.evaluate((r) => {
        for (let i = 0; i < 10; i++) {
          const s = document.createElement('section');
          s.className = 'panel';
          s.setAttribute('data-intent-section', `panel-${r}-${i}`);
          s.style.cssText = `position:fixed;top:${i * 60}px;left:0;width:400px;height:50px`;
          document.body.append(s);
        }
      }, round);
      // Long enough for the observer to see them and start their timers (minMs is 1000).
      await page.waitForTimeout(round % 2 ? 900 : 100);
      await page.evaluate(() => {
        for (const s of document.querySelectorAll('.panel')) s.remove();
      });
    }
    await page.waitForTimeout(1500);
    expect(await watched()).toBe(1);
    expect(await signals(page, 'dwell')).toEqual([]);
    // Still watching what is added afterwards.
    await page.evaluate(() => {
      const s = document.createElement('section');
      s.setAttribute('data-intent-section', 'kept');
      s.style.cssText = 'position:fixed;top:0;left:0;width:400px;height:50px';
      document.body.append(s);
    });
    await waitFor(page, 'dwell', 'kept');
    expect(await watched()).toBe(2);
    await page.close();
  });

  it('sees the pointer leave through the top as exit intent', async () => {
    const page = await open();
    await page.mouse.move(600, 300);
    await page.mouse.move(600, 5, { steps: 5 });
    await page.mouse.move(600, -20, { steps: 2 });
    await waitFor(page, 'exit-intent');
    expect(await signals(page, 'exit-intent')).toEqual([
      expect.objectContaining({ data: { reason: 'pointer' } }),
    ]);
    await page.close();
  });

  it('records the page being hidden as visibility and exit intent', async () => {
    // Headless tabs never become hidden by switching; leaving the page hides it for real.
    const page = await open('?report=beacon');
    const before = server.requests.length;
    await page.goto('about:blank');
    await expect
      .poll(() => server.requests.slice(before).filter((r) => r.startsWith('POST /report/')))
      .toEqual(['POST /report/exit-intent/hidden', 'POST /report/visibility/hidden']);
    await page.close();
  });
});

describe('consent in chromium', () => {
  async function interact(page: Page): Promise<void> {
    await page.mouse.move(600, 400);
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 150);
    await page.click('#compare');
    await page.click('#compare');
    await page.click('#to-cart');
    await page.mouse.move(600, -20, { steps: 3 });
    await page.evaluate(() => dispatchEvent(new Event('pagehide')));
    await page.waitForTimeout(1500);
  }

  async function device(page: Page) {
    return {
      local: await page.evaluate(() => Object.keys(localStorage)),
      session: await page.evaluate(() => Object.keys(sessionStorage)),
      cookies: await browser.context.cookies(),
      sinkCalls: await page.evaluate(() => window.__intentful.sinkCalls.length),
    };
  }

  async function visit(query: string, gpc = false) {
    const requests: string[] = [];
    const page = await browser.context.newPage();
    if (gpc)
      await page.addInitScript(() =>
        Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }),
      );
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.goto(`${server.origin}/${query}`);
    await page.waitForFunction(() => window.__intentful?.ready === true);
    const afterLoad = requests.length;
    await interact(page);
    const result = {
      device: await device(page),
      requests: requests.slice(afterLoad),
      local: requests.every((r) => r.includes('//127.0.0.1:')),
      types: [...new Set((await signals(page)).map((s) => s.type))],
    };
    await page.close();
    return result;
  }

  for (const [name, query, gpc] of [
    ['denied', '?consent=denied', false],
    ['Global Privacy Control (even with consent granted)', '?consent=granted', true],
  ] as const)
    it(`${name}: nothing collected, inferred, stored or sent`, async () => {
      expect(await visit(query, gpc)).toEqual({
        device: { local: [], session: [], cookies: [], sinkCalls: 0 },
        requests: [],
        local: true,
        types: [],
      });
    });

  it('pending: inference in memory for this page, nothing stored or sent', async () => {
    const seen = await visit('?consent=pending');
    expect(seen.device).toEqual({ local: [], session: [], cookies: [], sinkCalls: 0 });
    expect(seen.requests).toEqual([]);
    expect(seen.types).toEqual(expect.arrayContaining(['page-view', 'click', 'scroll-depth']));
  });

  it('granted (control): state is stored and events reach the beacon endpoint', async () => {
    const before = server.requests.length;
    const page = await open('?consent=granted');
    await interact(page);
    const seen = await device(page);
    expect(seen.local).toEqual(expect.arrayContaining(['intentful', 'intentful:visit']));
    expect(seen.sinkCalls).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(server.requests.slice(before)).toContain('POST /collect');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });
});
