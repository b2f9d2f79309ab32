import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client } from '../helpers/app.js';
import { seriousViolations, servedInChromium } from '../helpers/browser.js';

// The panel lists terms, then name-variants, then typography; the text reads typography's slips first.
const ARTICLE = [
  'Harbour cranes idle',
  '',
  'Dockers  waited for news .',
  '',
  'Envoy Steve Witkoff toured the harbour in Kiev on Monday.',
  '',
  'Vitkoff said the cranes in Kiev would move again. Vitkoff left at noon.',
].join('\n');

interface ApiFinding {
  check: string;
  severity: string;
  message: string;
  start: number;
  fingerprint: string;
}

let browser: Browser;
let close: (() => Promise<void>) | undefined;
let base: string;
let editor: Client;

beforeAll(async () => {
  const { app, web } = testApp();
  editor = web;
  ({ base, browser, close } = await servedInChromium(app));
});

afterAll(() => close?.());

async function reviewPage(): Promise<{ page: Page; findings: ApiFinding[] }> {
  const created = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: editor.bearer },
    body: JSON.stringify({ title: 'Harbour', text: ARTICLE }),
  });
  const { id } = (await created.json()) as { id: number };
  const findings = (await (await fetch(`${base}/api/articles/${id}/findings`, { headers: { authorization: editor.bearer } })).json()) as ApiFinding[];
  const context = await browser.newContext();
  context.setDefaultTimeout(8_000);
  const [name, value] = editor.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/articles/${id}`);
  return { page, findings: findings.sort((a, b) => a.start - b.start) };
}

const currentId = (page: Page) => page.locator('li.finding.is-current').getAttribute('id');

describe('the findings panel in the browser', () => {
  it('j and k walk the findings in reading order, not panel order', async () => {
    const { page, findings } = await reviewPage();
    const reading = findings.map((f) => `finding-${f.fingerprint}`);
    expect(await page.locator('li.finding').first().getAttribute('id')).not.toBe(reading[0]);
    for (const id of reading) {
      await page.keyboard.press('j');
      expect(await currentId(page)).toBe(id);
    }
    await page.keyboard.press('k');
    expect(await currentId(page)).toBe(reading.at(-2));
    await page.close();
  });

  it('filters by severity and by check, announcing how many are shown, and j skips what is hidden', async () => {
    const { page, findings } = await reviewPage();
    const filter = page.locator('form.finding-filter');
    expect(await filter.isVisible()).toBe(true);
    const shown = () => page.locator('li.finding:visible').count();
    expect(await shown()).toBe(findings.length);

    await filter.getByLabel('info').uncheck();
    const notInfo = findings.filter((f) => f.severity !== 'info');
    expect(notInfo.length).toBeLessThan(findings.length);
    expect(await shown()).toBe(notInfo.length);
    expect(await page.locator('#findings-shown').textContent()).toBe(`Showing ${notInfo.length} of ${findings.length} findings.`);
    // Keys typed in a form control are its own.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await currentId(page)).toBe(`finding-${notInfo[0]!.fingerprint}`);

    await filter.getByLabel('Check').selectOption('name-variants');
    const names = findings.filter((f) => f.check === 'name-variants');
    expect(await shown()).toBe(names.length);
    expect(await page.locator('section.check:visible').count()).toBe(1);
    expect(await page.locator('#findings-shown').textContent()).toBe(`Showing ${names.length} of ${findings.length} findings.`);

    await filter.getByLabel('info').check();
    await filter.getByLabel('Check').selectOption('');
    expect(await shown()).toBe(findings.length);
    expect(await page.locator('#findings-shown').textContent()).toBe(`Showing all ${findings.length} findings.`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('goes from a flagged span to its finding and back', async () => {
    const { page, findings } = await reviewPage();
    const kiev = findings.find((f) => f.check === 'terms')!;
    const link = page.locator(`#flag-${kiev.fingerprint} a`);
    expect(await link.getAttribute('title')).toBe(kiev.message);
    // Followed from the keyboard (a pointer click from Playwright lands on the cell around it after it scrolls, though the link is on top at its centre).
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#finding-${kiev.fingerprint}$`));
    await page.locator(`#finding-${kiev.fingerprint}`).getByRole('link', { name: 'show in text' }).click();
    await page.waitForURL(new RegExp(`#flag-${kiev.fingerprint}$`));
    await page.close();
  });
});
