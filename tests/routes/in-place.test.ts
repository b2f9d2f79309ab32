import { describe, expect, it } from 'vitest';
import { openCounts } from '../../src/render/view-helpers.js';
import { importArticle } from '../../src/services/import.js';
import { clientAs, testApp } from '../helpers/app.js';

// Four passages: a title, two lines with a place name the termbase corrects, and one spelled two ways.
const TEXT = 'Convoy news\n\nOfficials in Kiev said the convoy left at dawn.\n\nThe convoy reached Kharkov by night.\n\nA later report from Kiev gave no new figures.\n';

async function setup() {
  const { app, ctx, web } = testApp();
  const translator = clientAs(app, ctx, 'translator');
  const { id } = await importArticle(ctx, { text: TEXT });
  const finding = (text: string) => ctx.repos.findings.ofArticle(id).find((f) => f.text === text && !f.dismissed && f.fix)!;
  const passage = (idx: number) => ctx.repos.passages.find(id, idx)!;
  return { ctx, id, web, translator, finding, passage };
}

describe('the review page’s forms without the script go back to what changed', () => {
  it('apply, dismiss, undo dismissal, dismiss all, revert, approve and reject each redirect to their passage or finding', async () => {
    const { id, web, translator, finding, passage } = await setup();
    const kharkov = finding('Kharkov');
    await translator.post(`/articles/${id}/findings/${kharkov.fingerprint}/apply`).expect(303).expect('Location', `/articles/${id}#p-2`);
    await web.post(`/articles/${id}/passages/2/reject`, { version: String(passage(2).version) }).expect(303).expect('Location', `/articles/${id}?done=proposal-rejected#p-2`);
    await translator.post(`/articles/${id}/findings/${finding('Kharkov').fingerprint}/apply`).expect(303).expect('Location', `/articles/${id}#p-2`);
    await web.post(`/articles/${id}/passages/2/approve`, { version: String(passage(2).version) }).expect(303).expect('Location', `/articles/${id}?done=proposal-approved#p-2`);
    await web.post(`/articles/${id}/passages/2/revert`, { version: String(passage(2).version) }).expect(303).expect('Location', `/articles/${id}#p-2`);

    const kiev = finding('Kiev');
    await web.post(`/articles/${id}/findings/${kiev.fingerprint}/dismiss`, { reason: 'Quoted' }).expect(303).expect('Location', `/articles/${id}#finding-${kiev.fingerprint}`);
    await web.post(`/articles/${id}/findings/${kiev.fingerprint}/undo-dismissal`).expect(303).expect('Location', `/articles/${id}#finding-${kiev.fingerprint}`);
    await web.post(`/articles/${id}/checks/terms/dismiss`).expect(303).expect('Location', `/articles/${id}#check-terms`);
  });
});

describe('the review page’s forms with the script (asking for JSON)', () => {
  const json = { Accept: 'application/json' };
  /** The page's head an answer carries, rendered for whoever asked. */
  const anyHead = { summary: expect.stringContaining('id="review-summary"'), flow: expect.stringContaining('id="review-flow"') };

  it('apply answers with the passage it changed and an undo that restores the text before it', async () => {
    const { id, translator, finding, passage } = await setup();
    const kharkov = finding('Kharkov');
    const before = passage(2).correctedText;
    const applied = await translator.post(`/articles/${id}/findings/${kharkov.fingerprint}/apply`).set(json).expect(200);
    expect(applied.body).toEqual({ passages: [2], undo: { action: `/articles/${id}/passages/2/revert`, version: 2 }, head: anyHead });
    expect(passage(2).correctedText).not.toBe(before);

    const undone = await translator.post(applied.body.undo.action, { version: String(applied.body.undo.version) }).set(json).expect(200);
    expect(undone.body).toEqual({ passages: [2], head: anyHead });
    expect(passage(2).correctedText).toBe(before);
  });

  it('the undo of a second fix in a passage restores the first fix through the history', async () => {
    const { id, translator, finding, passage } = await setup();
    // Passage 1 is edited first, so the fix after it has an earlier change to go back to.
    await translator.post(`/articles/${id}/passages/1`, { text: 'Officials in Kiev said the convoy left at first light.', version: '1', category: 'style' }).expect(303);
    const kiev = finding('Kiev');
    expect(kiev.passageIdx).toBe(1);
    const applied = await translator.post(`/articles/${id}/findings/${kiev.fingerprint}/apply`).set(json).expect(200);
    expect(applied.body.undo.action).toMatch(new RegExp(`^/articles/${id}/history/\\d+/restore$`));
    // Without the script, the restore goes back to its passage too.
    await translator.post(applied.body.undo.action, { version: String(applied.body.undo.version) }).expect(303).expect('Location', `/articles/${id}#p-1`);
    expect(passage(1).correctedText).toBe('Officials in Kiev said the convoy left at first light.');
  });

  it('an undo after someone changed the passage again is refused with 409 as JSON, changing nothing', async () => {
    const { id, translator, finding, passage } = await setup();
    const applied = await translator.post(`/articles/${id}/findings/${finding('Kharkov').fingerprint}/apply`).set(json).expect(200);
    await translator.post(`/articles/${id}/passages/2`, { text: 'The convoy reached Kharkiv at night.', version: '2', category: 'style' }).expect(303);
    const refused = await translator.post(applied.body.undo.action, { version: String(applied.body.undo.version) }).set(json).expect(409);
    expect(refused.body.error.message).toMatch(/\S/);
    expect(passage(2).correctedText).toBe('The convoy reached Kharkiv at night.');
  });

  it('approve, reject and approve all answer with their passages and the sentence to say', async () => {
    const { id, web, translator, finding, passage } = await setup();
    await translator.post(`/articles/${id}/findings/${finding('Kharkov').fingerprint}/apply`).set(json).expect(200);
    const approved = await web.post(`/articles/${id}/passages/2/approve`, { version: String(passage(2).version) }).set(json).expect(200);
    expect(approved.body).toEqual({ passages: [2], notice: 'Proposal approved: exports take it.', head: anyHead });

    await translator.post(`/articles/${id}/passages/1`, { text: 'Officials in Kyiv said the convoy left.', version: '1', category: 'terminology' }).expect(303);
    await translator.post(`/articles/${id}/passages/3`, { text: 'A later report from Kyiv gave no figures.', version: '1', category: 'terminology' }).expect(303);
    const all = await web.post('/proposals/approve', { pick: [`${id}:1:2`, `${id}:3:2`] as unknown as string }).set(json).expect(200);
    expect(all.body).toEqual({ passages: [1, 3], notice: 'The chosen proposals are approved.', head: anyHead });
    expect(passage(3).approvedText).toBe('A later report from Kyiv gave no figures.');
  });

  it('the head an answer carries is the page’s as it stands after the change, for the viewer: status, counts and the steps open to them', async () => {
    const { ctx, id, web, translator, finding, passage } = await setup();
    const before = (await translator.get(`/articles/${id}`).expect(200)).text;
    expect(before).toContain('<span class="status status-new">New</span>');
    const kharkov = await translator.post(`/articles/${id}/findings/${finding('Kharkov').fingerprint}/apply`).set(json).expect(200);
    // The fix made a proposal: the article is in review and has one finding fewer.
    expect(kharkov.body.head.summary).toContain('<span class="status status-in_review">In review</span>');
    const counts = `<span class="counts">${openCounts(ctx.repos.articles.findSummary(id)!)}</span>`;
    expect(before).not.toContain(counts);
    expect(kharkov.body.head.summary).toContain(counts);
    expect(kharkov.body.head.flow).toContain('Submit for approval');
    expect(kharkov.body.head.flow).not.toContain('/proposals/approve');
    await translator.post(`/articles/${id}/submit`, { confirm: 'open-findings' }).expect(303);

    // The editor approves the one waiting proposal in place: "Approve the article" is offered now, approve all is gone.
    const flowBefore = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(flowBefore).toContain('Approve the waiting proposal and the article');
    expect(flowBefore).not.toContain('Approve the article<');
    const approved = await web.post(`/articles/${id}/passages/2/approve`, { version: String(passage(2).version) }).set(json).expect(200);
    expect(approved.body.head.flow).toContain(`action="/articles/${id}/approve"`);
    expect(approved.body.head.flow).toContain('Approve the article');
    expect(approved.body.head.flow).not.toContain('/proposals/approve');
    expect(approved.body.head.flow).not.toContain('approve-with-proposals');
    // Its forms carry the token of the session that asked.
    expect(approved.body.head.flow).toContain(`name="_csrf" value="${web.csrf}"`);
    expect(approved.body.head.summary).toContain('Awaiting approval');
  });

  it('a refused post is answered with its status and message as JSON, not a page', async () => {
    const { id, translator } = await setup();
    const refused = await translator.post(`/articles/${id}/passages/2/revert`, { version: '7' }).set(json).expect(409);
    expect(refused.type).toBe('application/json');
    expect(refused.body.error.message).toMatch(/\S/);
    await translator.post(`/articles/${id}/groups/apply`, { group: 'nothing', spelling: 'x' }).set(json).expect(404).expect('Content-Type', /json/);
  });
});
