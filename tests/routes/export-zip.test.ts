/**
 * The ZIP export's three ways in: the list page's form and its route, the API, and
 * `workbench export --all`, giving the same bytes; bad input refused before anything is sent; a
 * client that goes away stops the rendering.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { findFormat } from '../../src/export/index.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { clientAs, reference, testConfig, type Client } from '../helpers/app.js';
import { reviewedArticle } from '../helpers/reviewed-article.js';
import { CLI } from '../helpers/run-cli.js';
import { manifestOf, readZip } from '../helpers/zip.js';

/** More than one progress line's worth (every 100 articles). */
const APPROVED = 120;

function workbench(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, WORKBENCH_DB: '/nonexistent/never-used.sqlite' }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A supertest response's body as the bytes sent. */
const asBytes = (req: request.Test) =>
  req.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

async function addArticles(ctx: ServiceContext, count: number, status: 'approved' | 'new', title: (n: number) => string): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 1; n <= count; n++) {
    const { id } = await importArticle(ctx, { text: `${title(n)}\n\nThe ferry ran ${n} times on Sunday, the operator said.\n`, targetLang: 'en' });
    if (status === 'approved') ctx.repos.articles.setStatus(id, 'approved', ctx.now());
    ids.push(id);
  }
  return ids;
}

describe('exporting many articles as one ZIP', () => {
  let ctx: ServiceContext;
  let web: Client;
  let dbFile: string;
  let approvedIds: number[];
  const dir = mkdtempSync(join(tmpdir(), 'wb-export-zip-'));

  beforeAll(async () => {
    const reviewed = await reviewedArticle();
    ctx = reviewed.ctx;
    approvedIds = [reviewed.id, ...(await addArticles(ctx, APPROVED - 1, 'approved', (n) => `Ferry timetable ${n}`))];
    await addArticles(ctx, 2, 'new', (n) => `Ferry timetable draft ${n}`);
    const app = createApp({ db: reviewed.db, config: testConfig, reference, log: () => {} });
    web = clientAs(app, ctx, 'translator');
    dbFile = join(dir, 'workbench.sqlite');
    writeFileSync(dbFile, reviewed.db.serialize());
  }, 120_000);

  it('gives the same ZIP from the page, the API and the command line', async () => {
    const page = await asBytes(web.get('/articles/export.zip?format=md')).expect(200);
    const api = await asBytes(web.api.get('/api/articles/export.zip?format=md')).expect(200);
    const out = join(dir, 'approved.zip');
    const cli = workbench(['export', '--all', '--format', 'md', '--out', out, '--db', dbFile]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toBe(`[100/${APPROVED}] articles exported\n[${APPROVED}/${APPROVED}] articles exported\n${APPROVED} articles as md (corrected text) and manifest.json → ${out}\n`);
    for (const res of [page, api]) {
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toBe('attachment; filename=articles-md.zip');
    }
    expect(Buffer.compare(page.body as Buffer, api.body as Buffer)).toBe(0);
    expect(Buffer.compare(page.body as Buffer, readFileSync(out))).toBe(0);
    const manifest = manifestOf(await readZip(page.body as Buffer));
    expect(manifest.articles.map((a) => a.id)).toEqual(approvedIds);
    // Each file as the article's own export gives it.
    const single = await asBytes(web.get(`/articles/${approvedIds[1]}/export?format=md`)).expect(200);
    expect(manifest.articles[1]!.sha256).toBe(createHash('sha256').update(single.body as Buffer).digest('hex'));
  });

  it('takes the list’s filters: a status, any status, a title', async () => {
    const ids = async (query: string) => manifestOf(await readZip((await asBytes(web.get(`/articles/export.zip?format=txt&${query}`)).expect(200)).body as Buffer)).articles.map((a) => a.title);
    expect(await ids('status=new')).toEqual(['Ferry timetable draft 1', 'Ferry timetable draft 2']);
    expect(await ids('status=any&q=timetable+draft+2')).toEqual(['Ferry timetable draft 2']);
    expect(await ids('q=timetable+117')).toEqual(['Ferry timetable 117']);
    expect(await ids('status=any')).toHaveLength(APPROVED + 2);
  });

  it('offers “Export these articles” on the list page with the list’s filters', async () => {
    const form = (html: string) => parse(html).querySelector('form.export-list')!;
    const filtered = form((await web.get('/articles?status=new&q=draft').expect(200)).text);
    expect(filtered.getAttribute('action')).toBe('/articles/export.zip');
    expect(filtered.getAttribute('method')).toBe('get');
    const hidden = Object.fromEntries(filtered.querySelectorAll('input[type="hidden"]').map((i) => [i.getAttribute('name'), i.getAttribute('value')]));
    expect(hidden).toEqual({ status: 'new', q: 'draft' });
    expect(filtered.querySelectorAll('select[name="format"] option').map((o) => o.getAttribute('value'))).toContain('docx');
    // The unfiltered list shows every status, so its form exports every status.
    expect(form((await web.get('/articles').expect(200)).text).querySelector('input[name="status"]')!.getAttribute('value')).toBe('any');
    expect(parse((await web.get('/articles?q=nothing-by-this-name').expect(200)).text).querySelector('form.export-list')).toBeNull();
  });

  it.each([
    ['no format', 'status=approved', 400, 'Choose an export format'],
    ['an unknown format', 'format=pdf', 400, 'There is no export format “pdf”'],
    ['a text the format lacks', 'format=docx&text=ai', 400, 'The docx export offers the texts corrected'],
    ['an unknown status', 'format=md&status=published', 400, 'There is no status “published”'],
    ['an unknown check', 'format=md&check=spelling', 400, 'There is no check “spelling”'],
    ['a date that is none', 'format=md&since=2026-02-30', 400, '“2026-02-30” is not a date'],
    // As every form field sent twice is refused.
    ['a status sent twice', 'format=md&status=new&status=approved', 422, 'The field “status” was sent more than once'],
  ])('refuses %s before sending anything', async (_what, query, status, message) => {
    const page = await web.get(`/articles/export.zip?${query}`).expect(status);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(message);
    const api = await web.api.get(`/api/articles/export.zip?${query}`).expect(status);
    expect(api.body.error.message).toContain(message);
  });

  it('asks who is there: sign in first', async () => {
    await request(web.app).get('/api/articles/export.zip?format=md').expect(401);
    await request(web.app).get('/articles/export.zip?format=md').expect(303).expect('Location', /^\/login/);
  });

  it.each([
    [['--all', '--format', 'md'], 'export --all writes a ZIP file: give it with --out FILE.zip'],
    [['--all', '1', '--format', 'md', '--out', 'x.zip'], 'export --all takes no article ID'],
    [['1', '--status', 'approved', '--format', 'md'], '--status selects articles for export --all'],
    [['--all', '--status', 'published', '--format', 'md', '--out', 'x.zip'], 'There is no status “published”'],
    [['--all', '--since', 'last week', '--format', 'md', '--out', 'x.zip'], '“last week” is not a date'],
    [['--all', '--format', 'pdf', '--out', 'x.zip'], 'There is no export format “pdf”'],
  ])('workbench export %j exits 2 with one line, writing nothing', (args, message) => {
    const run = workbench(['export', ...args, '--db', dbFile]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync('x.zip')).toBe(false);
  });

  it('workbench export --all --status, --title and --since select as the list does', () => {
    const out = join(dir, 'drafts.zip');
    const run = workbench(['export', '--all', '--status', 'new', '--title', 'draft 1', '--since', '2025-01-01', '--format', 'json', '--out', out, '--db', dbFile]);
    expect(run).toMatchObject({ status: 0, stderr: `[1/1] articles exported\n1 article as json (corrected text) and manifest.json → ${out}\n` });
    const none = workbench(['export', '--all', '--since', '2099-01-01', '--format', 'json', '--out', out, '--db', dbFile]);
    expect(none).toMatchObject({ status: 0, stderr: `0 articles as json (corrected text) and manifest.json → ${out}\n` });
  });
});

describe('a client that goes away mid-download', () => {
  let server: Server;
  let web: Client;
  const ARTICLES = 200;

  beforeAll(async () => {
    const reviewed = await reviewedArticle();
    await addArticles(reviewed.ctx, ARTICLES - 1, 'approved', (n) => `Ferry timetable ${n}`);
    const app = createApp({ db: reviewed.db, config: testConfig, reference, log: () => {} });
    web = clientAs(app, reviewed.ctx, 'editor');
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stops the rendering: no DOCX is made for nobody', async () => {
    const docx = findFormat('docx')!;
    const render = vi.spyOn(docx, 'render');
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/articles/export.zip?format=docx', headers: { cookie: web.cookie } }, (res) => {
        expect(res.statusCode).toBe(200);
        // The first bytes came: the download is under way; the client goes.
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', reject);
    });
    // Once the server has seen the close, the count stays where it was.
    let settled = -1;
    while (settled !== render.mock.calls.length) {
      settled = render.mock.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    render.mockRestore();
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThan(ARTICLES / 4);
  });
});
