import { readFileSync } from 'node:fs';
import { parse } from 'node-html-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, testApp, type Client } from '../helpers/app.js';
import { servedInChromium, signedInContext } from '../helpers/browser.js';

// Our own fixture: a place name in the old spelling, a European number, scraping residue, one line each.
const ARTICLE = [
  'Grain barges leave Odessa again',
  '',
  'The first convoy of grain barges left Odessa on Sunday, the port authority said.',
  '',
  'Officials in Kiev expect 450.000 tonnes to pass through the corridor each month.',
  '',
  '318 views 2 comment(s)',
  'Insurers have raised their premiums for the route twice this year.',
].join('\n');

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let editor: Client;
let translator: Client;

beforeAll(async () => {
  const app = testApp();
  editor = app.web;
  translator = clientAs(app.app, app.ctx, 'translator');
  ({ base, browser, close } = await servedInChromium(app.app));
});

afterAll(() => close?.());

/** A page without the script, signed in as the client's user: every step is a form post and a new page. */
async function pageWithoutScript(client: Client): Promise<Page> {
  return (await signedInContext(browser, base, client, { javaScriptEnabled: false })).newPage();
}

/**
 * The corrected text of each passage as the review page prints it: the diff without its
 * deletions and without the words only screen readers hear. A deleted passage reads as ''.
 * Read from the served HTML, since this page runs no script.
 */
async function correctedOnPage(page: Page): Promise<string[]> {
  const html = parse(await page.content());
  return html.querySelectorAll('table.passages tbody tr').map((row) => {
    const diff = row.querySelector('td.corrected .diff, td.unchanged .diff')!;
    for (const gone of diff.querySelectorAll('del, .visually-hidden')) gone.remove();
    return diff.textContent.replace(/\s+/g, ' ').trim();
  });
}

async function openFindings(page: Page): Promise<number> {
  return page.locator('li.finding:not(.is-dismissed)').count();
}

describe('the whole review loop with the script turned off', () => {
  it('import → translator fixes, edits, comments, submits → editor approves all, sends back → translator resubmits → editor approves → export equals the page', async () => {
    const editorPage = await pageWithoutScript(editor);
    await editorPage.goto(`${base}/articles/new`);
    await editorPage.getByLabel('Paste the text').fill(ARTICLE);
    await editorPage.getByRole('button', { name: 'Import and check' }).click();
    await editorPage.waitForURL(/\/articles\/\d+/);
    const id = Number(/\/articles\/(\d+)/.exec(editorPage.url())![1]);
    const review = `${base}/articles/${id}`;
    await editorPage.getByLabel('Assign to').selectOption(translator.user.name);
    await editorPage.getByRole('button', { name: 'Assign' }).click();
    await editorPage.waitForLoadState();
    expect(await editorPage.locator('.meta').first().textContent()).toContain(`Assigned to ${translator.user.name}`);

    // The translator applies two fixes: each is a post that returns to the page.
    const page = await pageWithoutScript(translator);
    await page.goto(review);
    const before = await openFindings(page);
    expect(before).toBeGreaterThanOrEqual(4);
    for (const fix of [/Kyiv/, /450,000/]) {
      await page.locator('form.finding-actions button.button-primary', { hasText: fix }).first().click();
      await page.waitForLoadState();
    }
    expect(await openFindings(page)).toBeLessThan(before);
    expect(await page.locator('tr.is-proposed').count()).toBe(1); // both were in passage 3

    // …edits a passage by hand and comments on it.
    await page.goto(`${review}/passages/1/edit`);
    await page.locator('textarea#text').fill('The first convoy of grain barges left the port on Sunday, the port authority said.');
    await page.getByLabel('What this correction fixes').selectOption('fluency');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(new RegExp(`/articles/${id}`));
    expect(await page.locator('tr.is-proposed').count()).toBe(2);
    await page.goto(`${review}/passages/1/edit`);
    await page.getByLabel('Add a comment').fill('Dropped the city name: the headline already says where.');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#comments').textContent()).toContain('Dropped the city name');

    // …and submits: open findings remain (the Odessa in the title, the residue line), so the form asks to confirm.
    await page.goto(review);
    expect(await openFindings(page)).toBeGreaterThan(0);
    const confirm = page.getByRole('checkbox', { name: /Submit with \d+ open/ });
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    expect(page.url()).toBe(review); // the required box holds the form back
    await confirm.check();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.status').textContent()).toBe('Awaiting approval');

    // The editor approves every proposal at once and sends the article back.
    await editorPage.goto(review);
    await editorPage.getByRole('button', { name: 'Approve all 2 proposals', exact: true }).click();
    await editorPage.waitForLoadState();
    expect(await editorPage.locator('tr.is-proposed').count()).toBe(0);
    await editorPage.locator('summary', { hasText: 'Send back for more work' }).click();
    await editorPage.getByLabel('What needs doing').fill('Fix the title and drop the view counter.');
    await editorPage.getByRole('button', { name: 'Send back' }).click();
    await editorPage.waitForLoadState();

    // The translator reads the comment at the top of the review page, fixes the rest and resubmits.
    await page.goto(review);
    expect(await page.locator('.sent-back .comment-body').textContent()).toBe('Fix the title and drop the view counter.');
    const top = await page.locator('.sent-back').boundingBox();
    const passages = await page.locator('table.passages').boundingBox();
    expect(top!.y).toBeLessThan(passages!.y);
    for (const fix of [/Odesa/, /Delete/]) {
      await page.locator('form.finding-actions button.button-primary', { hasText: fix }).first().click();
      await page.waitForLoadState();
    }
    expect(await page.locator('tr.is-deleted').count()).toBe(1);
    // Every error and warning is fixed now, so nothing is left to confirm.
    expect(await page.getByRole('checkbox', { name: /Submit with \d+ open/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.sent-back').count()).toBe(0);

    // The editor approves the new proposals and the article.
    await editorPage.goto(review);
    await editorPage.getByRole('button', { name: 'Approve all 2 proposals', exact: true }).click();
    await editorPage.waitForLoadState();
    await editorPage.getByRole('button', { name: 'Approve the article' }).click();
    await editorPage.waitForLoadState();
    expect(await editorPage.locator('.status').textContent()).toBe('Approved');

    // The export is what the review page shows, passage by passage (a deleted passage exports nothing).
    const shown = await correctedOnPage(editorPage);
    expect(shown).toEqual([
      'Grain barges leave Odesa again',
      'The first convoy of grain barges left the port on Sunday, the port authority said.',
      'Officials in Kyiv expect 450,000 tonnes to pass through the corridor each month.',
      '',
      'Insurers have raised their premiums for the route twice this year.',
    ]);
    const exported = await editorPage.request.get(`${review}/corrected.txt`);
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    // The deleted line had a blank line before it and one line break after: the paragraph break stays.
    // The export ends with a line break, as a text file does.
    expect(text).toBe(`${shown.filter((passage) => passage !== '').join('\n\n')}\n`);
    // The export menu's plain text of the approved article is the same text, with no draft notice.
    await editorPage.getByLabel('Format').selectOption('txt');
    await editorPage.getByLabel('Text', { exact: true }).selectOption('corrected');
    const [download] = await Promise.all([editorPage.waitForEvent('download'), editorPage.getByRole('button', { name: 'Download', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('grain-barges-leave-odesa-again.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(text);
    await editorPage.context().close();
    await page.context().close();
  }, 120_000);
});
