import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateTerm } from '../../src/services/termbase.js';
import { clientAs, testApp, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium, signedInContext } from '../helpers/browser.js';

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let editor: Client;
let translator: Client;
/** A starter term, with a change in its history. */
let term: number;

beforeAll(async () => {
  const { app, ctx, web } = testApp();
  editor = web;
  translator = clientAs(app, ctx, 'translator');
  term = ctx.repos.terms.all()[0]!.id;
  const kyiv = ctx.repos.terms.find(term)!;
  updateTerm(ctx, editor.user, term, { ...kyiv, note: `${kyiv.note} Changed in a test.` });
  ({ base, browser, close } = await servedInChromium(app));
});

afterAll(() => close?.());

async function pageAt(width: number, client: Client): Promise<Page> {
  return (await signedInContext(browser, base, client, { viewport: { width, height: 900 } })).newPage();
}

const scrollWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

describe('the Terms page in chromium', () => {
  it('an editor adds a term through the form, which a translator then reads without controls', async () => {
    const page = await pageAt(1366, editor);
    await page.goto(`${base}/terms`);
    await page.getByRole('link', { name: 'Add a term' }).click();
    await page.getByLabel('Preferred form').fill('Chortkiv');
    await page.getByLabel('Variants').fill('Czortkow\nChortkov');
    await page.getByLabel('Allowed in').fill('Czortkow Offensive');
    await page.getByLabel('Note').fill('Ukrainian-based spelling; the 1919 offensive keeps its name.');
    await page.getByLabel('Kind').selectOption('place');
    await page.getByRole('button', { name: 'Save the term' }).click();
    await page.getByText('Term saved').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Chortkiv');
    expect(await page.locator('.term-fields').textContent()).toContain('Czortkow, Chortkov');

    const reader = await pageAt(390, translator);
    await reader.goto(`${base}/terms?q=chortkov`);
    expect(await reader.locator('.term-list tbody tr').count()).toBe(1);
    expect(await reader.getByRole('link', { name: 'Add a term' }).count()).toBe(0);
    await reader.getByRole('link', { name: 'Chortkiv' }).click();
    await reader.getByText('Czortkow Offensive').first().waitFor();
    expect(await reader.locator('form[method=post][action^="/terms"]').count()).toBe(0);
    expect(await reader.getByRole('link', { name: 'Edit' }).count()).toBe(0);
  });

  it.each([1366, 390])('has no serious axe violation and no sideways scroll at %i px', async (width) => {
    const page = await pageAt(width, editor);
    const found: string[] = [];
    for (const path of ['/terms', '/terms/new', `/terms/${term}`, `/terms/${term}/edit`, '/terms?q=nothing-matches']) {
      await page.goto(`${base}${path}`);
      for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
      const wide = await scrollWidth(page);
      if (wide > width) found.push(`${path}: ${wide} px wide`);
    }
    expect(found).toEqual([]);
  });
});
