import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { editPassage } from '../../src/services/review.js';
import { clientAs, testApp, testUser, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium, signedInContext } from '../helpers/browser.js';

const ARTICLE = [
  'River ferry resumes after the spring floods near Kiev',
  '',
  'A passenger ferry between the two banks resumed on Tuesday, the regional administration in Kiev said.',
  '',
  'The operator expects to carry 700.000 passengers a year once a second vessel returns from repairs.',
].join('\n');

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let admin: Client;
let articleId: number;

beforeAll(async () => {
  const { app, ctx } = testApp();
  // An admin sees the longest navigation; a long user name makes the header as wide as it gets.
  admin = clientAs(app, ctx, 'admin', 'administrator.of.the.newsroom');
  ({ id: articleId } = await importArticle(ctx, { text: ARTICLE, source: 'Пором знову курсує.\n\nПором між берегами.\n\nОператор очікує пасажирів.' }));
  await editPassage(ctx, testUser(ctx, 'translator'), articleId, 1, 'A passenger ferry between the two banks resumed on Tuesday, the regional administration in Kyiv said.', 1, 'terminology');
  ({ base, browser, close } = await servedInChromium(app));
});

afterAll(() => close?.());

const signedIn = (options: Parameters<Browser['newContext']>[0] = {}) => signedInContext(browser, base, admin, options);

describe('at 390 px wide', () => {
  it('no page scrolls sideways, the site header included', async () => {
    const context = await signedIn({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const overflowing: string[] = [];
    for (const path of ['/articles', `/articles/${articleId}`, `/articles/${articleId}/passages/1/edit`, `/articles/${articleId}/history`, '/queue', '/articles/new', '/admin/users']) {
      await page.goto(`${base}${path}`);
      const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      if (width > 390) overflowing.push(`${path}: ${width}px`);
    }
    expect(overflowing).toEqual([]);
    // "Sign out" is inside the viewport, not cut off.
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(390);
    await context.close();
  });
});

describe('the pages this work changed, at 1366 and 390 px', () => {
  it.each([1366, 390])('have no serious accessibility violation at %i px: queue with its checkboxes, notices, edit page, list', async (width) => {
    const context = await signedIn({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const violations: string[] = [];
    for (const path of ['/queue?done=proposals-skipped', `/articles/${articleId}?done=submitted`, `/articles/${articleId}/passages/2/edit?done=merged`, '/articles']) {
      await page.goto(`${base}${path}`);
      for (const v of await seriousViolations(page)) violations.push(`${path}: ${v}`);
    }
    expect(violations).toEqual([]);
    await context.close();
  });

  it('approves a ticked proposal from the queue without script: the checkbox belongs to the form below the list', async () => {
    const context = await signedIn({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${base}/queue`);
    await page.getByRole('checkbox', { name: /Choose passage 2 of/ }).check();
    await page.getByRole('button', { name: 'Approve the ticked proposals' }).click();
    await page.waitForURL(`${base}/queue?done=proposals-approved`);
    expect(await page.locator('.alert[role="status"]').textContent()).toBe('The chosen proposals are approved.');
    expect(await page.getByText('No proposed corrections wait.').count()).toBe(1);
    await context.close();
  });
});

describe('choices the review page remembers', () => {
  it('turns the keyboard shortcuts off and keeps them off, and keeps the source column hidden', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${base}/articles/${articleId}`);
    const toggle = page.getByRole('checkbox', { name: 'Keyboard shortcuts' });
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.isChecked()).toBe(true);
    await page.keyboard.press('j');
    expect(await page.locator('li.finding.is-current').count()).toBe(1);

    await toggle.uncheck();
    await page.getByRole('checkbox', { name: 'Show the source column' }).uncheck();
    await page.reload();
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Show the source column' }).isChecked()).toBe(false);
    expect(await page.locator('td.source').first().isVisible()).toBe(false);
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await page.locator('li.finding.is-current').count()).toBe(0);
    await context.close();
  });

  it('without the script, shows no shortcuts line, as there are no shortcuts', async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/articles/${articleId}`);
    expect(await page.locator('#shortcuts').isVisible()).toBe(false);
    await context.close();
  });
});
