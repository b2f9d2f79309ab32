import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { importArticle } from '../../src/services/import.js';
import { takeStep } from '../../src/services/review-flow.js';
import { DELIVERY_PAGE_SIZE } from '../../src/services/webhooks.js';
import { clientAs, reference, shownText, testConfig, testContext } from '../helpers/app.js';

const SECRET = 'the newsroom secret, never shown';
const URL_SET = 'https://cms.example.org/hooks/workbench';

/** The app with a webhook set (or none), an admin's and an editor's clients, and an article awaiting approval. */
async function appWithArticle(webhook: boolean) {
  const { db, ctx } = testContext();
  const app = createApp({ db, config: { ...testConfig, webhook: webhook ? { url: URL_SET, secret: SECRET, timeoutMs: 1000 } : null }, reference, log: () => {} });
  const admin = clientAs(app, ctx, 'admin');
  const editor = clientAs(app, ctx, 'editor');
  const { id } = await importArticle(ctx, { text: 'The ferry timetable changes in spring.\n\nTwo crossings run on Sundays.', title: 'Ferry timetable' });
  takeStep(ctx, editor.user, id, 'submit', undefined, true);
  return { db, ctx, admin, editor, id };
}

const rowsOf = (html: string) => parse(html).querySelectorAll('.delivery-list tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => shownText(td)));

describe('the webhook deliveries page', () => {
  it('lists the delivery an approval wrote, with where it goes but not the secret, and sends it again on a CSRF form', async () => {
    const { db, admin, editor, id } = await appWithArticle(true);
    await editor.post(`/articles/${id}/approve`).expect(303);
    const page = await admin.get('/admin/webhooks').expect(200);
    expect(page.text).toContain(URL_SET);
    expect(page.text).not.toContain(SECRET);
    expect(parse(page.text).querySelector('a[href="/admin/webhooks"][aria-current="page"]')).not.toBeNull();
    const [row] = rowsOf(page.text);
    expect(row!.slice(0, 4)).toEqual([expect.stringMatching(/^Ferry timetable [0-9a-f-]{36}$/), 'pending', '0', '']);

    db.prepare("UPDATE webhook_deliveries SET status = 'failed', attempts = 12, next_attempt_at = NULL, last_error = 'HTTP 500'").run();
    expect(rowsOf((await admin.get('/admin/webhooks')).text)[0]!.slice(1, 4)).toEqual(['failed', '12', 'HTTP 500']);
    const form = parse(page.text).querySelector('.delivery-list form')!;
    const again = await admin.post(form.getAttribute('action')!).expect(303);
    expect(again.headers.location).toBe('/admin/webhooks?done=delivery-resent');
    expect(shownText(parse((await admin.get(again.headers.location!)).text).querySelector('.alert')!)).toMatch(/will be sent again within a second/);
    expect(db.prepare('SELECT status, attempts FROM webhook_deliveries').get()).toEqual({ status: 'pending', attempts: 0 });
    const missing = await admin.post('/admin/webhooks/99/resend').expect(404);
    expect(shownText(parse(missing.text).querySelector('.alert')!)).toBe('There is no delivery 99.');
  });

  it('says when no webhook is set, and an approval then writes no delivery', async () => {
    const { admin, editor, id } = await appWithArticle(false);
    await editor.post(`/articles/${id}/approve`).expect(303);
    const page = await admin.get('/admin/webhooks').expect(200);
    expect(shownText(parse(page.text).querySelector('main .empty')!)).toMatch(/^No webhook is set, so approving an article sends nothing/);
    expect(rowsOf(page.text)).toEqual([]);
  });

  it('pages the deliveries, newest first', async () => {
    const { ctx, admin, id } = await appWithArticle(true);
    for (let i = 0; i <= DELIVERY_PAGE_SIZE; i++) ctx.repos.webhookDeliveries.insert({ deliveryId: `delivery-${i}`, event: 'article.approved', articleId: id, body: Buffer.from('{}'), now: ctx.now() });
    const first = (await admin.get('/admin/webhooks').expect(200)).text;
    expect(rowsOf(first)).toHaveLength(DELIVERY_PAGE_SIZE);
    expect(rowsOf(first)[0]![0]).toBe(`Ferry timetable delivery-${DELIVERY_PAGE_SIZE}`);
    expect(parse(first).querySelector('a[rel="next"]')!.getAttribute('href')).toBe('/admin/webhooks?page=2');
    expect(rowsOf((await admin.get('/admin/webhooks?page=2').expect(200)).text).map((r) => r[0])).toEqual(['Ferry timetable delivery-0']);
    await admin.get('/admin/webhooks?page=two').expect(422);
  });
});
