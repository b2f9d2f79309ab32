import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { editPassage, revertPassage } from '../../src/services/review.js';
import { assignArticle, takeStep } from '../../src/services/review-flow.js';
import type { ServiceContext } from '../../src/services/context.js';
import { clientAs, testApp, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium, signedInContext } from '../helpers/browser.js';

const ARTICLE = [
  'Tram line reopens in Kharkov',
  '',
  'The tram line to the northern district of Kharkov runs again from Monday, the city council said.',
  '',
  'Repairs to the depot in Kiev took longer than planned.',
].join('\n');

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let ctx: ServiceContext;
let editor: Client;
let translator: Client;

beforeAll(async () => {
  const app = testApp();
  ctx = app.ctx;
  editor = app.web;
  translator = clientAs(app.app, ctx, 'translator');
  ({ base, browser, close } = await servedInChromium(app.app));
});

afterAll(() => close?.());

/** A page signed in as the client's user. */
async function pageAs(client: Client): Promise<Page> {
  return (await signedInContext(browser, base, client)).newPage();
}

describe('the review loop in the browser', () => {
  it('an editor approves a translator’s revert of an approved correction from the review page, then the article', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    await editPassage(ctx, editor.user, id, 1, 'The tram line to the northern district of Kharkiv runs again from Monday.', 1, 'name');
    await revertPassage(ctx, translator.user, id, 1, 2);
    takeStep(ctx, translator.user, id, 'submit', undefined, true);

    const page = await pageAs(editor);
    await page.goto(`${base}/articles/${id}`);
    const row = page.locator('#p-1');
    expect(await row.locator('.proposal').textContent()).toContain('The change from the approved text');
    // One diff, from the approved text: the revert puts back the AI text's spelling and clause.
    expect(await row.locator('.diff ins').allTextContents()).toEqual(['inserted: Write "Kharkiv", not "Kharkov" (house style). Kharkov', 'inserted: , the city council said']);
    expect(await row.locator('.diff del').allTextContents()).toEqual(['deleted: Kharkiv']);
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Approve the proposal for passage 2' }).click();
    // Approved in place: the row is replaced, the page stays.
    await page.getByText('Proposal approved: exports take it.').waitFor();
    expect(await page.locator('#p-1 .proposal').count()).toBe(0);
    await page.getByRole('button', { name: 'Approve the article' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.status').textContent()).toBe('Approved');
    await page.context().close();
  });

  it('a translator reads what needs doing; an editor undoes a dismissal of all of a check’s findings from the history', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    assignArticle(ctx, editor.user, id, translator.user.name);
    takeStep(ctx, translator.user, id, 'submit', undefined, true);
    takeStep(ctx, editor.user, id, 'sendBack', 'Use the <Ukrainian> spellings throughout.');

    const translatorPage = await pageAs(translator);
    await translatorPage.goto(`${base}/articles/${id}`);
    expect(await translatorPage.locator('.sent-back .comment-body').textContent()).toBe('Use the <Ukrainian> spellings throughout.');
    expect(await seriousViolations(translatorPage)).toEqual([]);
    await translatorPage.goto(`${base}/queue`);
    expect(await translatorPage.locator('.sent-back-list .comment-body').textContent()).toBe('Use the <Ukrainian> spellings throughout.');
    await translatorPage.context().close();

    const page = await pageAs(editor);
    await page.goto(`${base}/articles/${id}`);
    const terms = page.locator('section.check', { has: page.locator('#check-terms') });
    const total = await terms.locator('li.finding').count();
    expect(total).toBeGreaterThan(1);
    await terms.locator('summary', { hasText: 'Dismiss all' }).click();
    await terms.getByRole('button', { name: 'Dismiss all' }).click();
    // The panel is replaced in place once the dismissal is stored.
    await expect.poll(() => terms.locator('li.finding.is-dismissed').count()).toBe(total);
    expect(await terms.locator('form.undo-dismissal').count()).toBe(total);

    await page.goto(`${base}/articles/${id}/history`);
    await page.locator('.dismissal-history').getByRole('button', { name: 'Undo this dismissal' }).click();
    await page.waitForURL(`${base}/articles/${id}/history`);
    expect(await page.locator('.dismissal-history li').first().textContent()).toContain(`undid the dismissal of ${total} findings`);
    await page.goto(`${base}/articles/${id}`);
    expect(await terms.locator('li.finding.is-dismissed').count()).toBe(0);
    await page.context().close();
  });
});
