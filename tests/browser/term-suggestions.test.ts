import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium, signedInContext } from '../helpers/browser.js';
import { suggestingArchive } from '../helpers/suggesting-archive.js';

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let editor: Client;

beforeAll(async () => {
  const { app, ctx, web } = testApp();
  editor = web;
  await suggestingArchive(ctx);
  ({ base, browser, close } = await servedInChromium(app));
});

afterAll(() => close?.());

describe("the Terms page's suggestions in chromium", () => {
  it.each([1366, 390])('have no serious axe violation and no sideways scroll at %i px, and open the new-term form filled in', async (width) => {
    const page = await (await signedInContext(browser, base, editor, { viewport: { width, height: 900 } })).newPage();
    await page.goto(`${base}/terms`);
    await page.getByRole('heading', { name: 'Often dismissed' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.getByRole('link', { name: /^Add to termbase/ }).click();
    expect(await page.getByLabel('Preferred form').inputValue()).toBe('Witkoff');
    expect(await page.getByLabel('Variants').inputValue()).toBe('Vitkoff');
  });
});
