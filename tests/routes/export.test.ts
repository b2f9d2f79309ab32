import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { exportFormats } from '../../src/export/index.js';
import { clientAs, reference, testConfig, type Client } from '../helpers/app.js';
import { reviewedArticle, type ReviewedArticle } from '../helpers/reviewed-article.js';
import { CLI } from '../helpers/run-cli.js';

/** The built command line over a database file; stdout as bytes, since an export may be binary. */
function workbench(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, WORKBENCH_DB: '/nonexistent/never-used.sqlite' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** A supertest response's body as the bytes sent, whatever its type. */
const asBytes = (req: request.Test) => req.buffer(true).parse((response, done) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
});

describe('exporting an article: the page, the API and the command line', () => {
  let reviewed: ReviewedArticle;
  let web: Client;
  let dbFile: string;
  const dir = mkdtempSync(join(tmpdir(), 'wb-export-'));

  beforeAll(async () => {
    reviewed = await reviewedArticle();
    const app = createApp({ db: reviewed.db, config: testConfig, reference, log: () => {} });
    web = clientAs(app, reviewed.ctx, 'translator');
    // The same database as a file, for the command line.
    dbFile = join(dir, 'workbench.sqlite');
    writeFileSync(dbFile, reviewed.db.serialize());
  }, 60_000);

  const choices = exportFormats.filter((f) => ['txt', 'md', 'html', 'json'].includes(f.id)).flatMap((f) => f.texts.map((text) => [f.id, text] as const));

  it.each(choices)('%s with the %s text: the same bytes, type and file name every way in', async (format, text) => {
    const page = await asBytes(web.get(`/articles/${reviewed.id}/export?format=${format}&text=${text}`)).expect(200);
    const api = await asBytes(web.api.get(`/api/articles/${reviewed.id}/export?format=${format}&text=${text}`)).expect(200);
    const cli = workbench(['export', String(reviewed.id), '--format', format, '--text', text, '--db', dbFile]);
    expect(cli).toMatchObject({ status: 0, stderr: '' });
    expect(Buffer.compare(page.body as Buffer, api.body as Buffer)).toBe(0);
    expect(Buffer.compare(page.body as Buffer, cli.stdout)).toBe(0);
    expect((page.body as Buffer).length).toBeGreaterThan(1000);
    const stem = 'grain-convoy-reaches-odesa-after-talks-on-black-sea-corridor';
    const fileName = `${stem}${text === 'corrected' ? '' : `-${text}`}.${format}`;
    for (const res of [page, api]) {
      expect(res.headers['content-disposition']).toBe(`attachment; filename=${fileName}`);
      expect(res.headers['content-type']).toBe(exportFormats.find((f) => f.id === format)!.mediaType);
    }
  });

  it('writes --out FILE whole and says so on standard error', async () => {
    const out = join(dir, 'article.md');
    const run = workbench(['export', String(reviewed.id), '--format', 'md', '--out', out, '--db', dbFile]);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^Article ${reviewed.id} as md \\(corrected text, \\d+ bytes\\) → ${out}\\n$`));
    const page = await web.get(`/articles/${reviewed.id}/export?format=md`).expect(200);
    expect(readFileSync(out, 'utf8')).toBe(page.text);
  });

  it('takes the format’s first text when none is chosen', async () => {
    const chosen = await web.get(`/articles/${reviewed.id}/export?format=txt&text=corrected`).expect(200);
    const plain = await web.get(`/articles/${reviewed.id}/export?format=txt`).expect(200);
    expect(plain.text).toBe(chosen.text);
    // As the download has always given it.
    expect(plain.text).toBe((await web.get(`/articles/${reviewed.id}/download`).expect(200)).text);
  });

  it.each([
    ['an unknown format', 'format=pdf', 400, 'There is no export format “pdf”; there are txt, md, html, json'],
    ['no format', 'text=corrected', 400, 'Choose an export format: txt, md, html, json'],
    ['a text the format does not offer', 'format=txt&text=both', 400, 'The txt export offers the texts corrected, ai'],
    ['an unknown text', 'format=md&text=source', 400, '“source” is not one of them'],
    ['the format twice', 'format=md&format=txt', 422, 'sent more than once'],
  ])('refuses %s (%s) with %i, on the page and in the API', async (_what, query, status, message) => {
    const page = await web.get(`/articles/${reviewed.id}/export?${query}`).expect(status);
    expect(page.text).toContain(message);
    const api = await web.api.get(`/api/articles/${reviewed.id}/export?${query}`).expect(status);
    expect((api.body as { error: { message: string } }).error.message).toContain(message);
  });

  it('leads a refused menu choice back to the article', async () => {
    const refused = parse((await web.get(`/articles/${reviewed.id}/export?format=txt&text=both`).expect(400)).text);
    expect(refused.querySelector('main a')?.getAttribute('href')).toBe(`/articles/${reviewed.id}`);
  });

  it('answers 404 for an article that does not exist, 401 to the API without a token', async () => {
    await web.get('/articles/999/export?format=md').expect(404);
    await web.get('/articles/abc/export?format=md').expect(404);
    const api = await web.api.get('/api/articles/999/export?format=md').expect(404);
    expect((api.body as { error: { message: string } }).error.message).toBe('There is no article 999.');
    await request(web.app).get(`/api/articles/${reviewed.id}/export?format=md`).expect(401);
  });

  it('offers every registered format and each text on the article page, as a GET form', async () => {
    const page = parse((await web.get(`/articles/${reviewed.id}`).expect(200)).text);
    const form = page.querySelector('form.export')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe(`/articles/${reviewed.id}/export`);
    expect(form.querySelectorAll('select[name=format] option').map((o) => o.getAttribute('value'))).toEqual(exportFormats.map((f) => f.id));
    expect(form.querySelectorAll('select[name=text] option').map((o) => o.getAttribute('value'))).toEqual(['corrected', 'ai', 'both']);
    expect(form.querySelector('button')?.text).toBe('Download');
  });
});

describe('workbench export', () => {
  let dbFile: string;
  let draftId: number;

  beforeAll(async () => {
    const draft = await reviewedArticle(undefined, { approve: false });
    draftId = draft.id;
    dbFile = join(mkdtempSync(join(tmpdir(), 'wb-export-cli-')), 'workbench.sqlite');
    writeFileSync(dbFile, draft.db.serialize());
  }, 60_000);

  it('prints its usage with --help', () => {
    const run = workbench(['export', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout.toString('utf8')).toContain('Usage: workbench export ID|--all [--status S] [--check C] [--title T] [--since DATE] --format F [--text T] [--out FILE] [--db FILE]');
    expect(run.stdout.toString('utf8')).toContain('--all               every approved article');
    expect(run.stdout.toString('utf8')).toContain('--format F          txt, md, html, json');
  });

  it('reads WORKBENCH_DB when no --db is given, and marks a draft', () => {
    const run = spawnSync(process.execPath, [CLI, 'export', String(draftId), '--format', 'txt'], { env: { ...process.env, WORKBENCH_DB: dbFile }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Draft — not approved \(status: awaiting approval\)\n\n/);
  });

  it.each([
    [['export', '1', '--format', 'md', '--colour'], 'unknown option --colour'],
    [['export', '--format', 'md'], 'export takes exactly one article ID'],
    [['export', 'one', '--format', 'md'], 'export takes exactly one article ID'],
    [['export', '1', '--format', 'pdf'], 'There is no export format “pdf”; there are txt, md, html, json'],
    [['export', '1', '--format', 'txt', '--text', 'both'], 'The txt export offers the texts corrected, ai'],
  ])('refuses %j with exit 2', (args, message) => {
    const run = workbench([...args, '--db', dbFile]);
    expect(run.status).toBe(2);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toContain(message);
  });

  it('refuses an unknown article or database with exit 2, as the other commands refuse what is not there, and creates no database', () => {
    expect(workbench(['export', '999', '--format', 'md', '--db', dbFile])).toMatchObject({ status: 2, stderr: 'workbench: There is no article 999.\n' });
    const missing = join(tmpdir(), 'wb-no-such-dir', 'none.sqlite');
    expect(workbench(['export', '1', '--format', 'md', '--db', missing])).toMatchObject({ status: 2, stderr: `workbench: ${missing}: no such database (give it with --db FILE or WORKBENCH_DB)\n` });
    expect(spawnSync('test', ['-e', missing]).status).toBe(1);
  });

  it('says why it cannot write --out', () => {
    const run = workbench(['export', String(draftId), '--format', 'md', '--db', dbFile, '--out', join(tmpdir(), 'wb-no-such-dir', 'x', 'a.md')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/a\.md: cannot write \(ENOENT\)\n$/);
  });
});
