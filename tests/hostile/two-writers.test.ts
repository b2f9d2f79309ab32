/**
 * Two writers on one database: the command line importing beside the running server. WAL lets
 * readers go on; writers take turns. A web change that finds the database busy for longer than
 * the server waits is answered 503 with Retry-After and stores nothing; it never fails with 500
 * and never holds the event loop for the import's whole run.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { SESSION_COOKIE } from '../../src/middleware/session.js';
import { startSession } from '../../src/services/accounts.js';
import { createServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { clientAs, contextOver, reference, testConfig, testUser } from '../helpers/app.js';
import { startServer, type ServerProcess } from '../helpers/child-server.js';
import { CLI } from '../helpers/run-cli.js';

const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.kill()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-two-writers-'));
  dirs.push(dir);
  return dir;
}

const COUNT = 1000;
const ARTICLE = 'Talks resume in Kiev\n\nThe delegations met on Monday in Kiev.\n\nExports rose by 1.000 tonnes.';

describe('a write while another connection holds the write lock', () => {
  it('is answered 503 with Retry-After, stores nothing, and pages are still read', async () => {
    const dbFile = join(scratch(), 'workbench.sqlite');
    const db = openDatabase(dbFile, testConfig.busyTimeoutMs);
    migrate(db);
    const { ctx } = contextOver(db);
    const { id } = await importArticle(ctx, { text: ARTICLE });
    const app = createApp({ db, config: testConfig, reference, log: () => {} });
    const web = clientAs(app, ctx, 'editor');
    await web.get(`/articles/${id}`).expect(200);

    const other = new Database(dbFile);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    try {
      const refused = await web.post(`/articles/${id}/passages/1`, { text: 'Edited while locked.', version: '1', category: 'style' });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.text).toContain('busy');
      await request(app).post('/api/articles').set('Authorization', web.bearer).send({ text: 'Another article.' }).expect(503).expect('Retry-After', '1');
      await web.get(`/articles/${id}`).expect(200);
      await web.get('/articles').expect(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The delegations met on Monday in Kiev.', version: 1 });
    expect(ctx.repos.articles.list({}, 10, 0)).toHaveLength(1);
    await web.post(`/articles/${id}/passages/1`, { text: 'Edited after.', version: '1', category: 'style' }).expect(303);
  });
});

describe('the command line importing 1,000 articles beside the running server', () => {
  it('lets a reviewer go on editing and reading: every edit stored or refused with 503, never 500', async () => {
    const dir = scratch();
    const dbFile = join(dir, 'workbench.sqlite');
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (let i = 0; i < COUNT; i++) writeFileSync(join(inbox, `article-${String(i).padStart(4, '0')}.txt`), `Report ${i} from Kharkov\n\nOfficials in Kiev said ${i}.000 people left.`);

    // The article to edit and a signed-in editor, stored before the server starts.
    const db = openDatabase(dbFile);
    migrate(db);
    const ctx = createServiceContext(db, reference);
    const { id } = await importArticle(ctx, { text: ARTICLE });
    const editor = testUser(ctx, 'editor');
    const csrf = randomBytes(16).toString('hex');
    const cookie = `${SESSION_COOKIE}=${startSession(ctx, editor.id, csrf, loadConfig().session)}`;
    db.close();

    const server = await startServer({ WORKBENCH_DB: dbFile }, servers);
    const importer = spawn(process.execPath, [CLI, 'import', inbox], { env: { ...process.env, WORKBENCH_DB: dbFile }, stdio: ['ignore', 'pipe', 'ignore'] });
    let printed = '';
    importer.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    let importing = true;
    const imported = new Promise<number | null>((resolve) => importer.on('exit', (code) => resolve(code))).finally(() => (importing = false));

    const statuses: string[] = [];
    const reads: number[] = [];
    let version = 1;
    let acknowledged = 0;
    while (importing) {
      const body = new URLSearchParams({ _csrf: csrf, text: `Edit ${version} while the import runs.`, version: String(version), category: 'style' });
      const res = await fetch(`${server.url}/articles/${id}/passages/1`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
      // A refusal must say when to try again: it is recorded with its Retry-After.
      statuses.push(res.status === 503 ? `503 retry-after ${res.headers.get('retry-after')}` : String(res.status));
      if (res.status === 303) {
        version++;
        acknowledged++;
      }
      await res.arrayBuffer();
      for (const path of [`/articles/${id}`, '/articles', '/healthz']) {
        const read = await fetch(server.url + path, { headers: { cookie } });
        reads.push(read.status);
        await read.arrayBuffer();
      }
    }

    expect(await imported).toBe(0);
    expect(printed.trim().split('\n')).toHaveLength(COUNT);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== '303' && s !== '503 retry-after 1'), `edit statuses: ${statuses.join(', ')}`).toEqual([]);
    expect(acknowledged).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200), `read statuses: ${reads.join(' ')}`).toBe(true);
    const check = new Database(dbFile, { readonly: true });
    try {
      expect(check.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(COUNT + 1);
      expect(check.prepare('SELECT version, corrected_text FROM passages WHERE article_id = ? AND idx = 1').get(id)).toEqual({ version: 1 + acknowledged, corrected_text: `Edit ${acknowledged} while the import runs.` });
      expect(check.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      check.close();
    }
  }, 120_000);
});
