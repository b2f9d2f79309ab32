import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { applyFinding } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import { clientAs, testApp, type Client } from '../helpers/app.js';
import { markWindow, seriousViolations, servedInChromium, signedInContext, windowMark } from '../helpers/browser.js';

// Our own article: two place names the termbase corrects, each in a passage of its own, and a
// European number; enough lines after them that the page scrolls.
const ARTICLE = [
  'Ferry timetable changes in Odessa',
  'Ferries from Odessa sail an hour later from Monday, the port said.',
  'The crossing to Kherson keeps its times; the pier near Kharkov stays shut.',
  'The port counted 45.000 passengers last month.',
  ...Array.from({ length: 10 }, (_, i) => `Line ${i + 1} of the timetable notice lists the boats in plain words.`),
].join('\n\n');

const SCREENSHOTS = process.env.WORKBENCH_SCREENSHOTS;

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

async function pageAs(client: Client, width = 1366, javaScriptEnabled = true): Promise<Page> {
  return (await signedInContext(browser, base, client, { viewport: { width, height: 800 }, javaScriptEnabled })).newPage();
}

/** The names of the head's review-step buttons, in order. */
const steps = (page: Page) => page.locator('#review-flow button').allTextContents();

/** A translator's fix of the finding on `text`, applied through the service (a proposal). */
async function propose(id: number, text: string): Promise<void> {
  const finding = ctx.repos.findings.ofArticle(id).find((f) => f.text === text && f.fix)!;
  await applyFinding(ctx, translator.user, id, finding.fingerprint);
}

describe('the review page’s head after actions taken in place', () => {
  it('a translator’s fix in place brings the status and the open counts up to date', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    const page = await pageAs(translator);
    await page.goto(`${base}/articles/${id}`);
    await markWindow(page);
    expect(await page.locator('#review-summary .status').textContent()).toBe('New');
    const countsBefore = await page.locator('#review-summary .counts').textContent();

    const kharkov = page.locator('.finding', { has: page.locator('q', { hasText: /^Kharkov$/ }) });
    await kharkov.locator('button[data-action="apply"]').click();
    await page.locator('#undo-notice').waitFor();
    await page.locator('#review-summary .status', { hasText: 'In review' }).waitFor();
    expect(await windowMark(page)).toBe('still here');
    expect(await page.locator('#review-summary .counts').textContent()).not.toBe(countsBefore);
    // The submit form asks to confirm as many open errors and warnings as the article has now.
    const { openErrors, openWarnings } = ctx.repos.articles.findSummary(id)!;
    expect(await page.locator('#review-flow .confirm').textContent()).toContain(`Submit with ${openErrors + openWarnings} open`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('the notice of the step that loaded the page goes, from the page and the address, once an action is taken in place', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    const page = await pageAs(translator);
    await page.goto(`${base}/articles/${id}`);
    await page.locator('#review-flow input[name="confirm"]').check();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText('Submitted for approval.').waitFor();
    await markWindow(page);
    const odessa = page.locator('.finding', { has: page.locator('q', { hasText: /^Odessa$/ }) }).first();
    await odessa.locator('button[data-action="apply"]').click();
    await page.locator('#undo-notice').waitFor();
    expect(await page.getByText('Submitted for approval.').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    expect(await windowMark(page)).toBe('still here');
    // The fix is a proposal on an article awaiting approval: it stays awaiting approval.
    expect(await page.locator('#review-summary .status').textContent()).toBe('Awaiting approval');
    await page.context().close();
  }, 90_000);

  it('an editor approving the proposals one by one in place is offered “Approve the article” once none waits', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    await propose(id, 'Kharkov');
    await propose(id, 'Odessa');
    takeStep(ctx, translator.user, id, 'submit', undefined, true);

    const page = await pageAs(editor);
    await page.goto(`${base}/articles/${id}`);
    await markWindow(page);
    // While proposals wait, the article alone cannot be approved: both at once can.
    expect(await steps(page)).toEqual(['Approve all 2 proposals', 'Approve all 2 proposals and the article', 'Send back', 'Assign']);
    expect(await seriousViolations(page)).toEqual([]);
    if (SCREENSHOTS) await page.locator('.page-head').screenshot({ path: `${SCREENSHOTS}/head-waiting-1366.png` });

    const proposed = page.locator('tr.is-proposed');
    await proposed.first().getByRole('button', { name: /^Approve/ }).click();
    await page.getByText('Proposal approved: exports take it.').waitFor();
    expect(await steps(page)).toEqual(['Approve the waiting proposal', 'Approve the waiting proposal and the article', 'Send back', 'Assign']);
    await proposed.first().getByRole('button', { name: /^Approve/ }).click();
    await page.locator('#review-flow').getByRole('button', { name: 'Approve the article' }).waitFor();
    expect(await steps(page)).toEqual(['Approve the article', 'Send back', 'Assign']);
    expect(await windowMark(page)).toBe('still here');
    expect(await seriousViolations(page)).toEqual([]);

    // Approving the article reloads the page, which says so.
    await page.getByRole('button', { name: 'Approve the article' }).click();
    await page.getByText('Article approved: exports give the approved text.').waitFor();
    expect(await page.locator('#review-summary .status').textContent()).toBe('Approved');
    await page.context().close();
  }, 90_000);

  it('“Approve all” in place leaves the head as it is now, keeping what was typed in the send-back box', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    await propose(id, 'Kharkov');
    takeStep(ctx, translator.user, id, 'submit', undefined, true);
    const page = await pageAs(editor);
    await page.goto(`${base}/articles/${id}`);
    await markWindow(page);
    await page.getByText('Send back for more work').click();
    await page.locator('#review-flow textarea[name="comment"]').fill('Half written');
    await page.getByRole('button', { name: 'Approve the waiting proposal', exact: true }).click();
    await page.getByText('The chosen proposals are approved.').waitFor();
    expect(await steps(page)).toEqual(['Approve the article', 'Send back', 'Assign']);
    expect(await page.locator('#review-flow textarea[name="comment"]').inputValue()).toBe('Half written');
    expect(await page.locator('#review-flow details').getAttribute('open')).toBe('');
    // The focus went with the replaced form: it is on the head's first step now, not lost.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('Approve the article');
    expect(await windowMark(page)).toBe('still here');
    await page.context().close();
  }, 90_000);

  it('“Approve all and the article” is one click that lands on the page saying what it did, at 1366 and 390 px', async () => {
    for (const width of [1366, 390]) {
      const { id } = await importArticle(ctx, { text: ARTICLE });
      await propose(id, 'Kharkov');
      await propose(id, 'Odessa');
      takeStep(ctx, translator.user, id, 'submit', undefined, true);
      const page = await pageAs(editor, width);
      await page.goto(`${base}/articles/${id}`);
      expect(await seriousViolations(page)).toEqual([]);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/head-approve-all-${width}.png` });
      await page.getByRole('button', { name: 'Approve all 2 proposals and the article' }).click();
      await page.getByText('The waiting proposals and the article are approved').waitFor();
      expect(await page.locator('#review-summary .status').textContent()).toBe('Approved');
      expect(await page.locator('tr.is-proposed').count()).toBe(0);
      expect(ctx.repos.passages.pendingOf(id)).toEqual([]);
      await page.context().close();
    }
  }, 120_000);
});

describe('comments from the review page', () => {
  it('a comment posted in place shows in its passage’s row; the page stays where it was', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    for (const width of [1366, 390]) {
      const page = await pageAs(translator, width);
      await page.goto(`${base}/articles/${id}`);
      await markWindow(page);
      const row = page.locator('#p-3');
      await row.locator('summary', { hasText: 'Comment' }).click();
      await row.getByRole('textbox', { name: 'Your comment on passage 4' }).fill(`Is 45.000 the monthly count? (${width})`);
      expect(await seriousViolations(page)).toEqual([]);
      if (SCREENSHOTS) await row.screenshot({ path: `${SCREENSHOTS}/comment-form-${width}.png` });
      await row.getByRole('button', { name: 'Post the comment' }).click();
      await page.getByText('Comment added to the passage’s thread.').waitFor();
      await page.locator('#p-3 .comment-brief li', { hasText: `(${width})` }).waitFor();
      expect(await windowMark(page)).toBe('still here');
      expect(await page.locator('#p-3 a.comment-count').textContent()).toBe(width === 1366 ? '1 comment' : '2 comments');
      // The new row's form is closed and empty, ready for the next comment.
      expect(await page.locator('#p-3 details.comment').getAttribute('open')).toBeNull();
      expect(await seriousViolations(page)).toEqual([]);
      if (SCREENSHOTS) await page.locator('#p-3').screenshot({ path: `${SCREENSHOTS}/comment-thread-${width}.png` });
      await page.context().close();
    }
    expect(ctx.repos.passageComments.ofPassage(id, 3).map((c) => c.body)).toEqual(['Is 45.000 the monthly count? (1366)', 'Is 45.000 the monthly count? (390)']);
  }, 120_000);

  it('without the script, the comment form returns to the passage and says it was added', async () => {
    const { id } = await importArticle(ctx, { text: ARTICLE });
    const page = await pageAs(translator, 1366, false);
    await page.goto(`${base}/articles/${id}`);
    const row = page.locator('#p-2');
    await row.locator('summary', { hasText: 'Comment' }).click();
    await row.getByRole('textbox', { name: 'Your comment on passage 3' }).fill('Which pier?');
    await row.getByRole('button', { name: 'Post the comment' }).click();
    await page.waitForURL(`${base}/articles/${id}?done=commented#p-2`);
    expect(await page.locator('.alert[role="status"]').textContent()).toContain('Comment added to the passage’s thread.');
    expect(await page.locator('#p-2 .comment-brief li').textContent()).toMatch(/translator:\s+Which pier\?/);
    await page.context().close();
  }, 90_000);
});
