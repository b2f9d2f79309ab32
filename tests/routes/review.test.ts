import { parse } from 'node-html-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_CHECK } from '../../src/checks/run-checks.js';
import { importArticle } from '../../src/services/import.js';
import { clientAs, demoText, testApp } from '../helpers/app.js';

async function setup() {
  const { web, ctx } = testApp();
  const { id } = await importArticle(ctx, { text: demoText });
  const finding = (check: string, text?: string) => ctx.repos.findings.ofArticle(id).find((f) => f.check === check && !f.dismissed && (text === undefined || f.text === text))!;
  return { web, ctx, id, finding };
}

describe('finding actions', () => {
  it('POST …/findings/:fp/apply applies the fix and redirects back', async () => {
    const { web, ctx, id, finding } = await setup();
    const f = finding('terms', 'Zaporozhye');
    await web.post(`/articles/${id}/findings/${f.fingerprint}/apply`).expect(303).expect('Location', `/articles/${id}#p-${f.passageIdx}`);
    expect(ctx.repos.passages.find(id, f.passageIdx!)!.correctedText).toContain('Zaporizhzhia');
    const page = await web.get(`/articles/${id}`).expect(200);
    expect(page.text).toContain('<del><span class="visually-hidden">deleted: </span>Zaporozhye</del>');
    expect(page.text).toMatch(/>Revert\n<span class="visually-hidden">passage/);
  });

  it('applies a chosen suggestion, and refuses one that does not exist', async () => {
    const { web, ctx, id } = await setup();
    // Two spellings and no full name to decide between them: each finding suggests the other spelling.
    const { id: other } = await importArticle(ctx, { text: 'Witkoff met officials.\n\nLater Vitkoff left.' });
    const suggested = ctx.repos.findings.ofArticle(other).find((f) => f.text === 'Vitkoff');
    expect(suggested?.suggestions.map((s) => s.label)).toEqual(['Use “Witkoff”']);
    const apply = (suggestion: string) => web.post(`/articles/${other}/findings/${suggested!.fingerprint}/apply`, { suggestion });
    await apply('x').expect(422);
    await apply('1').expect(422);
    expect(ctx.repos.passages.find(other, 1)!.correctedText).toBe('Later Vitkoff left.');
    await apply('0').expect(303);
    expect(ctx.repos.passages.find(other, 1)!.correctedText).toBe('Later Witkoff left.');
    await web.post(`/articles/${id}/findings/nope/apply`).expect(404);
  });

  it('POST …/findings/:fp/dismiss dismisses with a reason that survives re-checks', async () => {
    const { web, ctx, id, finding } = await setup();
    const f = finding('number-format');
    await web.post(`/articles/${id}/findings/${f.fingerprint}/dismiss`, { reason: 'As in the source' }).expect(303);
    await web.post(`/articles/${id}/passages/0`, { text: 'New headline', version: '1', category: 'style' }).expect(303);
    expect(ctx.repos.findings.find(id, f.fingerprint)).toMatchObject({ dismissed: true, dismissalReason: 'As in the source' });
    const page = await web.get(`/articles/${id}`).expect(200);
    expect(page.text).toContain('Dismissed: As in the source');
  });

  it('POST …/checks/:check/dismiss dismisses every finding of a check', async () => {
    const { web, ctx, id } = await setup();
    await web.post(`/articles/${id}/checks/boilerplate/dismiss`, { reason: 'later' }).expect(303);
    expect(ctx.repos.findings.ofArticle(id).filter((f) => f.check === 'boilerplate' && !f.dismissed)).toEqual([]);
    await web.post(`/articles/${id}/checks/boilerplate/dismiss`).expect(404);
  });

  it('POST …/groups/apply uses one spelling everywhere', async () => {
    const { web, ctx, id, finding } = await setup();
    const f = finding('name-variants');
    await web.post(`/articles/${id}/groups/apply`, { group: f.group!, spelling: 'Marchenko' }).expect(303);
    expect(ctx.repos.findings.ofArticle(id).some((x) => x.check === 'name-variants')).toBe(false);
    await web.post(`/articles/${id}/groups/apply`, { group: f.group! }).expect(422);
  });
});

describe('invisible characters on the review pages', () => {
  const OVERRIDE_MARKER = '<abbr class="invisible-char" title="right-to-left override (U+202E)">RLO</abbr>';

  it('shows a bidi override as a marker wherever the text is printed, and never sends it raw', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, {
      title: 'Envoy in Moscow',
      text: 'Envoy in Moscow\n\nUS envoy Steve Wit\u202ekoff arrived in Moscow on Thursday.',
      source: 'Посланник\n\nСпецпосланник США Стив Уит\u202eкофф прибыл в Москву в четверг.',
      sourceLang: 'ru',
    });
    const finding = () => ctx.repos.findings.ofArticle(id).find((f) => f.check === 'invisible-characters' && f.passageIdx === 1)!;
    const review = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(review).not.toContain('\u202e');
    // In the passage, highlighted as a finding; in the source column; in the findings panel.
    const { fingerprint, message } = finding();
    expect(review).toContain(`Wit<mark id="flag-${fingerprint}" class="flag flag-error" data-findings="${fingerprint}"><a href="#finding-${fingerprint}" title="${message}"><span class="visually-hidden">${message} </span>${OVERRIDE_MARKER}</a></mark>koff`);
    expect(review).toContain(`Уит${OVERRIDE_MARKER}кофф`);
    expect(review).toContain(`<q>${OVERRIDE_MARKER}</q>`);
    expect(review).toContain('An invisible right-to-left override (U+202E) sits inside “Witkoff”');
    expect(review).toContain(`>Delete “${OVERRIDE_MARKER}”</button>`);

    const edit = (await web.get(`/articles/${id}/passages/1/edit`).expect(200)).text;
    expect(edit).toContain(`<p class="passage-text" lang="en">US envoy Steve Wit${OVERRIDE_MARKER}koff arrived`);
    expect(edit).toContain('This text holds invisible characters');

    await web.post(`/articles/${id}/findings/${finding().fingerprint}/apply`).expect(303);
    const fixed = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(fixed).not.toContain('\u202e');
    // The AI column and the deletion in the word diff still show what was there.
    expect(fixed).toContain(`<td>US envoy Steve Wit${OVERRIDE_MARKER}koff arrived in Moscow on Thursday.</td>`);
    expect(fixed).toContain(`<del><span class="visually-hidden">deleted: </span>Wit${OVERRIDE_MARKER}koff</del>`);
    expect((await web.get(`/articles/${id}/corrected.txt`).expect(200)).text).toContain('Steve Witkoff arrived');
    expect((await web.get(`/articles/${id}/passages/1/edit`).expect(200)).text).not.toContain('This text holds invisible characters');
  });
});

describe('an article with more findings than are listed', () => {
  it('says a check reached its cap, and dismissing the listed findings brings up the rest', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: `Talks\n\nThey${'  went on'.repeat(MAX_FINDINGS_PER_CHECK + 50)} today.` });
    const open = () => ctx.repos.findings.ofArticle(id).filter((f) => !f.dismissed);
    expect(open()).toHaveLength(MAX_FINDINGS_PER_CHECK);
    const capNote = `At least ${MAX_FINDINGS_PER_CHECK} open. The first ${MAX_FINDINGS_PER_CHECK} in the text are listed; fix or dismiss them and the rest appear.`;
    expect((await web.get(`/articles/${id}`).expect(200)).text).toContain(capNote);
    await web.post(`/articles/${id}/checks/typography/dismiss`, { reason: 'later' }).expect(303);
    expect(open()).toHaveLength(50);
    expect((await web.get(`/articles/${id}`).expect(200)).text).not.toContain('At least');
  });
});

describe('two people editing one passage', () => {
  it('refuses the later save with 409 and a page to merge from, and loses neither text', async () => {
    const { web, ctx, id } = await setup();
    const translator = clientAs(web.app, ctx, 'translator');
    // Both open the editor on version 1.
    const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
    const editorPage = await web.get(`/articles/${id}/passages/1/edit`).expect(200);
    const translatorPage = await translator.get(`/articles/${id}/passages/1/edit`).expect(200);
    expect(versionOf(editorPage.text)).toBe('1');
    await web.post(`/articles/${id}/passages/1`, { text: 'The editor’s wording of the agreement.', version: versionOf(editorPage.text), category: 'style' }).expect(303);
    const refused = await translator.post(`/articles/${id}/passages/1`, { text: 'The translator’s <wording> of the deal.', version: versionOf(translatorPage.text), category: 'style' }).expect(409);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The editor’s wording of the agreement.', version: 2 });
    expect(refused.text).toMatch(/Not saved: editor saved this passage after you opened it, at <time datetime="[^"]+">/);
    expect(refused.text).toContain('The editor’s wording of the agreement.');
    expect(refused.text).toContain('>The translator’s &lt;wording&gt; of the deal.</textarea>');
    expect(refused.text).toContain('<option value="style" selected>Style</option>');
    expect(refused.text).toMatch(/<del><span class="visually-hidden">deleted: <\/span>[^<]*editor’s[^<]*<\/del><ins><span class="visually-hidden">inserted: <\/span>[^<]*translator’s/);
    // The merge form is based on the version now stored, so saving from it goes through.
    expect(versionOf(refused.text)).toBe('2');
    await translator.post(`/articles/${id}/passages/1`, { text: 'The merged wording of the agreement.', version: '2', category: 'style' }).expect(303);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The merged wording of the agreement.', version: 3 });
  });
});

describe('merging two saves of one passage', () => {
  it('saves both people’s changes to different words without asking, and says so', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Heading\n\nThe convoy left Odessa on Monday with 12 trucks.' });
    const translator = clientAs(web.app, ctx, 'translator');
    await web.post(`/articles/${id}/passages/1`, { text: 'The convoy left Odesa on Monday with 12 trucks.', version: '1', category: 'terminology' }).expect(303);
    const merged = await translator.post(`/articles/${id}/passages/1`, { text: 'The convoy left Odessa on Monday with 14 trucks.', version: '1', category: 'number' }).expect(303);
    expect(merged.headers.location).toBe(`/articles/${id}?done=merged#p-1`);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The convoy left Odesa on Monday with 14 trucks.', version: 3 });
    expect((await translator.get(`/articles/${id}?done=merged`).expect(200)).text).toContain('you changed different words, so their changes and yours are both kept');
    // Overlapping changes still need a person: the page names who saved.
    const refused = await web.post(`/articles/${id}/passages/1`, { text: 'The convoy left Odessa on Monday with 15 trucks.', version: '1', category: 'number' }).expect(409);
    expect(refused.text).toContain('Not saved: translator saved this passage after you opened it');
    expect(ctx.repos.passages.find(id, 1)!.correctedText).toBe('The convoy left Odesa on Monday with 14 trucks.');
  });
});

describe('the edit page', () => {
  it('links the neighbouring passages, and “save and next” opens the next flagged passage', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Heading\n\nA clean line.\n\nAnother clean line.\n\nTalks in Kiev ended.' });
    const first = (await web.get(`/articles/${id}/passages/0/edit`).expect(200)).text;
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain(`<a class="button" rel="next" href="/articles/${id}/passages/1/edit">Passage 2 →</a>`);
    const last = (await web.get(`/articles/${id}/passages/3/edit`).expect(200)).text;
    expect(last).toContain(`rel="prev" href="/articles/${id}/passages/2/edit"`);
    expect(last).not.toContain('rel="next"');
    // Passages 1 and 2 have no findings: the next flagged one after passage 0 is 3.
    await web.post(`/articles/${id}/passages/0`, { text: 'A heading', version: '1', category: 'style', then: 'next' }).expect(303).expect('Location', `/articles/${id}/passages/3/edit?done=saved`);
    // After the last flagged passage, the next passage; after the last passage, the article.
    await web.post(`/articles/${id}/passages/1`, { text: 'A clean line, edited.', version: '1', category: 'style', then: 'next' }).expect(303).expect('Location', `/articles/${id}/passages/3/edit?done=saved`);
    await web.post(`/articles/${id}/passages/3`, { text: 'Talks in Kyiv ended.', version: '1', category: 'terminology', then: 'next' }).expect(303).expect('Location', `/articles/${id}?done=saved#p-3`);
    await web.post(`/articles/${id}/passages/2`, { text: 'Another line.', version: '1', category: 'style', then: 'next' }).expect(303).expect('Location', `/articles/${id}/passages/3/edit?done=saved`);
    expect((await web.get(`/articles/${id}/passages/3/edit?done=saved`).expect(200)).text).toContain('<p class="alert alert-ok" role="status">Saved.</p>');
  });

  it('starts the kind of error at the finding the person came from, else at the passage’s first finding', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Heading\n\nTalks in Kiev drew 700.000 people.' });
    const open = ctx.repos.findings.ofArticle(id).filter((f) => f.passageIdx === 1);
    const numberFinding = open.find((f) => f.check === 'number-format')!;
    expect(open[0]!.check).toBe('terms');
    expect((await web.get(`/articles/${id}/passages/1/edit`).expect(200)).text).toContain('<option value="terminology" selected>');
    const fromNumber = (await web.get(`/articles/${id}/passages/1/edit?finding=${numberFinding.fingerprint}`).expect(200)).text;
    expect(fromNumber).toContain('<option value="number" selected>');
    expect(fromNumber).not.toContain('<option value="terminology" selected>');
    // A finding of another passage, or none known, falls back to the passage's first.
    expect((await web.get(`/articles/${id}/passages/1/edit?finding=nope`).expect(200)).text).toContain('<option value="terminology" selected>');
  });
});

describe('approving several proposals at once', () => {
  it('approves all of an article’s proposals from its page, and ticked ones from the queue, skipping one changed meanwhile', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'First line.\n\nSecond line.\n\nThird line.' });
    const translator = clientAs(web.app, ctx, 'translator');
    await translator.post(`/articles/${id}/passages/0`, { text: 'First, proposed.', version: '1', category: 'style' }).expect(303);
    await translator.post(`/articles/${id}/passages/2`, { text: 'Third, proposed.', version: '1', category: 'style' }).expect(303);
    const page = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(page).toContain(`<input type="hidden" name="pick" value="${id}:0:2">`);
    expect(page).toContain('Approve all 2 proposals');
    expect((await translator.get(`/articles/${id}`).expect(200)).text).not.toContain('Approve all');
    const queue = (await web.get('/queue').expect(200)).text;
    expect(queue).toContain(`<input type="checkbox" name="pick" value="${id}:0:2" form="decide-proposals"`);
    expect(queue.indexOf(`value="${id}:0:2" form`)).toBeLessThan(queue.indexOf(`value="${id}:2:2" form`));
    // The translator changes passage 2 after the editor's queue was loaded.
    await translator.post(`/articles/${id}/passages/2`, { text: 'Third, proposed again.', version: '2', category: 'style' }).expect(303);
    const decided = await web.post('/proposals/approve', { pick: [`${id}:0:2`, `${id}:2:2`], back: 'queue' } as unknown as Record<string, string>).expect(303);
    expect(decided.headers.location).toBe('/queue?done=proposals-skipped');
    expect(ctx.repos.passages.ofArticle(id).map((p) => p.approvedText)).toEqual(['First, proposed.', 'Second line.', 'Third line.']);
    expect((await web.get('/queue?done=proposals-skipped').expect(200)).text).toContain('they were skipped, not decided unseen');
    await web.post('/proposals/reject', { pick: `${id}:2:3`, comment: 'Not needed.' }).expect(303).expect('Location', `/articles/${id}?done=proposals-rejected`);
    expect(ctx.repos.passages.find(id, 2)!.correctedText).toBe('Third line.');
    await translator.post('/proposals/approve', { pick: `${id}:0:2` }).expect(403);
    await web.post('/proposals/approve', {}).expect(422);
    await web.post('/proposals/approve', { pick: 'x:1' }).expect(422);
  });
});

describe('the review flow on the article page', () => {
  it('offers each role its steps, moves the article, and fills the queues', async () => {
    const { web, ctx, id } = await setup();
    const translator = clientAs(web.app, ctx, 'translator');
    // A translator's edit is a proposal the editor sees with approve and reject in place.
    await translator.post(`/articles/${id}/passages/1`, { text: 'A proposed wording.', version: '1', category: 'style' }).expect(303);
    const proposedPage = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(proposedPage).toContain('Proposed, waiting for an editor.');
    expect(proposedPage).toContain(`action="/articles/${id}/passages/1/approve"`);
    expect(proposedPage).toContain(`action="/articles/${id}/passages/1/reject"`);
    // The translator sees the proposal without the editor's controls: they are not in the page at all.
    const proposedForTranslator = (await translator.get(`/articles/${id}`).expect(200)).text;
    expect(proposedForTranslator).toContain('Proposed, waiting for an editor.');
    expect(proposedForTranslator).not.toContain(`/passages/1/approve"`);
    expect(proposedForTranslator).not.toContain(`/passages/1/reject"`);
    await web.post(`/articles/${id}/passages/1/approve`, { version: '2', back: 'queue' }).expect(303).expect('Location', '/queue?done=proposal-approved');
    const asTranslator = (await translator.get(`/articles/${id}`).expect(200)).text;
    expect(asTranslator).toContain('Submit for approval');
    expect(asTranslator).not.toContain('Approve the article');
    expect(asTranslator).not.toContain('name="assignee"');
    expect((await web.get(`/articles/${id}`).expect(200)).text).toContain('<option value="translator">translator (translator)</option>');
    await web.post(`/articles/${id}/assign`, { assignee: 'translator' }).expect(303);
    expect((await translator.get('/queue').expect(200)).text).toContain(`href="/articles/${id}#p-`);
    expect(asTranslator).toMatch(/<input type="checkbox" name="confirm" value="open-findings" required>\s*Submit with \d+ open errors or warnings/);
    await translator.post(`/articles/${id}/submit`).expect(422);
    await translator.post(`/articles/${id}/submit`, { confirm: 'open-findings' }).expect(303).expect('Location', `/articles/${id}?done=submitted`);
    expect((await translator.get(`/articles/${id}?done=submitted`).expect(200)).text).toContain('<p class="alert alert-ok" role="status">Submitted for approval.');
    await translator.post(`/articles/${id}/submit`, { confirm: 'open-findings' }).expect(409);
    const queue = (await web.get('/queue').expect(200)).text;
    expect(queue).toContain('Articles awaiting your approval');
    expect(queue).toContain(`<a href="/articles/${id}">Grain convoy`);
    const asEditor = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(asEditor).toContain('Awaiting approval');
    expect(asEditor).toContain('Approve the article');
    await web.post(`/articles/${id}/send-back`, { comment: '' }).expect(422);
    await web.post(`/articles/${id}/send-back`, { comment: 'The <b>numbers</b> need another look.' }).expect(303).expect('Location', `/articles/${id}?done=sent-back`);
    const history = (await web.get(`/articles/${id}/history`).expect(200)).text;
    expect(history).toContain('sent it back');
    expect(history).toContain('The &lt;b&gt;numbers&lt;/b&gt; need another look.');
    expect((await web.get('/articles?status=in_review').expect(200)).text).toContain('Grain convoy');
  });
});

describe('comments', () => {
  it('keeps a thread per passage with author and time, shown escaped, and counted on the review page', async () => {
    const { web, ctx, id } = await setup();
    const translator = clientAs(web.app, ctx, 'translator');
    await translator.post(`/articles/${id}/passages/2/comments`, { body: 'Is <b>"Kiev"</b> quoted from the source here?' }).expect(303).expect('Location', `/articles/${id}/passages/2/edit?done=commented#comments`);
    await web.post(`/articles/${id}/passages/2/comments`, { body: 'No: use Kyiv.' }).expect(303);
    const page = await web.get(`/articles/${id}/passages/2/edit`).expect(200);
    const thread = page.text.slice(page.text.indexOf('id="comments"'));
    expect(thread.indexOf('<strong>translator</strong>')).toBeLessThan(thread.indexOf('<strong>editor</strong>'));
    expect(thread).toContain('Is &lt;b&gt;&#34;Kiev&#34;&lt;/b&gt; quoted from the source here?');
    expect((await web.get(`/articles/${id}`).expect(200)).text).toContain(`href="/articles/${id}/passages/2/edit#comments">2 comments</a>`);
    await web.post(`/articles/${id}/passages/2/comments`, { body: '   ' }).expect(422);
    await web.post(`/articles/${id}/passages/99/comments`, { body: 'Lost?' }).expect(404);
    expect(ctx.repos.passageComments.ofPassage(id, 2)).toHaveLength(2);
  });

  it('from the review page: each row has a comment form, the post returns to the row (or answers in place), and the row shows the latest comments, shortened', async () => {
    const { web, ctx, id } = await setup();
    const rowOf = async (idx: number) => parse((await web.get(`/articles/${id}`).expect(200)).text).querySelector(`#p-${idx}`)!;
    const form = (await rowOf(2)).querySelector('details.comment form')!;
    expect(form.getAttribute('action')).toBe(`/articles/${id}/passages/2/comments`);
    expect((await rowOf(2)).querySelector('.comment-brief')).toBeNull();

    await web.post(`/articles/${id}/passages/2/comments`, { body: 'First: is this the port or the city?', back: 'review' }).expect(303).expect('Location', `/articles/${id}?done=commented#p-2`);
    await web.post(`/articles/${id}/passages/2/comments`, { body: 'Second: the city.', back: 'review' }).expect(303);
    const long = `Third: ${'the harbour office wrote this at length, '.repeat(10)}`;
    const answer = await web.post(`/articles/${id}/passages/2/comments`, { body: long, back: 'review' }).set('Accept', 'application/json').expect(200);
    expect(answer.body).toMatchObject({ passages: [2], notice: 'Comment added to the passage’s thread.' });

    // The latest two, oldest first, each at most 200 characters; the count links to the whole thread.
    const shown = (await rowOf(2)).querySelectorAll('.comment-brief li').map((li) => li.text.replace(/\s+/g, ' ').trim());
    expect(shown).toEqual(['editor: Second: the city.', `editor: ${long.slice(0, 197)}…`]);
    expect((await rowOf(2)).querySelector('a.comment-count')!.text).toBe('3 comments');
    // The row fetched alone for the page's script shows the same.
    const alone = parse((await web.get(`/articles/${id}/passages/2/row`).expect(200)).text);
    expect(alone.querySelectorAll('.comment-brief li').map((li) => li.text.replace(/\s+/g, ' ').trim())).toEqual(shown);
  });
});

describe('history', () => {
  it('shows each change with who made it and its diff, and restores an earlier version', async () => {
    const { web, ctx, id } = await setup();
    const empty = await web.get(`/articles/${id}/history`).expect(200);
    expect(empty.text).toContain('No passage has been changed yet');
    await web.post(`/articles/${id}/passages/1`, { text: 'A first <em>wording</em>.', version: '1', category: 'style' }).expect(303);
    await web.post(`/articles/${id}/passages/1`, { text: 'A second wording.', version: '2', category: 'style' }).expect(303);
    const page = await web.get(`/articles/${id}/history`).expect(200);
    expect(page.text).toMatch(/<strong>editor<\/strong>\s+<span class="kind">edited<\/span>/);
    expect(page.text).toContain('Corrections by kind of error: Style 2.');
    expect(page.text).toContain('&lt;em&gt;wording&lt;/em&gt;');
    expect(page.text).toMatch(/<ins><span class="visually-hidden">inserted: <\/span>[^<]*second/);
    const [, firstEvent] = ctx.repos.passageEvents.ofArticle(id);
    // The latest version cannot be restored (it is the text now); the earlier one can, from version 3.
    expect(page.text).toContain(`action="/articles/${id}/history/${firstEvent!.id}/restore"`);
    await web.post(`/articles/${id}/history/${firstEvent!.id}/restore`, { version: '2' }).expect(409);
    await web.post(`/articles/${id}/history/${firstEvent!.id}/restore`, { version: '3' }).expect(303).expect('Location', `/articles/${id}#p-1`);
    expect(ctx.repos.passages.find(id, 1)!.correctedText).toBe('A first <em>wording</em>.');
    await web.post(`/articles/${id}/history/9999/restore`, { version: '4' }).expect(404);
  });

  it('lists the comments of a passage a re-import removed, escaped', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Talks in Kiev\n\nA paragraph the CMS will drop.\n\nThe last paragraph.', externalId: 'cms-7' });
    await web.post(`/articles/${id}/passages/1/comments`, { body: 'Keep <this> one?' }).expect(303);
    await importArticle(ctx, { text: 'Talks in Kiev\n\nThe last paragraph.', externalId: 'cms-7' });
    const page = await web.get(`/articles/${id}/history`).expect(200);
    expect(page.text).toContain('Comments on passages a re-import removed');
    expect(page.text).toContain('Keep &lt;this&gt; one?');
  });
});

describe('passage actions', () => {
  it('POST …/passages/:idx saves a hand edit and …/revert puts the AI text back', async () => {
    const { web, ctx, id } = await setup();
    await web.post(`/articles/${id}/passages/1`, { text: 'Rewritten <b>by hand</b>.', version: '1', category: 'style' }).expect(303).expect('Location', `/articles/${id}?done=saved#p-1`);
    const page = await web.get(`/articles/${id}`).expect(200);
    expect(page.text).toContain('&lt;b&gt;by hand&lt;/b&gt;');
    expect(page.text).not.toContain('<b>by hand</b>');
    expect(ctx.repos.articles.find(id)!.status).toBe('in_review');
    await web.post(`/articles/${id}/passages/1/revert`, { version: '2' }).expect(303);
    expect(ctx.repos.passages.find(id, 1)!.correctedText).toBe(ctx.repos.passages.find(id, 1)!.aiText);
  });

  it('answers a missing text with 422 and an unknown passage or article with 404', async () => {
    const { web, id } = await setup();
    await web.post(`/articles/${id}/passages/1`, {}).expect(422);
    await web.post(`/articles/${id}/passages/500`, { text: 'x', version: '1', category: 'style' }).expect(404);
    await web.post(`/articles/${id}/passages/500/revert`, { version: '1' }).expect(404);
    await web.post('/articles/999/passages/0/revert', { version: '1' }).expect(404);
    await web.post(`/articles/${id}/passages/1`, { text: 'x' }).expect(422);
    await web.post(`/articles/${id}/passages/1/revert`, { version: 'one' }).expect(422);
  });
});

describe('parts of the review page alone, for acting in place', () => {
  /** The row of passage idx in a page, its forms numbered as the stored fragment numbers them. */
  const rowIn = (page: string, idx: number) => {
    const start = page.indexOf(`<tr id="p-${idx}"`);
    return page.slice(start, page.indexOf('</tr>', start) + 5);
  };
  const tokenInputs = (html: string) => [...html.matchAll(/<input type="hidden" name="_csrf" form="([^"]+)" value="([^"]*)">/g)];

  it('renders one passage row for the viewer: as the page shows it, its forms numbered apart and each given the session token', async () => {
    const { web, ctx, id } = await setup();
    const translator = clientAs(web.app, ctx, 'translator');
    await translator.post(`/articles/${id}/passages/1`, { text: 'A proposed wording.', version: '1', category: 'style' }).expect(303);
    const page = (await web.get(`/articles/${id}`).expect(200)).text;
    const row = await web.get(`/articles/${id}/passages/1/row`).expect(200).expect('Content-Type', /text\/html/);
    expect(row.text.startsWith('<tr id="p-1" class="is-changed is-proposed">')).toBe(true);
    expect(row.text).not.toContain('<table');
    let n = 0;
    const pageRow = rowIn(page, 1).replace(/ id="pf\d+"/g, () => ` id="p1f${++n}"`);
    expect(row.text.slice(0, row.text.indexOf('</tr>') + 5)).toBe(pageRow);
    const forms = [...row.text.matchAll(/<form id="([^"]+)"/g)].map((m) => m[1]);
    expect(forms).toEqual(['p1f1', 'p1f2', 'p1f3', 'p1f4']);
    expect(tokenInputs(row.text).map((m) => [m[1], m[2]])).toEqual(forms.map((f) => [f, web.csrf]));
    // The translator's row has the proposal without approve and reject.
    const forTranslator = (await translator.get(`/articles/${id}/passages/1/row`).expect(200)).text;
    expect(forTranslator).toContain('Proposed, waiting for an editor.');
    expect(forTranslator).not.toContain('/passages/1/approve"');
    expect(tokenInputs(forTranslator).map((m) => m[1])).toEqual(['p1f1', 'p1f2']);
    await web.get(`/articles/${id}/passages/99/row`).expect(404);
  });

  it('sends the findings panel alone, gzip-compressed to a client that takes it, with its forms’ token inputs', async () => {
    const { web, id } = await setup();
    const panel = await web.get(`/articles/${id}/findings-panel`).set('Accept-Encoding', 'gzip').expect(200).expect('Content-Encoding', 'gzip');
    expect(panel.text.startsWith('<h2 id="findings-heading">Findings')).toBe(true);
    expect(panel.text).not.toContain('<header');
    const forms = [...panel.text.matchAll(/<form id="([^"]+)"/g)].map((m) => m[1]);
    expect(forms.length).toBeGreaterThan(5);
    expect(tokenInputs(panel.text).map((m) => [m[1], m[2]])).toEqual(forms.map((f) => [f, web.csrf]));
  });
});
