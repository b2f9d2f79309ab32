import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { readTermFile } from '../../src/reference/term-files.js';
import { applyImport, termEntries } from '../../src/services/termbase.js';
import { clientAs, testApp } from '../helpers/app.js';

const HEADER = 'preferred,variants,exceptions,note,kind,language,disputed\n';
const NEW_TERM = 'Lozova,Lozovaya|Losovaja,,Our spelling,place,en,false\n';

function setUp() {
  const { app, ctx, web } = testApp();
  const translator = clientAs(app, ctx, 'translator');
  return { app, ctx, web, translator, before: JSON.stringify(termEntries(ctx)) };
}

describe('the termbase as files on the web', () => {
  it('exports CSV and TBX that read back to the termbase, to any signed-in user', async () => {
    const { ctx, translator } = setUp();
    expect(termEntries(ctx).length).toBeGreaterThan(10);
    const csv = await translator.get('/terms/export.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename=termbase.csv');
    expect(readTermFile(csv.text, 'termbase.csv').entries.map((e) => e.preferred)).toEqual(termEntries(ctx).map((e) => e.preferred));
    const tbx = await translator.get('/terms/export.tbx').expect(200);
    expect(tbx.headers['content-disposition']).toBe('attachment; filename=termbase.tbx');
    expect(readTermFile(tbx.text, 'termbase.tbx').entries).toHaveLength(termEntries(ctx).length);
    const other = await translator.get('/terms/export.pdf').expect(404);
    expect(other.text).toContain('exported as csv or tbx');
  });

  it('shows the plan of an upload, changes nothing until it is confirmed, then applies it once', async () => {
    const { ctx, web, before } = setUp();
    const page = await web.get('/terms/import').expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    const csv = HEADER + NEW_TERM + 'Kyiv,Kiev|Kyjiw,chicken Kiev,,place,en,false\n';
    const plan = await web.upload('/terms/import').field('mode', 'merge').attach('file', Buffer.from(csv), 'ours.csv').expect(200);
    expect(plan.text).toContain('What importing ours.csv would change');
    expect(plan.text).toMatch(/1 to add,\s+1 to change,\s+0 to remove/);
    expect(plan.text).toContain('<strong>Lozova</strong>');
    expect(JSON.stringify(termEntries(ctx))).toBe(before);

    const importId = /name="import" value="([0-9a-f]{32})"/.exec(plan.text)![1]!;
    const done = await web.post('/terms/import/confirm', { import: importId }).expect(303);
    expect(done.headers.location).toBe('/terms/import?done=terms-imported');
    const after = termEntries(ctx);
    expect(after.find((e) => e.preferred === 'Lozova')).toMatchObject({ variants: ['Lozovaya', 'Losovaja'], note: 'Our spelling' });
    expect(after.find((e) => e.preferred === 'Kyiv')!.variants).toEqual(['Kiev', 'Kyjiw']);
    expect((await web.get(done.headers.location!).expect(200)).text).toContain('The file is imported');

    // The same confirmation again is refused: the import is no longer waiting.
    const again = await web.post('/terms/import/confirm', { import: importId }).expect(409);
    expect(again.text).toContain('no longer waiting');
  });

  it('replace removes the terms the file does not list', async () => {
    const { ctx, web } = setUp();
    const plan = await web.upload('/terms/import').field('mode', 'replace').attach('file', Buffer.from(HEADER + NEW_TERM), 'only.csv').expect(200);
    expect(plan.text).toContain('replacing the whole termbase');
    const importId = /name="import" value="([0-9a-f]{32})"/.exec(plan.text)![1]!;
    await web.post('/terms/import/confirm', { import: importId }).expect(303);
    expect(termEntries(ctx).map((e) => e.preferred)).toEqual(['Lozova']);
  });

  it('refuses a confirmation when the termbase changed after the plan was shown', async () => {
    const { ctx, web } = setUp();
    const plan = await web.upload('/terms/import').attach('file', Buffer.from(HEADER + NEW_TERM), 'ours.csv').expect(200);
    applyImport(ctx, null, [{ preferred: 'Pokrovsk', variants: ['Krasnoarmeysk'], exceptions: [] }], { replace: false });
    const changed = JSON.stringify(termEntries(ctx));
    const importId = /name="import" value="([0-9a-f]{32})"/.exec(plan.text)![1]!;
    const refused = await web.post('/terms/import/confirm', { import: importId }).expect(409);
    expect(refused.text).toContain('The termbase changed after this import was planned');
    expect(JSON.stringify(termEntries(ctx))).toBe(changed);
  });

  it.each([
    ['a malformed TBX', Buffer.from('<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n<conceptEntry>\n</body></text></tbx>'), 'bad.tbx', 422, 'line 4, &lt;conceptEntry&gt;: is not well-formed XML'],
    ['a conflict with a term kept', Buffer.from(HEADER + 'Kyjiw,Kiev,,,place,en,false\n'), 'clash.csv', 422, 'line 2: the variant &#34;Kiev&#34; is also listed under &#34;Kyiv&#34;'],
    ['a file that is not UTF-8', Buffer.from([0x70, 0x72, 0xff, 0x0a]), 'latin.csv', 422, 'latin.csv is not UTF-8 text'],
    ['no file', undefined, '', 422, 'Choose a termbase file'],
  ])('refuses %s with the reason, and changes nothing', async (_, bytes, name, status, reason) => {
    const { ctx, web, before } = setUp();
    const post = web.upload('/terms/import');
    const res = await (bytes ? post.attach('file', bytes, name) : post).expect(status);
    expect(res.text).toContain(reason);
    expect(JSON.stringify(termEntries(ctx))).toBe(before);
  });

  it('lets only editors and admins import, and checks the upload form\'s CSRF token', async () => {
    const { ctx, translator, app, before } = setUp();
    await translator.get('/terms/import').expect(403);
    await translator.upload('/terms/import').attach('file', Buffer.from(HEADER + NEW_TERM), 'ours.csv').expect(403);
    const admin = clientAs(app, ctx, 'admin');
    await admin.get('/terms/import').expect(200);
    const editor = clientAs(app, ctx, 'editor', 'another-editor');
    await request(app).post('/terms/import').set('Cookie', editor.cookie).attach('file', Buffer.from(HEADER + NEW_TERM), 'ours.csv').expect(403);
    expect(JSON.stringify(termEntries(ctx))).toBe(before);
  });
});
