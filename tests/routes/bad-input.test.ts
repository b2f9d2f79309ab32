import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { StoredFinding } from '../../src/db/repositories/findings.js';
import { importArticle } from '../../src/services/import.js';
import { applyFinding, dismissFinding, editPassage } from '../../src/services/review.js';
import { clientAs, demoText, testApp, testConfig } from '../helpers/app.js';
import { dumpTables, type Dump } from '../helpers/sqlite-dump.js';

/** The app with the demo article imported and one finding dismissed, an editor's client for it, and a second user's session. */
async function fixture() {
  const { app, db, ctx, web } = testApp();
  const other = clientAs(app, ctx, 'translator', 'other');
  const { id } = await importArticle(ctx, { text: demoText });
  const finding = (check: string, text: string): StoredFinding => ctx.repos.findings.ofArticle(id).find((f) => f.check === check && f.text === text)!;
  await dismissFinding(ctx, web.user, id, finding('typography', 'the the').fingerprint, 'Quoted as said');
  // A token's first use stamps it; after that, reading through the API writes nothing.
  await web.api.get(`/api/articles/${id}`).expect(200);
  return { app, db, ctx, web, other, id, fixable: finding('terms', 'Zaporozhye'), variant: finding('name-variants', 'Martchenko') };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

interface BadInput {
  name: string;
  /** A change made before the snapshot, such as the edit that makes a form stale. */
  before?: (f: Fixture) => unknown;
  send: (f: Fixture) => request.Test;
  status: number;
  /** A fragment of the message the requester sees: the JSON error's message, or the page's text. */
  message: string;
  /** What else the answer must (not) show. */
  check?: (res: request.Response, f: Fixture) => void;
}

const unescapeHtml = (html: string) =>
  html.replace(/&(lt|gt|quot|#34|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'", amp: '&' })[name]!);

function messageOf(res: request.Response): string {
  if (/json/.test(res.type)) return String((res.body as { error?: { message?: unknown } }).error?.message ?? JSON.stringify(res.body));
  return unescapeHtml(res.text);
}

/** A form post with the fields given as a raw url-encoded body (for repeated fields and a foreign token). */
const rawForm = (f: Fixture, url: string, body: string) => request(f.app).post(url).set('Cookie', f.web.cookie).type('form').send(body);

const latin1 = Buffer.from('Talks in Kiev ended. Caf\xe9 owners and na\xefve critics agreed.\n', 'latin1');
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
const BOM_LE = Buffer.from([0xff, 0xfe]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8]);
const SQL = "' OR 1=1 --";
const tooLargeJson = 'x'.repeat(testConfig.maxBodyBytes + 1024);
const tooLargeForm = 'x'.repeat(testConfig.maxFormBytes + 1024);

const cases: BadInput[] = [
  // The JSON API.
  { name: 'API: a body over the limit', send: (f) => f.web.api.post('/api/articles').send({ text: tooLargeJson }), status: 413, message: 'too large' },
  { name: 'API: malformed JSON', send: (f) => f.web.api.post('/api/articles').set('Content-Type', 'application/json').send('{"text": "In Kiev'), status: 400, message: 'Malformed request body' },
  { name: 'API: JSON null', send: (f) => f.web.api.post('/api/articles').set('Content-Type', 'application/json').send('null'), status: 400, message: 'Malformed request body' },
  { name: 'API: a JSON array instead of an object', send: (f) => f.web.api.post('/api/articles').send([{ text: 'In Kiev.' }]), status: 422, message: 'Invalid article' },
  { name: 'API: text is a number', send: (f) => f.web.api.post('/api/articles').send({ text: 5 }), status: 422, message: 'text:' },
  { name: 'API: text is an array', send: (f) => f.web.api.post('/api/articles').send({ text: ['In Kiev.'] }), status: 422, message: 'text:' },
  { name: 'API: title is an object', send: (f) => f.web.api.post('/api/articles').send({ title: {}, text: 'In Kiev.' }), status: 422, message: 'title:' },
  { name: 'API: a malformed targetLang', send: (f) => f.web.api.post('/api/articles').send({ text: 'In Kiev.', targetLang: 'xx-!!' }), status: 422, message: 'targetLang: a BCP 47 language code' },
  { name: 'API: a path as sourceLang', send: (f) => f.web.api.post('/api/articles').send({ text: 'In Kiev.', source: 'У Києві.', sourceLang: '../../etc' }), status: 422, message: 'sourceLang:' },
  { name: 'API: no text', send: (f) => f.web.api.post('/api/articles').send({ title: 'No text' }), status: 422, message: 'text:' },
  { name: 'API: an empty text', send: (f) => f.web.api.post('/api/articles').send({ text: '' }), status: 422, message: 'the article text is required' },
  { name: 'API: a whitespace-only text', send: (f) => f.web.api.post('/api/articles').send({ text: ' \n\t\n ' }), status: 422, message: 'The article text is empty' },
  { name: 'API: a text with an unpaired surrogate', send: (f) => f.web.api.post('/api/articles').set('Content-Type', 'application/json').send('{"text": "Talks in Kiev \\ud800 ended."}'), status: 422, message: 'not valid Unicode' },
  { name: 'API: a content type other than JSON', send: (f) => f.web.api.post('/api/articles').set('Content-Type', 'text/plain').send('In Kiev.'), status: 415, message: 'application/json' },
  { name: 'API: JSON in a charset other than UTF-8', send: (f) => f.web.api.post('/api/articles').set('Content-Type', 'application/json; charset=latin1').send('{"text": "In Kiev."}'), status: 415, message: 'unsupported charset' },
  { name: 'API: an unknown article id', send: (f) => f.web.api.get('/api/articles/999'), status: 404, message: 'There is no article 999' },
  { name: 'API: a non-numeric article id', send: (f) => f.web.api.get('/api/articles/abc/findings'), status: 404, message: 'There is no article “abc”' },
  { name: 'API: SQL as the article id', send: (f) => f.web.api.get(`/api/articles/${encodeURIComponent('1 OR 1=1')}`), status: 404, message: 'There is no article “1 OR 1=1”' },
  { name: 'API: an id too large to be one', send: (f) => f.web.api.get('/api/articles/99999999999999999999'), status: 404, message: 'There is no article' },
  { name: 'API: a fractional page', send: (f) => f.web.api.get('/api/articles?page=1.5'), status: 422, message: 'The page “1.5” is not a page number: give a whole number' },
  { name: 'API: a negative page', send: (f) => f.web.api.get('/api/articles?page=-1'), status: 422, message: 'The page “-1” is not a page number' },
  { name: 'API: a page in exponent notation', send: (f) => f.web.api.get('/api/articles?page=1e3'), status: 422, message: 'The page “1e3” is not a page number' },
  {
    name: 'API: LIKE wildcards in the title search match only themselves',
    send: (f) => f.web.api.get('/api/articles?q=%25_'),
    status: 200,
    message: '"total":0',
  },

  // The import form (multipart).
  { name: 'import: a pasted text over the limit', send: (f) => f.web.upload('/articles').field('text', tooLargeJson), status: 413, message: 'Upload refused' },
  { name: 'import: an uploaded file over the limit', send: (f) => f.web.upload('/articles').attach('file', Buffer.alloc(testConfig.maxUploadBytes + 1024, 'a'), 'big.txt'), status: 413, message: 'Upload refused: File too large' },
  { name: 'import: an empty text', send: (f) => f.web.upload('/articles').field('title', 'Nothing').field('text', ''), status: 422, message: 'The article text is empty' },
  { name: 'import: a whitespace-only text', send: (f) => f.web.upload('/articles').field('text', '  \n\n\t  '), status: 422, message: 'The article text is empty' },
  { name: 'import: a whitespace-only file', send: (f) => f.web.upload('/articles').attach('file', Buffer.from(' \n\n \n'), 'blank.txt'), status: 422, message: 'blank.txt is empty' },
  { name: 'import: a Latin-1 file', send: (f) => f.web.upload('/articles').attach('file', latin1, 'latin1.txt'), status: 422, message: 'latin1.txt is not UTF-8 text' },
  { name: 'import: a UTF-16 file with a BOM', send: (f) => f.web.upload('/articles').attach('file', Buffer.concat([BOM_LE, utf16('Talks in Kiev ended.')]), 'utf16.txt'), status: 422, message: 'utf16.txt is not UTF-8 text' },
  { name: 'import: a UTF-16 file without a BOM', send: (f) => f.web.upload('/articles').attach('file', utf16('Talks in Kiev ended.'), 'utf16.md'), status: 422, message: 'utf16.md is not UTF-8 text' },
  { name: 'import: a PNG image named .html', send: (f) => f.web.upload('/articles').attach('file', PNG, 'photo.html'), status: 422, message: 'photo.html is not UTF-8 text' },
  { name: 'import: a .docx that is not a zip', send: (f) => f.web.upload('/articles').attach('file', Buffer.from('Talks in Kiev ended.'), 'talks.docx'), status: 422, message: 'talks.docx is not a readable .docx document' },
  { name: 'import: a .pdf', send: (f) => f.web.upload('/articles').attach('file', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'), 'talks.pdf'), status: 422, message: 'cannot import .pdf' },
  { name: 'import: a file without an extension', send: (f) => f.web.upload('/articles').attach('file', Buffer.from('Talks in Kiev ended.'), 'passwd'), status: 422, message: 'cannot import a file without extension' },
  { name: 'import: a source file that is not UTF-8', send: (f) => f.web.upload('/articles').field('text', 'Talks in Kiev ended.').attach('sourceFile', latin1, 'source.txt'), status: 422, message: 'source.txt is not UTF-8 text' },
  { name: 'import: a malformed translation language', send: (f) => f.web.upload('/articles').field('text', 'Talks in Kiev ended.').field('targetLang', 'xx-!!'), status: 422, message: '“xx-!!” is not a translation language code' },
  { name: 'import: a path as the source language', send: (f) => f.web.upload('/articles').field('text', 'Talks in Kiev ended.').field('source', 'У Києві.').field('sourceLang', '../etc'), status: 422, message: '“../etc” is not a source language code' },
  { name: 'import: the text field twice', send: (f) => f.web.upload('/articles').field('text', 'Talks in Kiev ended.').field('text', 'Talks in Kyiv ended.'), status: 422, message: 'The field “text” was sent more than once' },
  { name: 'import: a multipart body of many fields', send: (f) => Array.from({ length: 40 }, (_, i) => i).reduce((r, i) => r.field(`extra${i}`, 'x'), f.web.upload('/articles').field('text', 'Talks in Kiev ended.')), status: 400, message: 'Too many fields' },
  { name: 'import: a file in a field the form does not have', send: (f) => f.web.upload('/articles').attach('attachment', Buffer.from('In Kiev.'), 'a.txt'), status: 400, message: 'Upload refused: Unexpected file field' },
  { name: 'import: multipart without a boundary', send: (f) => request(f.app).post('/articles').set('Cookie', f.web.cookie).set('Content-Type', 'multipart/form-data').send('text=In+Kiev'), status: 400, message: 'Malformed request body' },
  {
    name: 'import: a multipart body cut off',
    send: (f) =>
      request(f.app)
        .post('/articles')
        .set('Cookie', f.web.cookie)
        .set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send(`--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${f.web.csrf}\r\n--XYZ\r\nContent-Disposition: form-data; name="text"\r\n\r\nTalks in Kiev`),
    status: 400,
    message: 'Malformed request body',
  },
  {
    name: 'import: the CSRF token of another session',
    send: (f) => request(f.app).post('/articles').set('Cookie', f.web.cookie).field('_csrf', f.other.csrf).field('text', 'Talks in Kiev ended.'),
    status: 403,
    message: 'This form has expired',
  },
  { name: 'import: a url-encoded body over the form limit', send: (f) => f.web.post('/articles', { text: tooLargeForm }), status: 413, message: 'too large' },

  // Review forms.
  { name: 'edit: a body over the form limit', send: (f) => f.web.post(`/articles/${f.id}/passages/0`, { text: tooLargeForm }), status: 413, message: 'The request body is too large' },
  { name: 'edit: the text field twice', send: (f) => rawForm(f, `/articles/${f.id}/passages/0`, `_csrf=${f.web.csrf}&text=a&text=b`), status: 422, message: 'The field “text” was sent more than once' },
  { name: 'edit: no text field', send: (f) => f.web.post(`/articles/${f.id}/passages/0`), status: 422, message: 'The corrected text is missing' },
  { name: 'edit: an unknown passage', send: (f) => f.web.post(`/articles/${f.id}/passages/999`, { text: 'x', version: '1', category: 'style' }), status: 404, message: 'Article 1 has no passage 999' },
  { name: 'edit: no passage version', send: (f) => f.web.post(`/articles/${f.id}/passages/0`, { text: 'x' }), status: 422, message: 'does not say which version' },
  { name: 'edit: a version that is not a number', send: (f) => f.web.post(`/articles/${f.id}/passages/0`, { text: 'x', version: '1; DROP TABLE passages', category: 'style' }), status: 422, message: 'does not say which version' },
  { name: 'edit: an older version (a stale form)', before: (f) => editPassage(f.ctx, f.web.user, f.id, 0, 'Saved meanwhile.', 1, 'style'), send: (f) => f.web.post(`/articles/${f.id}/passages/0`, { text: 'Mine', version: '1', category: 'style' }), status: 409, message: 'saved this passage after you opened it' },
  { name: 'comment: an empty comment', send: (f) => f.web.post(`/articles/${f.id}/passages/0/comments`, { body: ' ' }), status: 422, message: 'The comment is empty' },
  { name: 'edit: no error category', send: (f) => f.web.post(`/articles/${f.id}/passages/0`, { text: 'x', version: '1' }), status: 422, message: 'Say what kind of error this correction fixes' },
  { name: 'edit: an unknown error category', send: (f) => f.web.post(`/articles/${f.id}/passages/0`, { text: 'x', version: '1', category: 'constructor' }), status: 422, message: 'Say what kind of error this correction fixes' },
  { name: 'edit: a non-numeric passage', send: (f) => f.web.post(`/articles/${f.id}/passages/-1`, { text: 'x' }), status: 404, message: 'There is no passage “-1”' },
  { name: 'edit: an unknown article', send: (f) => f.web.post('/articles/999/passages/0', { text: 'x', version: '1', category: 'style' }), status: 404, message: 'There is no article 999' },
  { name: 'edit page: an unknown passage', send: (f) => f.web.get(`/articles/${f.id}/passages/999/edit`), status: 404, message: 'Article 1 has no passage 999' },
  { name: 'revert: an unknown passage', send: (f) => f.web.post(`/articles/${f.id}/passages/999/revert`, { version: '1' }), status: 404, message: 'Article 1 has no passage 999' },
  { name: 'edit: the CSRF token of another session', send: (f) => rawForm(f, `/articles/${f.id}/passages/0`, `_csrf=${f.other.csrf}&text=Hijacked`), status: 403, message: 'This form has expired' },
  { name: 'edit: no CSRF token', send: (f) => rawForm(f, `/articles/${f.id}/passages/0`, 'text=Hijacked'), status: 403, message: 'This form has expired' },
  { name: 'edit: the CSRF token twice', send: (f) => rawForm(f, `/articles/${f.id}/passages/0`, `_csrf=${f.web.csrf}&_csrf=${f.web.csrf}&text=Twice`), status: 403, message: 'This form has expired' },
  { name: 'apply: an unknown finding', send: (f) => f.web.post(`/articles/${f.id}/findings/0123456789abcdef/apply`), status: 404, message: 'That finding is no longer reported' },
  { name: 'dismiss: SQL as the fingerprint', send: (f) => f.web.post(`/articles/${f.id}/findings/${encodeURIComponent(SQL)}/dismiss`, { reason: SQL }), status: 404, message: 'That finding is no longer reported' },
  { name: 'apply: a suggestion that is not a number', send: (f) => f.web.post(`/articles/${f.id}/findings/${f.variant.fingerprint}/apply`, { suggestion: '1; DROP TABLE findings' }), status: 422, message: 'There is no such suggestion' },
  { name: 'apply: a suggestion that does not exist', send: (f) => f.web.post(`/articles/${f.id}/findings/${f.variant.fingerprint}/apply`, { suggestion: '99' }), status: 422, message: 'There is no such suggestion' },
  {
    name: 'apply: a stale form (the finding was fixed since the page was loaded)',
    before: (f) => applyFinding(f.ctx, f.web.user, f.id, f.fixable.fingerprint),
    send: (f) => f.web.post(`/articles/${f.id}/findings/${f.fixable.fingerprint}/apply`),
    status: 404,
    message: 'That finding is no longer reported; the text may have changed since the page was loaded.',
  },
  {
    name: 'dismiss: a stale form (the finding was fixed since the page was loaded)',
    before: (f) => applyFinding(f.ctx, f.web.user, f.id, f.fixable.fingerprint),
    send: (f) => f.web.post(`/articles/${f.id}/findings/${f.fixable.fingerprint}/dismiss`, { reason: 'As in the source' }),
    status: 404,
    message: 'That finding is no longer reported; the text may have changed since the page was loaded.',
  },
  { name: 'dismiss all: an unknown check', send: (f) => f.web.post(`/articles/${f.id}/checks/spelling/dismiss`), status: 404, message: 'There are no open spelling findings' },
  {
    name: 'dismiss all: markup as the check id is shown as text',
    send: (f) => f.web.post(`/articles/${f.id}/checks/${encodeURIComponent('<img src=x onerror=alert(1)>')}/dismiss`),
    status: 404,
    message: 'There are no open <img src=x onerror=alert(1)> findings',
    check: (res) => expect(res.text).not.toContain('<img src=x'),
  },
  { name: 'group: a spelling not in the group', send: (f) => f.web.post(`/articles/${f.id}/groups/apply`, { group: f.variant.group!, spelling: 'Smith' }), status: 422, message: '“Smith” is not one of the spellings this group may use' },
  { name: 'group: an unknown group', send: (f) => f.web.post(`/articles/${f.id}/groups/apply`, { group: SQL, spelling: 'Marchenko' }), status: 404, message: 'That group of findings is no longer reported' },
  { name: 'group: no spelling', send: (f) => f.web.post(`/articles/${f.id}/groups/apply`, { group: f.variant.group! }), status: 422, message: 'Choose the spelling to use' },

  // The termbase.
  { name: 'terms: a term without its preferred form', send: (f) => f.web.post('/terms', { variants: 'Czortkow' }), status: 422, message: 'the preferred form is missing' },
  { name: 'terms: a variant another term lists', send: (f) => f.web.post('/terms', { preferred: 'Chortkiv', variants: 'Kiev' }), status: 422, message: 'the variant "Kiev" is also listed under "Kyiv"' },
  { name: 'terms: an exception without a variant in it', send: (f) => f.web.post('/terms', { preferred: 'Chortkiv', variants: 'Czortkow', exceptions: 'chicken Kiev' }), status: 422, message: 'the exception "chicken Kiev" contains none of the variants' },
  { name: 'terms: an unknown kind', send: (f) => f.web.post('/terms', { preferred: 'Chortkiv', kind: 'river' }), status: 422, message: 'The kind must be one of place, person, organisation, other' },
  { name: 'terms: not a language code', send: (f) => f.web.post('/terms', { preferred: 'Chortkiv', language: SQL }), status: 422, message: `“${SQL}” is not a language code` },
  { name: 'terms: a form over 200 characters', send: (f) => f.web.post('/terms', { preferred: 'Chortkiv', variants: 'C'.repeat(201) }), status: 422, message: 'A form or phrase has at most 200 characters' },
  { name: 'terms: the preferred form sent twice', send: (f) => rawForm(f, '/terms', `_csrf=${f.web.csrf}&preferred=A&preferred=B`), status: 422, message: 'The field “preferred” was sent more than once' },
  { name: 'terms: a deletion not confirmed', send: (f) => f.web.post('/terms/1/delete'), status: 422, message: 'Tick “Yes, delete this term”' },
  { name: 'terms: an unknown term', send: (f) => f.web.post('/terms/999', { preferred: 'Chortkiv' }), status: 404, message: 'There is no term 999' },
  { name: 'terms: a revision of another term', send: (f) => f.web.post(`/terms/2/revisions/1/restore`), status: 404, message: 'Term 2 has no revision 1' },
  { name: 'terms: a word as the page', send: (f) => f.web.get('/terms?page=last'), status: 422, message: 'The page “last” is not a page number' },
  { name: 'API: an unknown kind of term', send: (f) => f.web.api.get('/api/terms?kind=river'), status: 422, message: 'The kind must be one of' },

  // Pages.
  { name: 'page: an unknown article', send: (f) => f.web.get('/articles/999'), status: 404, message: 'There is no article 999' },
  { name: 'page: a path as the article id', send: (f) => f.web.get('/articles/..%2F..%2Fetc%2Fpasswd'), status: 404, message: 'There is no article “../../etc/passwd”' },
  { name: 'page: a fractional article id', send: (f) => f.web.get('/articles/1.0/corrected.txt'), status: 404, message: 'There is no article “1.0”' },
  {
    name: 'page: a path out of the static folder',
    send: (f) => f.web.get('/static/..%2F..%2Fpackage.json'),
    status: 404,
    message: 'There is no page',
    check: (res) => expect(res.text).not.toContain('translation-workbench'),
  },
  { name: 'list: a fractional page', send: (f) => f.web.get('/articles?page=1.01'), status: 422, message: 'The page “1.01” is not a page number: give a whole number' },
  { name: 'list: a word as the page', send: (f) => f.web.get('/articles?page=last'), status: 422, message: 'The page “last” is not a page number' },
  {
    name: 'list: SQL in the title search',
    send: (f) => f.web.get(`/articles?q=${encodeURIComponent(SQL)}`),
    status: 200,
    message: 'No articles match',
    check: (res) => {
      expect(res.text).not.toContain('Grain convoy');
      expect(res.text).toContain('value="&#39; OR 1=1 --"');
    },
  },
];

describe('bad input: a clear message, the right status, nothing stored changes', () => {
  it('tries at least 30 inputs, each against a snapshot of every table', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const snapshot = dumpTables((await fixture()).db);
    for (const table of ['articles', 'article_texts', 'passages', 'findings', 'dismissals', 'review_fragments', 'users', 'api_tokens']) {
      expect(snapshot[table], table).not.toHaveLength(0);
    }
  });

  for (const c of cases) {
    it(`${c.name}: ${c.status}`, async () => {
      const f = await fixture();
      await c.before?.(f);
      const before = dumpTables(f.db);
      const res = await c.send(f);
      expect(res.status, res.text.slice(0, 500)).toBe(c.status);
      expect(messageOf(res)).toContain(c.message);
      // Decided by the case, not by the answer: the API answers in JSON (an error repeating its status), the pages in HTML.
      const api = c.name.startsWith('API:');
      expect(res.type).toBe(api ? 'application/json' : 'text/html');
      expect(api && res.status >= 400 ? res.body.error.status : res.status).toBe(c.status);
      c.check?.(res, f);
      expect(dumpTables(f.db)).toEqual(before);
    });
  }
});

/** The dump without one article's rows: what it was before that article was imported. */
function withoutArticle(dump: Dump, id: number): Dump {
  return Object.fromEntries(
    Object.entries(dump)
      // The word index's FTS5 tables hold every article's words in shared segments, not rows of their own to leave out.
      .filter(([table]) => !table.startsWith('article_words'))
      .map(([table, rows]) => [table, (rows as Record<string, unknown>[]).filter((row) => (table === 'articles' ? row.id !== id : row.article_id !== id))]),
  );
}

const articleIdOf = (res: request.Response) => Number(/^\/articles\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);

describe('accepted input is stored as it was sent', () => {
  it('a title with SQL metacharacters and markup is stored verbatim, shown escaped and found by search', async () => {
    const f = await fixture();
    const before = dumpTables(f.db);
    const title = `Robert'); DROP TABLE articles; -- <b onmouseover="alert(1)">bold</b> 100%_`;
    const res = await f.web.upload('/articles').field('title', title).field('text', 'Talks in Kiev ended.').expect(303);
    const id = articleIdOf(res);
    expect(f.ctx.repos.articles.find(id)).toMatchObject({ title, aiText: 'Talks in Kiev ended.' });
    expect(withoutArticle(dumpTables(f.db), id)).toEqual(withoutArticle(before, id));
    const list = await f.web.get('/articles').expect(200);
    expect(list.text).toContain('Robert&#39;); DROP TABLE articles; -- &lt;b onmouseover=&#34;alert(1)&#34;&gt;bold&lt;/b&gt; 100%_');
    expect(list.text).not.toContain('<b onmouseover');
    const found = await f.web.api.get(`/api/articles?q=${encodeURIComponent("'); DROP TABLE")}`).expect(200);
    expect(found.body.items.map((a: { id: number }) => a.id)).toEqual([id]);
    expect((await f.web.api.get('/api/articles?q=100%25_').expect(200)).body.total).toBe(1);
  });

  it('a dismissal reason with SQL metacharacters and markup is stored verbatim and shown escaped', async () => {
    const f = await fixture();
    const reason = `${SQL}; DROP TABLE dismissals; <img src=x onerror="alert(1)">`;
    await f.web.post(`/articles/${f.id}/findings/${f.fixable.fingerprint}/dismiss`, { reason }).expect(303);
    expect(f.ctx.repos.findings.find(f.id, f.fixable.fingerprint)).toMatchObject({ dismissed: true, dismissalReason: reason });
    expect(f.db.prepare('SELECT count(*) FROM dismissals').pluck().get()).toBe(2);
    const page = await f.web.get(`/articles/${f.id}`).expect(200);
    expect(page.text).toContain('Dismissed: &#39; OR 1=1 --; DROP TABLE dismissals; &lt;img src=x onerror=&#34;alert(1)&#34;&gt;');
    expect(page.text).not.toContain('<img src=x');
  });

  it('a file named ../../etc/passwd.txt is read from the upload alone, and a path as the title makes a plain download name', async () => {
    const f = await fixture();
    const before = dumpTables(f.db);
    const text = 'Talks in Kiev ended\n\nroot:x:0:0 is what the delegates did not discuss.\n';
    const res = await f.web.upload('/articles').field('title', '../../etc/passwd').attach('file', Buffer.from(text), '../../etc/passwd.txt').expect(303);
    const id = articleIdOf(res);
    expect(f.ctx.repos.articles.find(id)).toMatchObject({ title: '../../etc/passwd', aiText: text });
    expect(withoutArticle(dumpTables(f.db), id)).toEqual(withoutArticle(before, id));
    const download = await f.web.get(`/articles/${id}/download`).expect(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename=etcpasswd-corrected.txt');
    expect(download.text).toBe(text);
  });

  it('a text of 10,000 one-word paragraphs is a legitimate article: imported, its pages render', async () => {
    const f = await fixture();
    const words = ['Kiev', 'the', 'Odesa', 'grain', 'talks'];
    const text = Array.from({ length: 10_000 }, (_, i) => words[i % words.length]).join('\n\n');
    expect(Buffer.byteLength(text)).toBeLessThan(testConfig.maxUploadBytes);
    // What it costs is proved on growth, in tests/hostile/checks-growth.test.ts.
    const res = await f.web.upload('/articles').attach('file', Buffer.from(text), 'many.txt').expect(303);
    const id = articleIdOf(res);
    expect(f.ctx.repos.passages.count(id)).toBe(10_000);
    expect(f.ctx.repos.articles.find(id)!.aiText).toBe(text);
    const page = await f.web.get(`/articles/${id}`).expect(200);
    expect(page.text).toContain('id="p-9999"');
    const edit = await f.web.get(`/articles/${id}/passages/9999/edit`).expect(200);
    expect(edit.text).toContain('Passage 10000 of 10000');
  }, 20_000);
});

describe('markup in article text', () => {
  it('comes back HTML-escaped in the article page and its edit page, before and after a fix', async () => {
    const f = await fixture();
    const text = 'Talks in Kiev <script>alert("x")</script> ended.\n\n<img src=x onerror="alert(1)"> Photo: the port of Odesa.';
    const { body } = await f.web.api.post('/api/articles').send({ title: 'Markup <script>alert(2)</script>', text }).expect(201);
    const raw = ['<script>alert', '<img src=x', 'onerror="alert', "onerror='alert"];
    const expectEscaped = (html: string) => {
      for (const r of raw) expect(html).not.toContain(r);
      expect(html).toContain('&lt;script&gt;');
    };
    const pages = async () => [
      (await f.web.get(`/articles/${body.id}`).expect(200)).text,
      (await f.web.get(`/articles/${body.id}/passages/0/edit`).expect(200)).text,
      (await f.web.get(`/articles/${body.id}/passages/1/edit`).expect(200)).text,
      (await f.web.get(`/articles/${body.id}/passages/2/edit`).expect(200)).text,
      (await f.web.get('/articles').expect(200)).text,
    ];
    for (const html of await pages()) expectEscaped(html);
    // The title given is passage 0, the text's lines follow it.
    expect((await pages())[3]).toContain('&lt;img src=x onerror=&#34;alert(1)&#34;&gt;');
    const kiev = (body.findings as { text: string; fingerprint: string }[]).find((x) => x.text === 'Kiev')!;
    await f.web.post(`/articles/${body.id}/findings/${kiev.fingerprint}/apply`).expect(303);
    for (const html of await pages()) expectEscaped(html);
    const plain = await f.web.get(`/articles/${body.id}/corrected.txt`).expect(200);
    expect(plain.headers['content-type']).toMatch(/^text\/plain/);
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.text).toBe(`${text.replace('Kiev', 'Kyiv')}\n`);
  });
});
