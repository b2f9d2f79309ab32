import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { dismissCheck, editPassage } from '../../src/services/review.js';
import { clientAs, testApp, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium, signedInContext } from '../helpers/browser.js';

// Our own fixture. Passage 1 gets an approved correction and then a re-import changes its AI text
// (re-review); 2 a translator's proposal; 3 is deleted; 4 keeps open findings; terms are dismissed.
const FIRST = [
  'Council votes on the new bridge in Kharkov',
  '',
  'The city council in Kharkov approved the plans for a second bridge on Thursday.',
  '',
  'Construction is expected to cost 120.000.000 hryvnias, officials in Kiev said.',
  '',
  '97 views 0 comment(s)',
  '',
  'Residents can comment on the plans until the end of the month, the council said; the figure of 99,5 percent support came from its own survey.',
].join('\n');
const REIMPORTED = FIRST.replace('on Thursday.', 'on Thursday evening.');

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let admin: Client;
let translator: Client;
let stateful: number;
let untouched: number;

beforeAll(async () => {
  const { app, ctx, web: editor } = testApp();
  admin = clientAs(app, ctx, 'admin');
  translator = clientAs(app, ctx, 'translator');
  ({ id: untouched } = await importArticle(ctx, { text: FIRST }));
  ({ id: stateful } = await importArticle(ctx, { text: FIRST, externalId: 'every-state' }));
  await editPassage(ctx, editor.user, stateful, 1, 'The city council in Kharkiv approved the plans for a second bridge on Thursday.', 1, 'name');
  await editPassage(ctx, translator.user, stateful, 2, 'Construction is expected to cost 120,000,000 hryvnias, officials in Kyiv said.', 1, 'number');
  await editPassage(ctx, editor.user, stateful, 3, '', 1, 'boilerplate');
  await dismissCheck(ctx, editor.user, stateful, 'terms', 'House style allows it here');
  await importArticle(ctx, { text: REIMPORTED, externalId: 'every-state' });
  // A delivery on the webhook page, failed with an error, as the page's widest row.
  ctx.repos.webhookDeliveries.insert({ deliveryId: '5f0c6a0e-3b1e-4c0f-9d43-2a7f1f0d8e11', event: 'article.approved', articleId: stateful, body: Buffer.from('{}'), now: ctx.now() });
  ({ base, browser, close } = await servedInChromium(app));
});

afterAll(() => close?.());

async function pageAt(width: number, client?: Client): Promise<Page> {
  return (await signedInContext(browser, base, client, { viewport: { width, height: 900 } })).newPage();
}

/** Serious or critical axe violations and sideways scrolling (at phone width) of each path, as one list. */
async function problems(page: Page, width: number, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(`${base}${path}`);
    for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
    const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    if (scrollWidth > width) found.push(`${path}: ${scrollWidth} px wide`);
  }
  return found;
}

describe.each([1366, 390])('at %i px wide', (width) => {
  it('every page has no serious or critical axe violation and no sideways scroll', async () => {
    const page = await pageAt(width, admin);
    const found = await problems(page, width, [
      '/articles',
      '/articles/new',
      `/articles/${untouched}`,
      `/articles/${stateful}/passages/1/edit`,
      `/articles/${stateful}/history`,
      '/queue',
      '/admin/users',
      '/admin/tokens',
      '/admin/webhooks',
      '/articles/999999',
    ]);
    // The last of them is the error page, not an article.
    expect(await page.locator('h1').textContent()).toBe('Not found');
    await page.context().close();
    const signedOut = await pageAt(width);
    found.push(...(await problems(signedOut, width, ['/login'])));
    await signedOut.context().close();
    expect(found).toEqual([]);
  }, 240_000);

  it('the review page with a passage in every state, for an editor and a translator', async () => {
    const found: string[] = [];
    for (const client of [admin, translator]) {
      const page = await pageAt(width, client);
      await page.goto(`${base}/articles/${stateful}`);
      // The states are there to be checked: open and dismissed findings, proposed, approved, deleted, re-review.
      expect(await page.locator('li.finding.is-dismissed').count()).toBeGreaterThan(0);
      expect(await page.locator('li.finding:not(.is-dismissed)').count()).toBeGreaterThan(0);
      expect(await page.locator('tr.is-proposed').count()).toBe(1);
      expect(await page.locator('tr.is-deleted').count()).toBe(1);
      expect(await page.locator('tr.needs-review').count()).toBe(1);
      expect(await page.locator('tr.is-changed:not(.is-proposed)').count()).toBe(1);
      for (const p of await problems(page, width, [`/articles/${stateful}`])) found.push(`${client.user.role}: ${p}`);
      await page.context().close();
    }
    expect(found).toEqual([]);
  }, 240_000);
});
