import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { clientAs, contextOver, demoText, reference, testApp, testConfig } from '../helpers/app.js';

describe('article pages', () => {
  it('GET / redirects to the list, which shows titles, languages, status and counts', async () => {
    const { web, ctx } = testApp();
    await importArticle(ctx, { text: demoText, source: 'Текст українською про зерновий коридор і порт Одеси.' });
    await web.get('/').expect(302).expect('Location', '/articles');
    const res = await web.get('/articles').expect(200);
    expect(res.text).toContain('Grain convoy reaches Odesa');
    expect(res.text).toContain('uk → en');
    expect(res.text).toContain('<td class="counts"><span class="count count-error">10 errors</span> <span class="count count-warning">2 warnings</span>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('filters and paginates the list', async () => {
    const { web, ctx } = testApp();
    for (let i = 0; i < 51; i++) await importArticle(ctx, { text: `Report ${i}.`, title: `Report ${i}` });
    await importArticle(ctx, { text: 'Talks in Kiev.', title: '<Kiev> talks' });
    const page1 = await web.get('/articles').expect(200);
    expect(page1.text).toContain('page 1 of 2');
    expect(page1.text).toContain('&lt;Kiev&gt; talks');
    expect(page1.text).toContain('href="/articles?page=2"');
    const page2 = await web.get('/articles?page=2').expect(200);
    expect(page2.text).toContain('Report 0');
    const filtered = await web.get('/articles?check=terms&q=talks&status=new').expect(200);
    expect(filtered.text).toContain('1 article');
    const none = await web.get('/articles?status=in_review').expect(200);
    expect(none.text).toContain('No articles match');
  });

  it('shows a change on the next list request, by this server or by another process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-list-'));
    const db = openDatabase(join(dir, 'workbench.sqlite'));
    migrate(db);
    const { ctx } = contextOver(db);
    const web = clientAs(createApp({ db, config: testConfig, reference, log: () => {} }), ctx, 'editor');
    await importArticle(ctx, { text: 'First report.', title: 'First report' });
    expect((await web.get('/articles').expect(200)).text).toContain('1 article');
    await importArticle(ctx, { text: 'Second report.', title: 'Second report' });
    expect((await web.get('/articles').expect(200)).text).toContain('Second report');
    // Another connection, as the command line importing beside the server.
    const other = contextOver(openDatabase(join(dir, 'workbench.sqlite'))).ctx;
    await importArticle(other, { text: 'Third report.', title: 'Third report' });
    const page = (await web.get('/articles').expect(200)).text;
    expect(page).toContain('Third report');
    expect(page).toContain('3 articles');
  });

  it('GET /articles/new shows the import form', async () => {
    const { web } = testApp();
    const res = await web.get('/articles/new').expect(200);
    expect(res.text).toContain('enctype="multipart/form-data"');
    expect(res.text).toContain('name="sourceLang"');
  });

  it('POST /articles imports pasted text and redirects to the article', async () => {
    const { web } = testApp();
    const res = await web.upload('/articles').field('title', 'Pasted').field('text', demoText).field('targetLang', 'en').expect(303);
    expect(res.headers.location).toMatch(/^\/articles\/\d+$/);
    const page = await web.get(res.headers.location!).expect(200);
    expect(page.text).toContain('<h1>Pasted</h1>');
  });

  it('POST /articles imports uploaded files, HTML stripped to paragraphs', async () => {
    const { web, ctx } = testApp();
    const html = '<html><head><style>p{}</style></head><body><h1>Strikes on Kiev</h1><div><p>Power &amp; water were cut.</p><script>alert(1)</script></div></body></html>';
    const res = await web
      .upload('/articles')
      .attach('file', Buffer.from(html), 'article.html')
      .attach('sourceFile', Buffer.from('Удари по Києву\n\nСвітло і воду відключили в кількох районах міста.'), 'source.txt')
      .expect(303);
    const id = Number(res.headers.location!.split('/').pop());
    const article = ctx.repos.articles.find(id)!;
    expect(article.aiText).toBe('Strikes on Kiev\n\nPower & water were cut.');
    expect(article.sourceLang).toBe('uk');
  });

  it('POST /articles imports an uploaded .md without its markup, its leading heading the title when none is given', async () => {
    const { web, ctx } = testApp();
    const markdown = '# Talks in **Kiev**\n\nThe *envoy* met [officials](https://example.org) on Monday.\n4821 views 3 comment(s)\n';
    const imported = async (title: string) => {
      const res = await web.upload('/articles').field('title', title).attach('file', Buffer.from(markdown), 'talks.md').expect(303);
      return ctx.repos.articles.find(Number(res.headers.location!.split('/').pop()))!;
    };
    const untitled = await imported('');
    expect(untitled.title).toBe('Talks in Kiev');
    expect(untitled.aiText).toBe('Talks in Kiev\n\nThe envoy met officials on Monday.\n4821 views 3 comment(s)');
    expect((await imported('Envoy meets officials')).title).toBe('Envoy meets officials');
  });

  it('re-renders the form with the error and the values kept', async () => {
    const { web } = testApp();
    const empty = await web.upload('/articles').field('title', 'Kept <title>').field('text', ' ').expect(422);
    expect(empty.text).toContain('role="alert"');
    expect(empty.text).toContain('value="Kept &lt;title&gt;"');
    const wrongType = await web.upload('/articles').attach('file', Buffer.from('x'), 'a.pdf').expect(422);
    expect(wrongType.text).toContain('cannot import .pdf');
  });

  it('refuses an upload over the limit with 413', async () => {
    const { web } = testApp();
    await web.upload('/articles').attach('file', Buffer.alloc(70 * 1024, 'a'), 'big.txt').expect(413);
  });

  it('GET /articles/:id shows passages side by side, diffs, highlights and the findings panel', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: demoText, source: 'Заголовок\n\nУкраїна та партнери домовилися продовжити коридор.' });
    const res = await web.get(`/articles/${id}`).expect(200);
    expect(res.text).toContain('<th scope="col" class="source">Source</th>');
    expect(res.text).toContain('id="show-source" checked');
    expect(res.text).toMatch(/<mark id="flag-[0-9a-f]+" class="flag flag-error"/);
    expect(res.text).toContain('<span class="visually-hidden">Write &quot;Kyiv&quot;, not &quot;Kiev&quot; (house style). </span>Kiev');
    expect(res.text).toMatch(/id="check-name-variants"/);
    expect(res.text).toContain('One spelling everywhere');
    expect(res.text).toContain(`href="/articles/${id}/passages/1/edit"`);
    // Every form on the page posts the session's CSRF token to a clean action: inside it, or (in
    // the stored fragments) from a hidden input tied to it by id.
    const forms = [...res.text.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)];
    expect(forms.length).toBeGreaterThan(10);
    const tokenTiedTo = new Set([...res.text.matchAll(/<input type="hidden" name="_csrf" form="([^"]+)" value="([^"]*)">/g)].filter((m) => m[2] === web.csrf).map((m) => m[1]));
    for (const [form, body] of forms) {
      expect(form).toMatch(/ action="\/(articles\/\d+\/[\w/-]+|logout)"/);
      const id = / id="([^"]+)"/.exec(form)?.[1];
      expect((body ?? '').includes(`<input type="hidden" name="_csrf" value="${web.csrf}">`) || (id !== undefined && tokenTiedTo.has(id)), form).toBe(true);
    }
    expect(tokenTiedTo.size).toBeGreaterThan(5);
  });

  it('sends the article page gzip-compressed to clients that take it, and the same page plain to others', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: demoText });
    const zipped = await web.get(`/articles/${id}`).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    const plain = await web.get(`/articles/${id}`).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.text).toBe(plain.text);
    expect(plain.text).toContain('<table class="passages" lang="en">');
    expect(plain.text).toContain('id="findings-heading"');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text) * 0.7);
  });

  it('GET /articles/:id/passages/:idx/edit shows the passage with its edit form', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Title\n\nTalks <b>in</b> Kiev.' });
    const res = await web.get(`/articles/${id}/passages/1/edit`).expect(200);
    expect(res.text).toContain('<h1>Passage 2 of 2</h1>');
    expect(res.text).toContain(`action="/articles/${id}/passages/1"`);
    expect(res.text).toContain('>Talks &lt;b&gt;in&lt;/b&gt; Kiev.</textarea>');
    // The passage's open finding (terms: Kiev) suggests what an edit will most likely fix.
    expect(res.text).toContain('<option value="terminology" selected>Terminology</option>');
    await web.get(`/articles/${id}/passages/2/edit`).expect(404);
    await web.get(`/articles/${id + 1}/passages/0/edit`).expect(404);
  });

  it('answers an unknown article with an HTML 404 page', async () => {
    const { web } = testApp();
    const res = await web.get('/articles/42').expect(404);
    expect(res.text).toContain('There is no article 42.');
    await web.get('/articles/x').expect(404);
    await web.get('/no/such/page').expect(404).expect('Content-Type', /html/);
  });

  it('serves the corrected text inline and as a download', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Talks in Kiev\n\nThey ended.', title: 'Talks: in Kiev!' });
    const view = await web.get(`/articles/${id}/corrected.txt`).expect(200).expect('Content-Type', /text\/plain/);
    expect(view.text).toBe('Talks in Kiev\n\nThey ended.\n');
    const download = await web.get(`/articles/${id}/download`).expect(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename=talks-in-kiev-corrected.txt');
    await web.get('/articles/77/download').expect(404);
  });

  it('serves the stylesheet and script', async () => {
    const { web } = testApp();
    await web.get('/static/css/workbench.css').expect(200).expect('Content-Type', /css/);
    await web.get('/static/js/workbench.js').expect(200).expect('Content-Type', /javascript/);
  });
});

describe('the site header and the list, per viewer', () => {
  it('offers "Import" only to roles that may import, though the list below is cached for everyone', async () => {
    const { web, ctx } = testApp();
    await importArticle(ctx, { text: 'Talks in Kiev ended.' });
    const translator = clientAs(web.app, ctx, 'translator');
    // The editor's request fills the list cache first; the translator's is served from it.
    expect((await web.get('/articles').expect(200)).text).toContain('<a class="button button-primary" href="/articles/new">Import an article</a>');
    const asTranslator = (await translator.get('/articles').expect(200)).text;
    expect(asTranslator).toContain('Talks in Kiev ended.');
    expect(asTranslator).not.toContain('href="/articles/new"');
  });

  it('marks the current page in the navigation, links the favicon, and calls a source language not known "unknown"', async () => {
    const { web, ctx } = testApp();
    await importArticle(ctx, { text: 'Talks in Kiev ended.' });
    const list = (await web.get('/articles').expect(200)).text;
    expect(list).toContain('<a href="/articles" aria-current="page">Articles</a>');
    expect(list).toContain('<a href="/queue">My queue</a>');
    expect(list).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    expect(list).toContain('<td>unknown → en</td>');
    // A page rendered through res.render marks its link too.
    expect((await web.get('/queue').expect(200)).text).toContain('<a href="/queue" aria-current="page">My queue</a>');
    const icon = await web.get('/static/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });
});
