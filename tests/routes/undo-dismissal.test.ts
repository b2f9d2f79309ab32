import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { clientAs, shownText, testApp } from '../helpers/app.js';

const TEXT = 'Officials in Kiev said the convoy left at dawn.\n\nThe convoy reached Kharkov by night.\n\nA later report from Kiev gave no new figures.\n';

async function setup() {
  const { app, ctx, web } = testApp();
  const translator = clientAs(app, ctx, 'translator');
  const { id } = await importArticle(ctx, { text: TEXT });
  const terms = () => ctx.repos.findings.ofArticle(id).filter((f) => f.check === 'terms');
  const openCount = () => {
    const { openErrors, openWarnings, openInfos } = ctx.repos.articles.find(id)!;
    return openErrors + openWarnings + openInfos;
  };
  const actions = () => ctx.repos.dismissals.actionsOf(id);
  return { ctx, id, web, translator, terms, openCount, actions };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const historyEntries = async ({ web, id }: Setup) => parse((await web.get(`/articles/${id}/history`).expect(200)).text).querySelectorAll('.dismissal-history li');

describe('undoing a dismissal from its finding', () => {
  it('opens the finding again, says so in the history, and refuses a second undo with 409, changing nothing', async () => {
    const s = await setup();
    const { web, id, terms, openCount } = s;
    expect(terms().length).toBe(3);
    const open = openCount();
    const [first] = terms();
    await web.post(`/articles/${id}/findings/${first!.fingerprint}/dismiss`, { reason: 'As the source spells it' }).expect(303);
    expect(openCount()).toBe(open - 1);

    const panel = parse((await web.get(`/articles/${id}`).expect(200)).text);
    const undo = panel.querySelector(`#finding-${first!.fingerprint} form.undo-dismissal`)!;
    expect(undo.getAttribute('action')).toBe(`/articles/${id}/findings/${first!.fingerprint}/undo-dismissal`);
    expect(panel.querySelectorAll('form.undo-dismissal')).toHaveLength(1);

    await web.post(undo.getAttribute('action')!).expect(303).expect('Location', `/articles/${id}#finding-${first!.fingerprint}`);
    expect(terms().every((f) => !f.dismissed)).toBe(true);
    expect(openCount()).toBe(open);
    const entries = await historyEntries(s);
    expect(entries.map((li) => shownText(li.querySelector('.meta')!).replace(/^\S+ \S+ /, ''))).toEqual([
      'editor undid the dismissal of 1 finding (that dismissal)',
      'editor dismissed a finding',
    ]);
    // Nothing is dismissed any more: no undo is offered, and a second one is refused.
    expect(entries.some((li) => li.querySelector('form'))).toBe(false);
    const before = s.actions();
    const refused = await web.post(`/articles/${id}/findings/${first!.fingerprint}/undo-dismissal`).expect(409);
    expect(refused.text).toContain('already undone');
    expect(s.actions()).toEqual(before);
  });

  it('removes a dismissal whose finding the text no longer has, so the finding is open when the text comes back', async () => {
    const { ctx, web, id, terms } = await setup();
    const kharkov = terms().find((f) => f.text === 'Kharkov')!;
    await web.post(`/articles/${id}/findings/${kharkov.fingerprint}/dismiss`).expect(303);
    const passage = () => ctx.repos.passages.find(id, 1)!;
    await web.post(`/articles/${id}/passages/1`, { text: 'The convoy reached the city by night.', version: String(passage().version), category: 'style' }).expect(303);
    expect(ctx.repos.findings.find(id, kharkov.fingerprint)).toBeUndefined();

    await web.post(`/articles/${id}/findings/${kharkov.fingerprint}/undo-dismissal`).expect(303);
    expect(ctx.repos.dismissals.find(id, kharkov.fingerprint)).toBeUndefined();
    await web.post(`/articles/${id}/passages/1`, { text: 'The convoy reached Kharkov by night.', version: String(passage().version), category: 'style' }).expect(303);
    expect(ctx.repos.findings.find(id, kharkov.fingerprint)).toMatchObject({ dismissed: false });
  });

  it('lets a translator undo an editor’s dismissal (it changes no text), and the history names the translator', async () => {
    const s = await setup();
    const { web, translator, id, terms } = s;
    const [first] = terms();
    await web.post(`/articles/${id}/findings/${first!.fingerprint}/dismiss`).expect(303);
    await translator.post(`/articles/${id}/findings/${first!.fingerprint}/undo-dismissal`).expect(303);
    expect(terms().every((f) => !f.dismissed)).toBe(true);
    expect((await historyEntries(s))[0]!.querySelector('.meta strong')!.text).toBe('translator');
  });
});

describe('undoing a dismissal of all of a check’s findings from the history', () => {
  it('undoes the bulk dismissal as one unit, whatever of it still stands, and only once', async () => {
    const s = await setup();
    const { web, id, terms } = s;
    await web.post(`/articles/${id}/checks/terms/dismiss`, { reason: 'House style allows both' }).expect(303);
    expect(terms().every((f) => f.dismissed)).toBe(true);
    const [bulk] = s.actions();
    let entries = await historyEntries(s);
    expect(entries).toHaveLength(1);
    expect(shownText(entries[0]!.querySelector('.meta')!)).toContain('editor dismissed all 3 findings of terms');
    expect(entries[0]!.querySelector('.comment-body')!.text).toBe('House style allows both');
    expect(entries[0]!.querySelector('form')!.getAttribute('action')).toBe(`/articles/${id}/dismissals/${bulk!.id}/undo`);

    // One of them undone from its finding: the unit's undo takes the other two.
    await web.post(`/articles/${id}/findings/${terms()[0]!.fingerprint}/undo-dismissal`).expect(303);
    entries = await historyEntries(s);
    expect(entries[1]!.querySelector('button')!.text).toContain('Undo (2 findings still dismissed)');

    await web.post(`/articles/${id}/dismissals/${bulk!.id}/undo`).expect(303).expect('Location', `/articles/${id}/history`);
    expect(terms().every((f) => !f.dismissed)).toBe(true);
    entries = await historyEntries(s);
    expect(shownText(entries[0]!.querySelector('.meta')!)).toContain('editor undid the dismissal of 2 findings');
    expect(entries.some((li) => li.querySelector('form'))).toBe(false);

    await web.post(`/articles/${id}/dismissals/${bulk!.id}/undo`).expect(409);
    expect(s.actions()).toHaveLength(3);
  });

  it('answers 404 for a dismissal the article does not have', async () => {
    const { ctx, web, id, terms } = await setup();
    const { id: other } = await importArticle(ctx, { text: TEXT });
    await web.post(`/articles/${id}/findings/${terms()[0]!.fingerprint}/dismiss`).expect(303);
    const [action] = ctx.repos.dismissals.actionsOf(id);
    await web.post(`/articles/${other}/dismissals/${action!.id}/undo`).expect(404);
    await web.post(`/articles/${id}/dismissals/x/undo`).expect(404);
    expect(ctx.repos.findings.find(id, terms()[0]!.fingerprint)!.dismissed).toBe(true);
  });
});
