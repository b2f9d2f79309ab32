import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { clientAs, testApp } from '../helpers/app.js';

const chortkiv = { preferred: 'Chortkiv', variants: 'Czortkow\nChortkov', exceptions: 'Czortkow Offensive', note: 'Ukrainian-based spelling.', kind: 'place', language: 'en' };

/** The app with the starter termbase loaded, an editor's client and a translator's. */
function setup() {
  const { app, ctx, db, web } = testApp();
  return { app, ctx, db, editor: web, translator: clientAs(app, ctx, 'translator') };
}

const termId = (location: string) => Number(/^\/terms\/(\d+)\?done=/.exec(location)?.[1]);

describe('the Terms page', () => {
  it('lists the starter termbase in pages of 50, finds a term by a variant and filters by kind', async () => {
    const { editor, ctx } = setup();
    const total = ctx.repos.terms.count();
    expect(total).toBeGreaterThan(50);
    const first = await editor.get('/terms').expect(200);
    expect(first.text).toContain(`${total} terms, page 1 of 2`);
    expect(first.text).toContain('href="/terms?q=&amp;kind=&amp;page=2"');
    expect(first.text).toContain('aria-current="page">Terms</a>');
    const found = await editor.get('/terms?q=kiev').expect(200);
    expect(found.text).toContain('1 term</p>');
    expect(found.text).toContain('>Kyiv</a>');
    const people = await editor.get('/terms?kind=person').expect(200);
    expect(people.text).toContain('Klitschko');
    expect(people.text).not.toContain('>Kyiv</a>');
    // An unknown kind in the query is ignored, as the article list ignores unknown filters.
    expect((await editor.get('/terms?kind=river').expect(200)).text).toContain(`${total} terms`);
  });

  it('lets an editor add a term, after which a new article gets a finding for its variant', async () => {
    const { editor } = setup();
    const created = await editor.post('/terms', chortkiv).expect(303);
    const id = termId(created.headers.location!);
    const page = await editor.get(created.headers.location!).expect(200);
    expect(page.text).toContain('Term saved');
    expect(page.text).toContain('Czortkow, Chortkov');
    expect(page.text).toContain('Ukrainian-based spelling.');
    expect(page.text).toContain('<strong>editor</strong>');
    expect(page.text).toContain(`action="/terms/${id}/delete"`);
    // Imported through the app, whose reviewer the change reached.
    const { body } = await editor.api.post('/api/articles').send({ text: 'The train reached Czortkow at noon.' }).expect(201);
    expect((body.findings as { check: string; fix?: { text: string } }[]).filter((f) => f.check === 'terms').map((f) => f.fix?.text)).toEqual(['Chortkiv']);
  });

  it('shows the form again with the reason and the values typed when a term conflicts (422), and stores nothing', async () => {
    const { editor, ctx } = setup();
    const before = ctx.repos.terms.count();
    const refused = await editor.post('/terms', { ...chortkiv, variants: 'Czortkow\nKiev' }).expect(422);
    expect(refused.text).toContain('the variant &#34;Kiev&#34; is also listed under &#34;Kyiv&#34;');
    expect(refused.text).toContain('value="Chortkiv"');
    expect(refused.text).toContain('Czortkow\nKiev</textarea>');
    expect(refused.text).toContain('<option selected>place</option>');
    expect(ctx.repos.terms.count()).toBe(before);
    expect((await editor.post('/terms', { ...chortkiv, kind: 'river' }).expect(422)).text).toContain('The kind must be one of');
  });

  it('escapes what a term holds', async () => {
    const { editor, translator } = setup();
    const created = await editor.post('/terms', { ...chortkiv, note: '<script>alert(1)</script>' }).expect(303);
    for (const url of [created.headers.location!, '/terms?q=chortkiv']) {
      const page = await translator.get(url).expect(200);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('shows a translator the terms without any control to change them', async () => {
    const { editor, translator } = setup();
    const id = termId((await editor.post('/terms', chortkiv).expect(303)).headers.location!);
    const list = await translator.get('/terms').expect(200);
    expect(list.text).not.toContain('/terms/new');
    const page = await translator.get(`/terms/${id}`).expect(200);
    expect(page.text).toContain('Czortkow, Chortkov');
    expect(page.text).not.toMatch(/<form method="post" action="\/terms/);
    expect(page.text).not.toContain(`/terms/${id}/edit`);
    await translator.get(`/terms/${id}/edit`).expect(403);
    await translator.post(`/terms/${id}`, { ...chortkiv, note: 'Mine.' }).expect(403);
  });

  it('edits a term, marks it disputed, deletes it only when confirmed, and restores an earlier version', async () => {
    const { editor, ctx } = setup();
    const id = termId((await editor.post('/terms', chortkiv).expect(303)).headers.location!);
    const form = await editor.get(`/terms/${id}/edit`).expect(200);
    expect(form.text).toContain('Czortkow\nChortkov</textarea>');
    await editor.post(`/terms/${id}`, { ...chortkiv, note: 'A newer note.' }).expect(303);
    await editor.post(`/terms/${id}/disputed`, { disputed: '1' }).expect(303);
    expect(ctx.repos.terms.find(id)).toMatchObject({ note: 'A newer note.', disputed: true });

    const unconfirmed = await editor.post(`/terms/${id}/delete`).expect(422);
    expect(unconfirmed.text).toContain('Tick “Yes, delete this term”');
    expect(ctx.repos.terms.find(id)).toBeDefined();
    await editor.post(`/terms/${id}/delete`, { confirm: '1' }).expect(303);
    const deleted = await editor.get(`/terms/${id}`).expect(200);
    expect(deleted.text).toContain('This term was deleted.');
    expect(deleted.text).toContain('<del>');

    const history = ctx.repos.terms.revisions(id);
    expect(history.map((r) => r.action)).toEqual(['delete', 'change', 'change', 'create']);
    const created = history.at(-1)!;
    expect(deleted.text).toContain(`action="/terms/${id}/revisions/${created.id}/restore"`);
    await editor.post(`/terms/${id}/revisions/${created.id}/restore`).expect(303);
    expect(ctx.repos.terms.find(id)).toMatchObject({ note: 'Ukrainian-based spelling.', disputed: false });
    await editor.post(`/terms/${id}/revisions/999/restore`).expect(404);
    await editor.post('/terms/999/delete', { confirm: '1' }).expect(404);
  });

  it('prefills the new-term form from a link', async () => {
    const { editor } = setup();
    const form = await editor.get('/terms/new?preferred=Witkoff&variant=Vitkoff').expect(200);
    expect(form.text).toContain('value="Witkoff"');
    expect(form.text).toContain('Vitkoff</textarea>');
  });
});

describe('GET /api/terms', () => {
  it('answers the termbase as JSON, filtered by kind and any form, to a token of any role', async () => {
    const { translator, app } = setup();
    const all = await translator.api.get('/api/terms').expect(200);
    expect(all.body.total).toBe(all.body.terms.length);
    expect(all.body.total).toBeGreaterThan(50);
    const kyiv = await translator.api.get('/api/terms?q=KIEV&kind=place').expect(200);
    expect(kyiv.body.terms).toEqual([
      expect.objectContaining({ preferred: 'Kyiv', variants: expect.arrayContaining(['Kiev']), exceptions: expect.arrayContaining(['chicken Kiev']), kind: 'place', language: 'en', disputed: false }),
    ]);
    expect((await translator.api.get('/api/terms?kind=person').expect(200)).body.terms.every((t: { kind: string }) => t.kind === 'person')).toBe(true);
    expect((await translator.api.get('/api/terms?kind=river').expect(422)).body.error.message).toMatch(/kind must be one of/);
    await request(app).get('/api/terms').expect(401);
  });
});
