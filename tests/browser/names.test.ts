import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { testApp, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium, signedInContext } from '../helpers/browser.js';

const SCREENSHOTS = process.env.WORKBENCH_SCREENSHOTS;

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let ctx: ServiceContext;
let editor: Client;

beforeAll(async () => {
  const app = testApp();
  ctx = app.ctx;
  editor = app.web;
  ({ base, browser, close } = await servedInChromium(app.app));
  for (const [i, spelling] of ['Witkoff', 'Vitkoff', 'Witkoff', 'Witkoff'].entries()) {
    await importArticle(ctx, { text: `Envoy visits Ankara, day ${i + 1}\n\nThe envoy ${spelling} met officials in Ankara on Monday and spoke to reporters.` });
  }
});

afterAll(() => close?.());

async function pageAs(client: Client, width: number): Promise<Page> {
  return (await signedInContext(browser, base, client, { viewport: { width, height: 800 } })).newPage();
}

describe('the Names page in chromium', () => {
  it.each([1366, 390])('lists the contested name first and leads to its house form, with no serious accessibility violation, at %i px', async (width) => {
    const page = await pageAs(editor, width);
    await page.goto(`${base}/names`);
    expect(await page.locator('.name-list tbody tr').first().locator('a').textContent()).toBe('Witkoff');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing scrolls sideways on a phone.
    const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/names-${width}.png`, fullPage: true });

    await page.locator('.name-list tbody tr').first().locator('a').click();
    await page.waitForURL(`${base}/names/vitkof`);
    expect(await page.locator('input[name="spelling"]:checked').getAttribute('value')).toBe('Witkoff');
    expect(await seriousViolations(page)).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/name-${width}.png`, fullPage: true });
    await page.context().close();
  });
});
