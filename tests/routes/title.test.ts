import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { clientAs, testApp } from '../helpers/app.js';

/** The stored finding of a check on a span of text, open. */
function openFinding(ctx: ReturnType<typeof testApp>['ctx'], id: number, text: string) {
  const finding = ctx.repos.findings.ofArticle(id).find((f) => f.text === text && !f.dismissed);
  expect(finding, `an open finding on “${text}”`).toBeDefined();
  return finding!;
}

describe('the title, checked and corrected like a passage', () => {
  it('a fix in the first line is the title everywhere: heading, list and its search, queue, history, API, export and download name', async () => {
    const { app, ctx, web } = testApp();
    const text = 'Grain ships leave Odessa\n\nThe first convoy left the port at dawn, officials said.';
    const imported = await web.upload('/articles').field('text', text).expect(303);
    const id = Number(imported.headers.location!.split('/').pop());
    const translator = clientAs(app, ctx, 'translator', 'olena');
    await web.post(`/articles/${id}/assign`, { assignee: 'olena' }).expect(303);
    // Before the fix, the translator's queue lists the flagged title.
    expect((await translator.get('/queue').expect(200)).text).toContain('Grain ships leave Odessa');

    const odessa = openFinding(ctx, id, 'Odessa');
    expect(odessa).toMatchObject({ check: 'terms', passageIdx: 0 });
    await web.post(`/articles/${id}/findings/${odessa.fingerprint}/apply`).expect(303);

    const page = await web.get(`/articles/${id}`).expect(200);
    expect(page.text).toContain('<h1>Grain ships leave Odesa</h1>');
    expect(page.text).toContain('<title>Grain ships leave Odesa · Translation review workbench</title>');
    expect(page.text).not.toContain('Title (not a line of the text)');
    const list = await web.get('/articles').expect(200);
    expect(list.text).toContain(`<a href="/articles/${id}">Grain ships leave Odesa</a>`);
    expect(list.text).not.toContain('Grain ships leave Odessa');
    expect((await web.get('/articles?q=Odesa').expect(200)).text).toContain(`<a href="/articles/${id}">`);
    expect((await web.get('/articles?q=Odessa').expect(200)).text).not.toContain(`<a href="/articles/${id}">`);
    // The article is in the translator's queue (its body is flagged) and in the editor's awaiting list, titled anew.
    await web.post(`/articles/${id}/passages/1`, { text: 'The first convoy left the port at dawn in Kiev, officials said.', version: '1', category: 'accuracy' }).expect(303);
    expect((await translator.get('/queue').expect(200)).text).toContain('Grain ships leave Odesa</a>');
    await translator.post(`/articles/${id}/submit`, { confirm: 'open-findings' }).expect(303);
    const queue = (await web.get('/queue').expect(200)).text;
    expect(queue).toContain('Grain ships leave Odesa</a>');
    expect(queue).not.toContain('Odessa');
    const history = await web.get(`/articles/${id}/history`).expect(200);
    expect(history.text).toContain('<title>History · Grain ships leave Odesa · Translation review workbench</title>');
    expect(history.text).toContain(`<a href="/articles/${id}">Grain ships leave Odesa</a>`);

    const api = await web.api.get(`/api/articles/${id}`).expect(200);
    expect(api.body).toMatchObject({ title: 'Grain ships leave Odesa' });
    expect(api.body.correctedText).toMatch(/^Grain ships leave Odesa\n\n/);
    const apiList = await web.api.get('/api/articles?q=Odesa').expect(200);
    expect(apiList.body.items.map((a: { id: number; title: string }) => [a.id, a.title])).toEqual([[id, 'Grain ships leave Odesa']]);
    const exported = await web.get(`/articles/${id}/corrected.txt`).expect(200);
    expect(exported.text).toMatch(/^Grain ships leave Odesa\n\n/);
    const download = await web.get(`/articles/${id}/download`).expect(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename=grain-ships-leave-odesa-corrected.txt');
    expect(download.text).toBe(exported.text);
  });

  it('a title given apart from the text is checked with it, flagged and fixable, and stays out of the exported text', async () => {
    const { ctx, web } = testApp();
    const res = await web.api.post('/api/articles').send({ title: 'Talks in Kiev resume', text: 'Envoys met on Monday.\nThey will meet again.' }).expect(201);
    const id = res.body.id as number;
    // The import's answer already flags the title, in passage 0.
    expect(res.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'terms', text: 'Kiev', passage: 0 })]));
    expect(ctx.repos.passages.ofArticle(id).map((p) => [p.idx, p.aiText])).toEqual([
      [0, 'Talks in Kiev resume'],
      [1, 'Envoys met on Monday.'],
      [2, 'They will meet again.'],
    ]);
    const page = await web.get(`/articles/${id}`).expect(200);
    expect(page.text).toContain('Title (not a line of the text)');

    await web.post(`/articles/${id}/findings/${openFinding(ctx, id, 'Kiev').fingerprint}/apply`).expect(303);
    const api = await web.api.get(`/api/articles/${id}`).expect(200);
    expect(api.body).toMatchObject({ title: 'Talks in Kyiv resume', aiText: 'Envoys met on Monday.\nThey will meet again.' });
    // The text as it was sent: the title is the title, not a line of it.
    expect(api.body.correctedText).toBe('Envoys met on Monday.\nThey will meet again.\n');
    expect(api.body.workingText).toBe('Envoys met on Monday.\nThey will meet again.\n');
    const download = await web.get(`/articles/${id}/download`).expect(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename=talks-in-kyiv-resume-corrected.txt');
    expect(download.text).toBe('Envoys met on Monday.\nThey will meet again.\n');
    expect((await web.get(`/articles/${id}`).expect(200)).text).toContain('<h1>Talks in Kyiv resume</h1>');

    // A title that is the text's first line is that passage, not a second copy of it.
    const same = await importArticle(ctx, { title: ' Envoys met on Monday. ', text: 'Envoys met on Monday.\nThey will meet again.' });
    expect(ctx.repos.passages.ofArticle(same.id).map((p) => p.aiText)).toEqual(['Envoys met on Monday.', 'They will meet again.']);
    expect(ctx.repos.articles.find(same.id)).toMatchObject({ title: 'Envoys met on Monday.', separateTitle: false });
  });

  it("a title given, changed or removed leaves the text's dismissals holding: the title and the text are fingerprinted apart", async () => {
    const { ctx, web } = testApp();
    const body = { text: 'Kiev talks ended on Monday.\nThe envoys left.', externalId: 'cms-9' };
    const { id } = (await web.api.post('/api/articles').send(body).expect(201)).body as { id: number };
    const kiev = openFinding(ctx, id, 'Kiev');
    await web.post(`/articles/${id}/findings/${kiev.fingerprint}/dismiss`, { reason: 'Quoted as said' }).expect(303);
    for (const title of ['Envoys leave', 'Envoys leave Kiev', undefined]) {
      await web.api.post('/api/articles').send({ ...body, title }).expect(200);
      const inText = ctx.repos.findings.ofArticle(id).filter((f) => f.text === 'Kiev' && f.passageIdx === (title === undefined ? 0 : 1));
      expect(inText, `with the title ${title}`).toEqual([expect.objectContaining({ fingerprint: kiev.fingerprint, dismissed: true })]);
    }
  });

  it("a translator's title correction is a proposal: the title changes when an editor approves it", async () => {
    const { app, ctx, web } = testApp();
    const translator = clientAs(app, ctx, 'translator');
    const { id } = await importArticle(ctx, { title: 'Ferry to Odessa delayed', text: 'The ferry waited for two days.' });
    await translator.post(`/articles/${id}/passages/0`, { text: 'Ferry to Odesa delayed', version: '1', category: 'terminology' }).expect(303);
    // Proposed: the review page shows it waiting, the title stays the approved one everywhere.
    expect(ctx.repos.passages.find(id, 0)).toMatchObject({ correctedText: 'Ferry to Odesa delayed', approvedText: 'Ferry to Odessa delayed' });
    const waiting = await web.get(`/articles/${id}`).expect(200);
    expect(waiting.text).toContain('<h1>Ferry to Odessa delayed</h1>');
    expect(waiting.text).toContain('Proposed, waiting for an editor.');
    const queue = await web.get('/queue').expect(200);
    expect(queue.text).toContain(`action="/articles/${id}/passages/0/approve"`);
    expect((await web.api.get(`/api/articles/${id}`).expect(200)).body.title).toBe('Ferry to Odessa delayed');

    await web.post(`/articles/${id}/passages/0/approve`, { version: '2' }).expect(303);
    expect((await web.get(`/articles/${id}`).expect(200)).text).toContain('<h1>Ferry to Odesa delayed</h1>');
    expect((await web.api.get(`/api/articles/${id}`).expect(200)).body.title).toBe('Ferry to Odesa delayed');
    const history = await web.get(`/articles/${id}/history`).expect(200);
    expect(history.text).toContain('<title>History · Ferry to Odesa delayed · Translation review workbench</title>');
    expect(ctx.repos.passageEvents.ofArticle(id)).toEqual([expect.objectContaining({ passageIdx: 0, status: 'approved', afterText: 'Ferry to Odesa delayed' })]);
  });

  it('a re-import keeps the corrected title while the title sent is unchanged; a new one is re-reviewed like any changed passage', async () => {
    const { ctx, web } = testApp();
    const body = { title: 'Ferry to Odessa delayed', text: 'The ferry waited for two days.', externalId: 'cms-7' };
    const { id } = (await web.api.post('/api/articles').send(body).expect(201)).body as { id: number };
    await web.post(`/articles/${id}/findings/${openFinding(ctx, id, 'Odessa').fingerprint}/apply`).expect(303);
    await web.api.post('/api/articles').send({ ...body, text: 'The ferry waited for three days.' }).expect(200);
    expect((await web.api.get(`/api/articles/${id}`).expect(200)).body).toMatchObject({ title: 'Ferry to Odesa delayed', correctedText: 'The ferry waited for three days.\n' });
    // A new title over a corrected one: the correction is kept and marked for re-review; a revert takes the new title.
    await web.api.post('/api/articles').send({ ...body, title: 'Ferry leaves at last' }).expect(200);
    expect(ctx.repos.passages.find(id, 0)).toMatchObject({ aiText: 'Ferry leaves at last', correctedText: 'Ferry to Odesa delayed', needsReview: true });
    await web.post(`/articles/${id}/passages/0/revert`, { version: String(ctx.repos.passages.find(id, 0)!.version) }).expect(303);
    expect(ctx.repos.articles.find(id)!.title).toBe('Ferry leaves at last');
  });
});
