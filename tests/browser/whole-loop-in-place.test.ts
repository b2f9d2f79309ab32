import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editPassage } from '../../src/services/review.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { clientAs, testApp, type Client } from '../helpers/app.js';
import { markWindow, servedInChromium, signedInContext, windowMark } from '../helpers/browser.js';

// Our own article: place names the termbase corrects, a European number, scraping residue, and
// enough plain passages that the page scrolls in a short window.
const FILLER = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the report describes the loading of barge number ${i + 3} in plain words.`);
const ARTICLE = [
  'Grain barges leave Odessa as the river opens',
  'Barges loaded in Odessa left the port on Monday, the harbour office said.',
  ...FILLER.slice(0, 6),
  'A pilot from Kherson said the channel near Kharkov was clear of ice, though nobody asked him.',
  'Traders in Kiev expect prices to ease by the end of the month.',
  'The office counted 120.000 tonnes of wheat on the first convoy.',
  ...FILLER.slice(6),
].join('\n\n');

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let editor: Client;
let translator: Client;
let services: ServiceContext;

beforeAll(async () => {
  const { app, ctx } = testApp();
  services = ctx;
  editor = clientAs(app, ctx, 'editor');
  translator = clientAs(app, ctx, 'translator');
  ({ base, browser, close } = await servedInChromium(app));
});

afterAll(() => close?.());

const signedInAs = (client: Client) => signedInContext(browser, base, client, { viewport: { width: 1366, height: 700 } });

const scrollY = (page: Page) => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);

/** The scroll position once a smooth scroll (j, k) has come to rest. */
async function restingScrollY(page: Page): Promise<number> {
  let last = await scrollY(page);
  for (;;) {
    await page.waitForTimeout(150);
    const now = await scrollY(page);
    if (now === last) return now;
    last = now;
  }
}

/** Runs an in-place action and checks that the page was not reloaded and did not scroll. */
async function inPlace(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await restingScrollY(page);
  await action();
  expect(await windowMark(page)).toBe('still here');
  expect(await restingScrollY(page)).toBe(before);
}

/** The corrected text as the review page shows it: each kept row's diff without deletions and screen-reader words. */
const shownCorrectedText = (page: Page) =>
  page.$$eval('table.passages tbody tr:not(.is-deleted) .diff', (diffs) =>
    diffs.map((diff) => {
      const copy = diff.cloneNode(true) as typeof diff;
      for (const gone of copy.querySelectorAll('del, .visually-hidden')) gone.remove();
      return (copy.textContent ?? '').trim();
    }),
  );

const rowText = async (page: Page, idx: number) => (await shownCorrectedText(page))[idx];

describe('the whole review loop with the script, acting in place', () => {
  it('import → fixes (a, u, clicks), dismiss and undo, edit, comment, submit → approve all, send back → resubmit → approve; the export is what the page shows', async () => {
    // The editor imports the article through the import page.
    const editorContext = await signedInAs(editor);
    const editorPage = await editorContext.newPage();
    await editorPage.goto(`${base}/articles/new`);
    await editorPage.locator('textarea[name="text"]').fill(ARTICLE);
    await editorPage.getByRole('button', { name: /import/i }).click();
    await editorPage.waitForURL(/\/articles\/\d+$/);
    const articleUrl = new URL(editorPage.url()).pathname;

    // The translator works through the findings.
    const translatorContext = await signedInAs(translator);
    const page = await translatorContext.newPage();
    await page.goto(`${base}${articleUrl}`);
    await markWindow(page);
    const errors = page.locator('#in-place-error');

    // j selects the first finding in reading order (the title's "Odessa"); a applies it; u undoes it; a again.
    await page.locator('body').press('j');
    expect(await page.locator('.finding.is-current q').textContent()).toBe('Odessa');
    await inPlace(page, async () => {
      await page.locator('body').press('a');
      await page.locator('#undo-notice').waitFor();
    });
    expect(await rowText(page, 0)).toBe('Grain barges leave Odesa as the river opens');
    await inPlace(page, async () => {
      await page.locator('body').press('u');
      await page.getByText('Fix undone: passage 1 is back as it was.').waitFor();
    });
    expect(await rowText(page, 0)).toBe('Grain barges leave Odessa as the river opens');
    expect(await page.locator('.finding.is-current q').textContent()).toBe('Odessa');
    await inPlace(page, async () => {
      await page.locator('body').press('a');
      await page.locator('#undo-notice').waitFor();
    });
    expect(await rowText(page, 0)).toBe('Grain barges leave Odesa as the river opens');
    // The selection moved on to the next finding in reading order: the second "Odessa".
    expect(await page.locator('.finding.is-current q').textContent()).toBe('Odessa');
    await page.locator('body').press('a');
    await page.getByText('Fix applied to passage 2.').waitFor();

    // A click on a fix, further down: the page keeps its place.
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 300));
    const kharkov = page.locator('.finding', { has: page.locator('q', { hasText: /^Kharkov$/ }) });
    await kharkov.locator('button[data-action="apply"]').scrollIntoViewIfNeeded();
    await inPlace(page, async () => {
      await kharkov.locator('button[data-action="apply"]').click();
      await page.getByText('Fix applied to passage 9.').waitFor();
    });
    expect(await rowText(page, 8)).toContain('near Kharkiv was clear');
    // The clicked button went with its finding; the focus is on the finding now in its place, not lost.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className)).toMatch(/\bfinding\b.*\bis-current\b/);

    // Dismiss one, then undo the dismissal.
    const kiev = page.locator('.finding', { has: page.locator('q', { hasText: /^Kiev$/ }) });
    await inPlace(page, async () => {
      await kiev.locator('summary', { hasText: 'Dismiss' }).click();
      await kiev.locator('input[name="reason"]').fill('Quoted as the trader said it');
      await kiev.locator('details.dismiss button').click();
      await page.locator('.finding.is-dismissed').waitFor();
    });
    await inPlace(page, async () => {
      await page.locator('.finding.is-dismissed').getByRole('button', { name: /Undo dismissal/ }).click();
      await page.locator('.finding.is-dismissed').waitFor({ state: 'detached' });
    });
    expect(await kiev.locator('button[data-action="apply"]').count()).toBe(1);
    expect(await errors.isHidden()).toBe(true);

    // An edit and a comment on the edit page (pages of their own), then submit.
    await page.goto(`${base}${articleUrl}/passages/10/edit`);
    await page.locator('textarea[name="text"]').fill('The office counted 120,000 tonnes of wheat on the first convoy.');
    await page.locator('select[name="category"]').selectOption('number');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(new RegExp(`${articleUrl}\\?done=saved#p-10$`));
    await page.goto(`${base}${articleUrl}/passages/10/edit`);
    await page.locator('textarea[name="body"]').fill('Tonnes, not kilograms: checked against the source.');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.goto(`${base}${articleUrl}`);
    const confirm = page.locator('input[name="confirm"]');
    // Findings are still open ("Kiev", kept), so submitting asks to confirm.
    await confirm.check();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText('Submitted for approval.').waitFor();

    // The editor approves every proposal in place, then sends the article back.
    await editorPage.goto(`${base}${articleUrl}`);
    await markWindow(editorPage);
    expect(await editorPage.locator('tr.is-proposed').count()).toBe(4);
    await inPlace(editorPage, async () => {
      await editorPage.getByRole('button', { name: 'Approve all 4 proposals', exact: true }).click();
      await editorPage.getByText('The chosen proposals are approved.').waitFor();
    });
    expect(await editorPage.locator('tr.is-proposed').count()).toBe(0);
    await editorPage.getByText('Send back for more work').click();
    await editorPage.locator('textarea[name="comment"]').fill('Passage 9: say who the pilot works for.');
    await editorPage.getByRole('button', { name: 'Send back' }).click();
    await editorPage.getByText('Sent back for more work').waitFor();

    // The translator sees what needs doing, answers it with an edit, and submits again.
    await page.goto(`${base}${articleUrl}`);
    expect(await page.locator('.sent-back .comment-body').textContent()).toBe('Passage 9: say who the pilot works for.');
    await page.goto(`${base}${articleUrl}/passages/8/edit`);
    await page.locator('textarea[name="text"]').fill('A pilot of the river authority in Kherson said the channel near Kharkiv was clear of ice.');
    await page.locator('select[name="category"]').selectOption('omission-addition');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(new RegExp(`#p-8$`));
    // Findings are still open ("Kiev", kept), so submitting asks to confirm.
    await confirm.check();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText('Submitted for approval.').waitFor();

    // The editor approves the proposal in place, then the article.
    await editorPage.goto(`${base}${articleUrl}`);
    await markWindow(editorPage);
    const approve = editorPage.locator('#p-8').getByRole('button', { name: /Approve/ });
    // The click comes from where the page is scrolled to the button; the answer moves nothing.
    await approve.scrollIntoViewIfNeeded();
    await inPlace(editorPage, async () => {
      await approve.click();
      await editorPage.getByText('Proposal approved: exports take it.').waitFor();
    });
    await editorPage.getByRole('button', { name: 'Approve the article' }).click();
    await editorPage.getByText('Article approved').waitFor();

    // What the page shows as the corrected text is exactly what is exported.
    const shown = await shownCorrectedText(editorPage);
    const exported = await (await editorPage.request.get(`${base}${articleUrl}/corrected.txt`)).text();
    expect(exported.trim().split(/\n+/)).toEqual(shown);
    expect(shown[0]).toBe('Grain barges leave Odesa as the river opens');
    expect(shown[8]).toBe('A pilot of the river authority in Kherson said the channel near Kharkiv was clear of ice.');
    expect(shown[10]).toBe('The office counted 120,000 tonnes of wheat on the first convoy.');
    await editorContext.close();
    await translatorContext.close();
  }, 120_000);
});

describe('a refusal in place', () => {
  it('says a 409 as an alert and keeps the page', async () => {
    const { id } = await importArticle(services, { text: 'Ferries in Kiev ran late.\n\nThe river rose overnight.' });
    await editPassage(services, translator.user, id, 1, 'The river rose sharply overnight.', 1, 'style');
    const context = await signedInAs(translator);
    const page = await context.newPage();
    await page.goto(`${base}/articles/${id}`);
    await markWindow(page);
    // Someone else changes the passage after the page was loaded: its Revert form is now stale.
    await editPassage(services, translator.user, id, 1, 'The river rose fast overnight.', 2, 'style');
    await inPlace(page, async () => {
      await page.locator('#p-1').getByRole('button', { name: /Revert/ }).click();
      await page.getByRole('alert').waitFor();
    });
    expect(await page.getByRole('alert').textContent()).toMatch(/Reload the page to see the passage as it is now\.$/);
    expect(services.repos.passages.find(id, 1)!.correctedText).toBe('The river rose fast overnight.');
    await context.close();
  }, 60_000);
});
