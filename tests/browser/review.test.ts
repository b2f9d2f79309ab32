import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { testApp, type Client } from '../helpers/app.js';
import { launchChromium, listen, seriousViolations, signedInContext } from '../helpers/browser.js';

const ARTICLE = [
  'Ferry service resumes on the Danube',
  '',
  'A passenger ferry between Izmail and the Romanian bank resumed on Tuesday, the regional administration in Kiev said.',
  '',
  'The operator expects to carry 700.000 passengers a year once the second vessel returns from repairs.',
  '',
  '1204 views 3 comment(s)',
  '',
  'Officials said the <script>alert("x")</script> crossing had been closed since the spring floods.',
].join('\n');

let browser: Browser;
let server: Server;
let base: string;
let editor: Client;

const TRANSLATOR = { name: 'mariia', password: 'a long browser password' };

beforeAll(async () => {
  const { app, web, ctx } = testApp();
  editor = web;
  await createUser(ctx, { ...TRANSLATOR, role: 'translator' });
  server = createServer(app);
  base = await listen(server);
  browser = await launchChromium();
});

/** A browser context signed in as the test editor. */
const signedInAsEditor = (options: Parameters<Browser['newContext']>[0] = {}) => signedInContext(browser, base, editor, options);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('reviewing an article in the browser', () => {
  it('imports, flags, applies a fix with a diff, dismisses for good and downloads the corrected text', async () => {
    const context = await signedInAsEditor({ acceptDownloads: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${base}/articles/new`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('textarea[name="text"]', ARTICLE);
    await page.getByRole('button', { name: 'Import and check' }).click();
    await page.waitForURL(/\/articles\/\d+/);

    // The flags are on the page, highlighted in place and listed in the panel.
    await expect.poll(() => page.locator('mark.flag').count()).toBeGreaterThanOrEqual(3);
    const panel = page.locator('#findings');
    expect(await panel.textContent()).toContain('Write "Kyiv", not "Kiev"');
    expect(await panel.textContent()).toContain('"700.000" groups thousands with a dot');
    // Article text that looks like markup is shown as text, never run.
    expect(await page.locator('#p-4').textContent()).toContain('<script>alert("x")</script>');
    expect(dialogs).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Replace with “Kyiv”' }).click();
    await page.waitForLoadState();
    const changed = page.locator('#p-1');
    expect(await changed.locator('del').textContent()).toBe('deleted: Kiev');
    expect(await changed.locator('ins').textContent()).toBe('inserted: Kyiv');

    const counter = page.locator('li.finding', { hasText: '1204 views' });
    const fingerprint = (await counter.getAttribute('id'))!.slice('finding-'.length);
    await counter.locator('summary', { hasText: 'Dismiss' }).click();
    await counter.getByLabel('Reason').fill('Kept on purpose in this test');
    // Enter in the reason field dismisses: the finding's form has Dismiss as its first button.
    await counter.getByLabel('Reason').press('Enter');
    await page.waitForLoadState();
    await page.reload();
    expect(await page.locator(`#finding-${fingerprint}`).getAttribute('class')).toContain('is-dismissed');

    // The export menu's first format and text: the corrected plain text, marked a draft until approved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/-draft\.txt$/);
    const corrected = readFileSync((await download.path())!, 'utf8');
    expect(corrected).toMatch(/^Draft — not approved \(status: in review\)\n\n/);
    expect(corrected).toContain('the regional administration in Kyiv said.');
    expect(corrected).not.toContain('Kiev');
    expect(corrected).toContain('700.000 passengers');
    await context.close();
  });

  it('works through the findings from the keyboard', async () => {
    const response = await fetch(`${base}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: editor.bearer },
      body: JSON.stringify({ title: 'Keyboard review', text: ARTICLE }),
    });
    const { id } = (await response.json()) as { id: number };
    const page = await (await signedInAsEditor()).newPage();
    await page.goto(`${base}/articles/${id}`);
    const open = () => page.locator('li.finding:not(.is-dismissed)').count();
    const before = await open();

    await page.keyboard.press('j');
    const first = page.locator('li.finding.is-current');
    expect(await first.getAttribute('id')).toBe(await page.locator('li.finding').first().getAttribute('id'));
    await page.keyboard.press('d');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { name?: string } | null } }).document.activeElement?.name)).toBe('reason');
    await page.keyboard.press('Escape');
    await page.locator('h1').click();

    // a applies the fix in place, and offers to undo it.
    await page.keyboard.press('a');
    await page.locator('#undo-notice').getByRole('button', { name: 'Undo' }).waitFor();
    await expect.poll(open).toBe(before - 1);

    // e opens the current finding's passage for editing, with the cursor in its text.
    await page.keyboard.press('j');
    await Promise.all([page.waitForURL(/\/passages\/\d+\/edit\?finding=\w+$/), page.keyboard.press('e')]);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await seriousViolations(page)).toEqual([]);
    const idx = /passages\/(\d+)\/edit\?/.exec(page.url())![1];
    await page.fill('textarea[name="text"]', 'Edited by hand in the browser.');
    await page.getByLabel('What this correction fixes').selectOption('fluency');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(`${base}/articles/${id}?done=saved#p-${idx}`);
    expect(await page.locator('.alert[role="status"]').textContent()).toBe('Saved.');
    expect(await (await fetch(`${base}/api/articles/${id}`, { headers: { authorization: editor.bearer } })).text()).toContain('Edited by hand in the browser.');
    expect(await page.locator(`#p-${idx} ins`).count()).toBeGreaterThan(0);
    // The change is in the article's history, with its author.
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(`${base}/articles/${id}/history`);
    expect((await page.locator('.history-entry').first().textContent())!.replace(/\s+/g, ' ')).toContain('editor edited passage');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('signs in on the login page and comes back to the page asked for', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/articles?page=1`);
    await page.waitForURL(/\/login\?next=/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Name').fill(TRANSLATOR.name);
    await page.getByLabel('Password').fill(TRANSLATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/articles?page=1`);
    expect(await page.locator('.signed-in').textContent()).toContain('mariia');
    // A translator is not offered the import page.
    expect(await page.getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/login`);
    await page.close();
  });

  it('has no serious accessibility violations on the article list', async () => {
    const page = await (await signedInAsEditor()).newPage();
    await page.goto(`${base}/articles`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
