import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture } from './support/bundle';
import { type Chromium, launchChromium, type StaticServer } from './support/chromium';

const shots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Chromium;
let server: StaticServer;

beforeAll(async () => {
  server = await serveFixture(fileURLToPath(new URL('./profile.fixture.tsx', import.meta.url)));
  browser = await launchChromium({ viewport: { width: 720, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${server.origin}/${query}`);
  await page.waitForFunction(() => window.__profile?.ready === true);
  await page.waitForSelector('[data-intent-profile]');
}

/** axe on the whole page, colour contrast included (jsdom cannot judge it). */
async function axe(page: Page): Promise<{ violations: string[]; passes: number }> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const a = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await a.run(document);
    return {
      violations: result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      passes: result.passes.length,
    };
  });
}

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.textContent ?? document.activeElement?.tagName);

describe('IntentQuestion and IntentProfile in chromium', () => {
  it('a visitor answers, corrects a guess with the keyboard, reloads, changes consent and forgets', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page);
    const axeResults: Record<string, { violations: string[]; passes: number }> = {};

    // Cold start: the question is asked; nothing is believed yet.
    const question = page.getByRole('region', { name: 'What brings you here today?' });
    await question.waitFor();
    axeResults.question = await axe(page);
    expect(axeResults.question.violations).toEqual([]);
    await mkdir(shots, { recursive: true });
    await question.screenshot({ path: `${shots}profile-question.png` });

    // Two looks at delivery: the profile says what it thinks, in words, and why.
    await page.click('#delivery');
    await page.click('#delivery');
    const delivery = page.locator('[data-intent-belief="shipping-concern"]');
    await delivery.waitFor();
    expect(await delivery.textContent()).toContain('worried about delivery');
    expect(await delivery.textContent()).toContain('Because you opened delivery details ×2.');
    expect(await delivery.textContent()).not.toMatch(/\d\s*%/);
    axeResults.profile = await axe(page);
    expect(axeResults.profile.violations).toEqual([]);
    await page.locator('[data-intent-profile]').screenshot({ path: `${shots}profile-profile.png` });

    // Keyboard only: Tab to "That's right", Enter; focus lands on the row's "Undo".
    await page.locator('#compare').focus();
    for (let i = 0; i < 10 && (await focused(page)) !== 'That’s right'; i++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('That’s right');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-intent-belief="shipping-concern"][data-declared="true"]');
    expect(await focused(page)).toBe('Undo');
    expect(
      await page.evaluate(() => window.__profile.client.belief('shipping-concern').declared),
    ).toBe(true);
    expect(await page.getByRole('status').last().textContent()).toBe(
      'Noted: worried about delivery. Thanks for telling us.',
    );

    // The question is answered elsewhere now (the declaration): asking again would be noise.
    await question.waitFor({ state: 'detached' });

    // Reload: consent was granted, so what the user said is remembered and nothing is asked.
    await page.reload();
    await page.waitForFunction(() => window.__profile?.ready === true);
    await page.waitForSelector('[data-intent-belief="shipping-concern"][data-declared="true"]');
    await page.waitForTimeout(100);
    expect(await page.locator('[data-intent-question]').count()).toBe(0);

    // Consent with arrow keys, as a radio group: "Off" keeps only what the user said.
    await page.getByRole('radio', { name: 'Remember on this device' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-intent-profile][data-consent="denied"]');
    expect(await page.evaluate(() => window.__profile.client.privacy().consent)).toBe('denied');
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await page.click('#compare');
    await page.click('#compare');
    expect(await page.locator('[data-intent-belief="compare"]').count()).toBe(0);

    // Forget all this: the declaration goes too, and the question may be asked again.
    await page.getByRole('radio', { name: 'Remember on this device' }).check();
    await page.getByRole('button', { name: 'Forget all this' }).click();
    await page.waitForSelector('[data-intent-profile][data-state="empty"]');
    await question.waitFor();
    await question.getByRole('button', { name: 'Buying a gift' }).click();
    expect(await question.getByRole('status').textContent()).toBe(
      'Thanks: we will keep “Buying a gift” in mind.',
    );
    await page.reload();
    await page.waitForFunction(() => window.__profile?.ready === true);
    await page.waitForSelector('[data-intent-belief="gift"][data-declared="true"]');
    await page.waitForTimeout(100);
    expect(await page.locator('[data-intent-question]').count()).toBe(0);

    expect(errors).toEqual([]);
    await writeFile(`${shots}profile-axe.json`, `${JSON.stringify(axeResults, null, 2)}\n`);
    await page.close();
  });

  it('themed through its CSS variables (dark), it stays axe-clean, contrast included', async () => {
    const page = await browser.context.newPage();
    await open(page, '?theme=dark');
    // The browser profile is shared with the test above: start from a clean slate.
    await page.getByRole('button', { name: 'Forget all this' }).click();
    await page.getByRole('region', { name: 'What brings you here today?' }).waitFor();
    await page.click('#delivery');
    await page.click('#delivery');
    await page.locator('[data-intent-belief="shipping-concern"]').waitFor();
    expect(
      await page.$eval('[data-intent-profile]', (e) => getComputedStyle(e).backgroundColor),
    ).toBe('rgb(22, 27, 34)');
    expect((await axe(page)).violations).toEqual([]);
    await page.close();
  });
});
