import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { assignArticle, takeStep } from '../../src/services/review-flow.js';
import { clientAs, shownText, testApp } from '../helpers/app.js';

const TEXT = 'The ferry timetable changes in spring.\n\nTwo extra crossings run on Sundays.\n';
const COMMENT = 'Check the <b>Sunday</b> crossings & the times';

async function sentBack() {
  const { app, ctx, web } = testApp();
  const translator = clientAs(app, ctx, 'translator');
  const other = clientAs(app, ctx, 'translator', 'other');
  const { id } = await importArticle(ctx, { text: TEXT, title: 'Ferry timetable' });
  assignArticle(ctx, web.user, id, 'translator');
  takeStep(ctx, translator.user, id, 'submit');
  await web.post(`/articles/${id}/send-back`, { comment: COMMENT }).expect(303);
  return { ctx, id, web, translator, other };
}

/** The send-back note of a page: the review page's, or the queue's list of them. */
const sendBackOnPage = async (client: { get(url: string): PromiseLike<{ text: string }> }, url: string) =>
  parse((await client.get(url)).text).querySelector(url === '/queue' ? '.sent-back-list' : '.sent-back');

describe('the editor’s send-back comment', () => {
  it('shows at the top of the review page, above the passages: who, when and the comment, escaped', async () => {
    const { id, translator } = await sentBack();
    const html = (await translator.get(`/articles/${id}`).expect(200)).text;
    const note = parse(html).querySelector('.sent-back')!;
    expect(shownText(note.querySelector('.meta')!)).toMatch(/^Sent back by editor \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(note.querySelector('.comment-body')!.text).toBe(COMMENT);
    expect(html).toContain('Check the &lt;b&gt;Sunday&lt;/b&gt; crossings &amp; the times');
    expect(html.indexOf('class="sent-back"')).toBeLessThan(html.indexOf('class="passages"'));
  });

  it('shows in the assignee’s queue, not in another translator’s', async () => {
    const { id, translator, other } = await sentBack();
    const entry = (await sendBackOnPage(translator, '/queue'))!;
    expect(entry.querySelector(`a[href="/articles/${id}"]`)!.text).toBe('Ferry timetable');
    expect(entry.querySelector('.comment-body')!.text).toBe(COMMENT);
    expect(entry.querySelector('.meta strong')!.text).toBe('editor');
    expect(await sendBackOnPage(other, '/queue')).toBeNull();
  });

  it('goes from the page and the queue once the article is submitted again, and comes back with the next send-back', async () => {
    const { ctx, id, web, translator } = await sentBack();
    takeStep(ctx, translator.user, id, 'submit');
    expect(await sendBackOnPage(translator, `/articles/${id}`)).toBeNull();
    expect(await sendBackOnPage(translator, '/queue')).toBeNull();
    await web.post(`/articles/${id}/send-back`, { comment: 'Now the headline' }).expect(303);
    expect((await sendBackOnPage(translator, `/articles/${id}`))!.querySelector('.comment-body')!.text).toBe('Now the headline');
  });
});
