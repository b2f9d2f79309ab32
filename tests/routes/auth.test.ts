import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { hashPassword } from '../../src/services/accounts.js';
import { importArticle } from '../../src/services/import.js';
import { dismissFinding, editPassage } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import { updateTerm } from '../../src/services/termbase.js';
import { clientAs, contextOver, demoText, reference, testConfig, testContext, testUser } from '../helpers/app.js';

/** The session cookie a response set, as a Cookie header value. */
function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('wb_session='));
  if (!cookie) throw new Error('no session cookie was set');
  return cookie.split(';')[0]!;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

function emptyApp() {
  const { db, ctx } = testContext();
  return { db, ctx, app: createApp({ db, config: testConfig, reference, log: () => {} }) };
}

async function withUser(name: string, role: 'translator' | 'editor' | 'admin', password: string) {
  const setup = emptyApp();
  setup.ctx.repos.users.insert({ name, role, passwordHash: await hashPassword(password), now: setup.ctx.now() });
  return setup;
}

/** Opens the login page and signs in, as a browser does. */
async function logIn(app: Parameters<typeof request>[0], name: string, password: string) {
  const page = await request(app).get('/login').expect(200);
  const anonymous = sessionCookie(page);
  const res = await request(app).post('/login').set('Cookie', anonymous).type('form').send({ _csrf: csrfOf(page.text), name, password, next: '/articles' });
  return { res, anonymous };
}

describe('first run', () => {
  it('leads every page to the admin set-up, which needs its CSRF token and works once', async () => {
    const { app, ctx } = emptyApp();
    await request(app).get('/articles').expect(303).expect('Location', '/setup');
    await request(app).get('/api/articles').expect(401);
    const page = await request(app).get('/setup').expect(200);
    expect(page.text).toContain('Create the admin account');
    const cookie = sessionCookie(page);
    await request(app).post('/setup').set('Cookie', cookie).type('form').send({ name: 'olena', password: 'long enough pass', confirm: 'long enough pass' }).expect(403);
    expect(ctx.repos.users.isEmpty()).toBe(true);
    const short = await request(app).post('/setup').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(page.text), name: 'olena', password: 'short', confirm: 'short' }).expect(422);
    expect(short.text).toContain('at least 12 characters');
    const done = await request(app).post('/setup').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(page.text), name: 'olena', password: 'long enough pass', confirm: 'long enough pass' }).expect(303);
    expect(ctx.repos.users.all()).toMatchObject([{ name: 'olena', role: 'admin' }]);
    const signedIn = sessionCookie(done);
    expect(signedIn).not.toBe(cookie);
    expect((await request(app).get('/articles').set('Cookie', signedIn).expect(200)).text).toContain('olena');
    await request(app).get('/setup').set('Cookie', signedIn).expect(303).expect('Location', '/login');
  });
});

describe('signing in and out', () => {
  it('signs in with a new session id, rejects a wrong password, and signs out', async () => {
    const { app } = await withUser('taras', 'translator', 'correct horse battery');
    const wrong = await logIn(app, 'taras', 'wrong password!!');
    expect(wrong.res.status).toBe(401);
    expect(wrong.res.text).toContain('do not match');
    const { res, anonymous } = await logIn(app, 'TARAS', 'correct horse battery');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/articles');
    const cookie = sessionCookie(res);
    expect(cookie).not.toBe(anonymous);
    expect(res.headers['set-cookie']!.toString()).toMatch(/HttpOnly/i);
    expect(res.headers['set-cookie']!.toString()).toMatch(/SameSite=Lax/i);
    // The pre-login session is gone: fixing a session id before login gains nothing.
    await request(app).get('/articles').set('Cookie', anonymous).expect(303);
    const list = await request(app).get('/articles').set('Cookie', cookie).expect(200);
    await request(app).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(list.text) }).expect(303);
    await request(app).get('/articles').set('Cookie', cookie).expect(303);
  });

  it('sends a visitor to the login page and back to where they were going, never off-site', async () => {
    const { app } = await withUser('taras', 'translator', 'correct horse battery');
    await request(app).get('/articles?page=2').expect(303).expect('Location', '/login?next=%2Farticles%3Fpage%3D2');
    const page = await request(app).get('/login?next=//evil.example/').expect(200);
    expect(page.text).toContain('name="next" value="/articles"');
  });

  it('limits failed sign-ins', async () => {
    const { app } = await withUser('taras', 'translator', 'correct horse battery');
    const page = await request(app).get('/login').expect(200);
    const cookie = sessionCookie(page);
    const attempt = () => request(app).post('/login').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(page.text), name: 'taras', password: 'guess guess guess' });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });

  it('limits failed sign-ins from one address whatever the names tried', async () => {
    const { app } = await withUser('taras', 'translator', 'correct horse battery');
    const page = await request(app).get('/login').expect(200);
    const cookie = sessionCookie(page);
    const attempt = (name: string, password = 'guess guess guess') => request(app).post('/login').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(page.text), name, password });
    for (let i = 0; i < 30; i++) expect((await attempt(`name-${i}`)).status).toBe(401);
    expect((await attempt('another-name')).status).toBe(429);
    // Even the right password of a name not tried yet waits out the quarter hour.
    expect((await attempt('taras', 'correct horse battery')).status).toBe(429);
  });

  it('refuses to trust every proxy, which would let a client name its own address', () => {
    for (const value of ['true', 'TRUE', 'false']) {
      expect(() => loadConfig({ WORKBENCH_TRUST_PROXY: value })).toThrow(/WORKBENCH_TRUST_PROXY: true and false are not accepted: give the number of proxies in front of the workbench \(1\) or the proxy’s address/);
    }
    expect(loadConfig({ WORKBENCH_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ WORKBENCH_TRUST_PROXY: '10.0.0.2' }).trustProxy).toBe('10.0.0.2');
    expect(loadConfig({}).trustProxy).toBeUndefined();
  });

  it('keeps a session alive under an idle timeout shorter than five minutes while it is used', async () => {
    const { db, ctx } = testContext();
    const config = { ...testConfig, session: { ...testConfig.session, idleMs: 2 * 60_000 } };
    const app = createApp({ db, config, reference, log: () => {} });
    const editor = clientAs(app, ctx, 'editor');
    const idHash = createHash('sha256').update(editor.cookie.split('=')[1]!).digest('hex');
    // Last seen 90 s ago: within the two-minute idle timeout, past half of it.
    ctx.repos.sessions.touch(idHash, new Date(Date.now() - 90_000).toISOString());
    const before = new Date().toISOString();
    await editor.get('/articles').expect(200);
    const after = new Date().toISOString();
    // Moved to the time of the request: no later than it ended, no earlier than it began.
    const { lastSeenAt } = ctx.repos.sessions.find(idHash)!;
    expect(lastSeenAt >= before && lastSeenAt <= after).toBe(true);
  });

  it('serves the page when the last-seen refresh finds the database locked by another writer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-busy-')), 'workbench.sqlite');
    const server = openDatabase(file);
    migrate(server);
    server.pragma('busy_timeout = 0');
    const { ctx } = contextOver(server);
    const app = createApp({ db: server, config: testConfig, reference, log: () => {} });
    const editor = clientAs(app, ctx, 'editor');
    const idHash = createHash('sha256').update(editor.cookie.split('=')[1]!).digest('hex');
    const lastSeen = new Date(Date.now() - 10 * 60_000).toISOString();
    ctx.repos.sessions.touch(idHash, lastSeen);
    const other = openDatabase(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      await editor.get('/articles').expect(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(ctx.repos.sessions.find(idHash)!.lastSeenAt).toBe(lastSeen);
    // Once the lock is gone, the next request moves it.
    await editor.get('/articles').expect(200);
    expect(ctx.repos.sessions.find(idHash)!.lastSeenAt).not.toBe(lastSeen);
    server.close();
  });

  it('ends a session after the idle timeout and when the account is disabled', async () => {
    const { app, ctx } = emptyApp();
    const admin = clientAs(app, ctx, 'admin');
    const editor = clientAs(app, ctx, 'editor');
    await editor.get('/articles').expect(200);
    ctx.repos.users.setDisabled(editor.user.id, true);
    await editor.get('/articles').expect(303);
    await admin.get('/articles').expect(200);
    // The admin's session, last seen longer ago than the idle timeout allows.
    const idHash = createHash('sha256').update(admin.cookie.split('=')[1]!).digest('hex');
    ctx.repos.sessions.touch(idHash, new Date(Date.now() - testConfig.session.idleMs - 60_000).toISOString());
    await admin.get('/articles').expect(303);
    expect(ctx.repos.sessions.find(idHash)).toBeUndefined();
  });
});

describe('what browsers and proxies may keep', () => {
  it('signed-in pages, API answers and API errors carry Cache-Control: no-store', async () => {
    const { app, ctx } = emptyApp();
    const editor = clientAs(app, ctx, 'editor');
    const { id } = await importArticle(ctx, { text: demoText });
    const answers = {
      list: await editor.get('/articles').expect(200),
      article: await editor.get(`/articles/${id}`).expect(200),
      download: await editor.get(`/articles/${id}/download`).expect(200),
      export: await editor.get(`/articles/${id}/export?format=html`).expect(200),
      api: await editor.api.get(`/api/articles/${id}`).expect(200),
      'API error': await editor.api.get('/api/articles/999').expect(404),
      'login form': await request(app).get('/login').expect(200),
    };
    for (const [what, res] of Object.entries(answers)) expect(res.headers['cache-control'], what).toBe('no-store');
  });
});

describe('the API', () => {
  it('answers errors in JSON under any case of /api', async () => {
    const { app, ctx } = emptyApp();
    const editor = clientAs(app, ctx, 'editor');
    const answers: [string, request.Response, number][] = [
      ['/Api/articles', await request(app).get('/Api/articles'), 401],
      ['/API/x', await request(app).get('/API/x'), 401],
      ['/API/x with a token', await editor.api.get('/API/x'), 404],
      ['/aPi/articles/999', await editor.api.get('/aPi/articles/999'), 404],
    ];
    for (const [what, res, status] of answers) {
      expect(res.status, what).toBe(status);
      expect(res.type, what).toBe('application/json');
      expect(res.body.error.status, what).toBe(status);
    }
  });


  it('needs a live bearer token and acts with its user’s role', async () => {
    const { app, ctx } = emptyApp();
    const translator = clientAs(app, ctx, 'translator');
    const editor = clientAs(app, ctx, 'editor');
    const none = await request(app).get('/api/articles').expect(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    await request(app).get('/api/articles').set('Authorization', 'Bearer wbt_forged').expect(401);
    // A session cookie is not accepted by the API.
    await request(app).get('/api/articles').set('Cookie', editor.cookie).expect(401);
    await translator.api.get('/api/articles').expect(200);
    await translator.api.post('/api/articles').send({ text: 'In Kiev.' }).expect(403);
    expect(ctx.repos.articles.isEmpty()).toBe(true);
    await editor.api.post('/api/articles').send({ text: 'In Kiev.' }).expect(201);
    for (const token of ctx.repos.apiTokens.all()) ctx.repos.apiTokens.revoke(token.id, ctx.now());
    await editor.api.get('/api/articles').expect(401);
  });
});

/** A translator's proposal on passage 1 (version 3 → 4), waiting for an editor. */
const proposed = (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => editPassage(ctx, testUser(ctx, 'translator', 'proposer'), ids.article, 1, 'A proposal.', 3, 'style');

/** The finding of ids.fingerprint dismissed by the editor: the article's first dismissal action, so its id is 1. */
const dismissed = (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => dismissFinding(ctx, { id: ids.user, role: 'editor' }, ids.article, ids.fingerprint, 'As in the source');

/** The article submitted for approval by its editor. */
const submitted = (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => takeStep(ctx, { id: ids.user, role: 'editor' }, ids.article, 'submit', undefined, true);

/** A proposal on passage 1 (at version 4), then the article submitted. */
const proposedAndSubmitted = async (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => {
  await proposed(ctx, ids);
  submitted(ctx, ids);
};

/** A delivery of the article in the outbox, delivered already, so its id is 1. */
const delivered = (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => {
  ctx.repos.webhookDeliveries.insert({ deliveryId: 'delivery-1', event: 'article.approved', articleId: ids.article, body: Buffer.from('{}'), now: ctx.now() });
  ctx.repos.webhookDeliveries.claimDue(ctx.now(), '2100-01-01T00:00:00.000Z', 1);
  ctx.repos.webhookDeliveries.markDelivered(1, '2100-01-01T00:00:00.000Z', ctx.now());
};

interface Ids {
  article: number;
  fingerprint: string;
  user: number;
  /** A change in the history that can be restored. */
  event: number;
  /** An inconsistency group and one of its spellings. */
  group: { key: string; spelling: string };
  /** A term of the starter termbase, and its first revision. */
  term: number;
  termRevision: number;
}

/** The term's note changed by an editor, so its first revision can be restored. */
const termChanged = (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => updateTerm(ctx, { id: ids.user, role: 'editor' }, ids.term, { ...ctx.repos.terms.find(ids.term)!, note: 'Changed.' });

describe('who may do what', () => {
  type Role = 'translator' | 'editor' | 'admin';
  interface Case {
    name: string;
    /** Roles allowed; the others must get 403 and change nothing. */
    allowed: Role[];
    run: (client: ReturnType<typeof clientAs>, ids: Ids) => request.Test;
    /** Puts the article in the state the action starts from, before the snapshot. */
    prepare?: (ctx: ReturnType<typeof testContext>['ctx'], ids: Ids) => unknown;
  }
  const ALL: Role[] = ['translator', 'editor', 'admin'];
  const cases: Case[] = [
    { name: 'GET the list', allowed: ALL, run: (c) => c.get('/articles') },
    { name: 'GET an article', allowed: ALL, run: (c, ids) => c.get(`/articles/${ids.article}`) },
    { name: 'GET the corrected text', allowed: ALL, run: (c, ids) => c.get(`/articles/${ids.article}/corrected.txt`) },
    { name: 'GET a passage editor', allowed: ALL, run: (c, ids) => c.get(`/articles/${ids.article}/passages/1/edit`) },
    { name: 'GET the import form', allowed: ['editor', 'admin'], run: (c) => c.get('/articles/new') },
    { name: 'POST an import', allowed: ['editor', 'admin'], run: (c) => c.upload('/articles').field('text', 'Talks in Kiev.') },
    { name: 'POST an API import', allowed: ['editor', 'admin'], run: (c) => c.api.post('/api/articles').send({ text: 'Talks in Kiev.' }) },
    { name: 'apply a finding', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/findings/${ids.fingerprint}/apply`) },
    { name: 'dismiss a finding', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/findings/${ids.fingerprint}/dismiss`, { reason: 'x' }) },
    { name: 'dismiss a check', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/checks/boilerplate/dismiss`) },
    { name: 'undo a finding’s dismissal', allowed: ALL, prepare: dismissed, run: (c, ids) => c.post(`/articles/${ids.article}/findings/${ids.fingerprint}/undo-dismissal`) },
    { name: 'undo a dismissal from the history', allowed: ALL, prepare: dismissed, run: (c, ids) => c.post(`/articles/${ids.article}/dismissals/1/undo`) },
    { name: 'edit a passage', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/passages/1`, { text: 'Edited.', version: '3', category: 'style' }) },
    { name: 'revert a passage', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/passages/1/revert`, { version: '3' }) },
    { name: 'comment on a passage', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/passages/1/comments`, { body: 'A question.' }) },
    { name: 'GET the history', allowed: ALL, run: (c, ids) => c.get(`/articles/${ids.article}/history`) },
    { name: 'restore a version', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/history/${ids.event}/restore`, { version: '3' }) },
    { name: 'GET the queue', allowed: ALL, run: (c) => c.get('/queue') },
    { name: 'GET the names', allowed: ALL, run: (c) => c.get('/names?contested=1') },
    { name: 'GET a name', allowed: ALL, run: (c) => c.get('/names/odesa') },
    { name: 'make a house form', allowed: ['editor', 'admin'], run: (c) => c.post('/names/marchenko/house-form', { spelling: 'Marchenko', kind: 'person' }) },
    { name: 'GET the download', allowed: ALL, run: (c, ids) => c.get(`/articles/${ids.article}/download`) },
    { name: 'GET an export', allowed: ALL, run: (c, ids) => c.get(`/articles/${ids.article}/export?format=json`) },
    { name: 'GET an export through the API', allowed: ALL, run: (c, ids) => c.api.get(`/api/articles/${ids.article}/export?format=md`) },
    { name: 'GET a ZIP of articles', allowed: ALL, run: (c) => c.get('/articles/export.zip?format=txt&status=any') },
    { name: 'GET a ZIP of articles through the API', allowed: ALL, run: (c) => c.api.get('/api/articles/export.zip?format=txt&status=any') },
    { name: 'GET an article through the API', allowed: ALL, run: (c, ids) => c.api.get(`/api/articles/${ids.article}`) },
    { name: 'GET findings through the API', allowed: ALL, run: (c, ids) => c.api.get(`/api/articles/${ids.article}/findings`) },
    { name: 'confirm a correction after a re-import', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/passages/1/confirm`, { version: '3' }) },
    { name: 'apply one spelling everywhere', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/groups/apply`, { group: ids.group.key, spelling: ids.group.spelling }) },
    { name: 'disable a user', allowed: ['admin'], run: (c, ids) => c.post(`/admin/users/${ids.user}`, { disabled: '1' }) },
    { name: 'set a user’s password', allowed: ['admin'], run: (c, ids) => c.post(`/admin/users/${ids.user}`, { password: 'a brand new password' }) },
    { name: 'revoke an API token', allowed: ['admin'], run: (c) => c.post('/admin/tokens/1/revoke') },
    { name: 'submit for approval', allowed: ALL, run: (c, ids) => c.post(`/articles/${ids.article}/submit`, { confirm: 'open-findings' }) },
    { name: 'approve the article', allowed: ['editor', 'admin'], prepare: submitted, run: (c, ids) => c.post(`/articles/${ids.article}/approve`) },
    { name: 'approve the proposals and the article', allowed: ['editor', 'admin'], prepare: proposedAndSubmitted, run: (c, ids) => c.post(`/articles/${ids.article}/approve-with-proposals`, { pick: `${ids.article}:1:4` }) },
    { name: 'send the article back', allowed: ['editor', 'admin'], prepare: submitted, run: (c, ids) => c.post(`/articles/${ids.article}/send-back`, { comment: 'Check the numbers.' }) },
    { name: 'approve a proposed correction', allowed: ['editor', 'admin'], prepare: proposed, run: (c, ids) => c.post(`/articles/${ids.article}/passages/1/approve`, { version: '4' }) },
    { name: 'reject a proposed correction', allowed: ['editor', 'admin'], prepare: proposed, run: (c, ids) => c.post(`/articles/${ids.article}/passages/1/reject`, { version: '4', comment: 'No.' }) },
    { name: 'assign the article', allowed: ['editor', 'admin'], run: (c, ids) => c.post(`/articles/${ids.article}/assign`, { assignee: 'editor' }) },
    { name: 'GET users', allowed: ['admin'], run: (c) => c.get('/admin/users') },
    { name: 'add a user', allowed: ['admin'], run: (c) => c.post('/admin/users', { name: 'new-person', role: 'editor', password: 'a long password' }) },
    { name: 'change a role', allowed: ['admin'], run: (c, ids) => c.post(`/admin/users/${ids.user}`, { role: 'admin' }) },
    { name: 'GET tokens', allowed: ['admin'], run: (c) => c.get('/admin/tokens') },
    { name: 'create a token', allowed: ['admin'], run: (c) => c.post('/admin/tokens', { user: 'editor', label: 'cms' }) },
    { name: 'GET webhook deliveries', allowed: ['admin'], run: (c) => c.get('/admin/webhooks') },
    { name: 'send a webhook delivery again', allowed: ['admin'], prepare: delivered, run: (c) => c.post('/admin/webhooks/1/resend') },
    { name: 'GET the terms', allowed: ALL, run: (c) => c.get('/terms') },
    { name: 'GET a term', allowed: ALL, run: (c, ids) => c.get(`/terms/${ids.term}`) },
    { name: 'GET the terms through the API', allowed: ALL, run: (c) => c.api.get('/api/terms?kind=place') },
    { name: 'GET the re-check progress', allowed: ALL, run: (c) => c.get('/recheck') },
    { name: 'GET the re-check progress through the API', allowed: ALL, run: (c) => c.api.get('/api/terms/recheck') },
    { name: 'GET the new-term form', allowed: ['editor', 'admin'], run: (c) => c.get('/terms/new') },
    { name: 'GET a term’s edit form', allowed: ['editor', 'admin'], run: (c, ids) => c.get(`/terms/${ids.term}/edit`) },
    { name: 'add a term', allowed: ['editor', 'admin'], run: (c) => c.post('/terms', { preferred: 'Chortkiv', variants: 'Czortkow' }) },
    { name: 'change a term', allowed: ['editor', 'admin'], run: (c, ids) => c.post(`/terms/${ids.term}`, { preferred: 'Kyiv', variants: 'Kiev', note: 'Changed.' }) },
    { name: 'mark a term disputed', allowed: ['editor', 'admin'], run: (c, ids) => c.post(`/terms/${ids.term}/disputed`, { disputed: '1' }) },
    { name: 'delete a term', allowed: ['editor', 'admin'], run: (c, ids) => c.post(`/terms/${ids.term}/delete`, { confirm: '1' }) },
    { name: 'restore a term’s version', allowed: ['editor', 'admin'], prepare: termChanged, run: (c, ids) => c.post(`/terms/${ids.term}/revisions/${ids.termRevision}/restore`) },
  ];

  /**
   * An app with an imported article whose passage 1 an editor changed twice (so version 2 can
   * be restored from version 3), and what the cases act on.
   */
  async function world() {
    const { db, ctx, app } = emptyApp();
    const editor = clientAs(app, ctx, 'editor');
    const { id } = await importArticle(ctx, { text: demoText });
    await editPassage(ctx, editor.user, id, 1, 'Edited once.', 1, 'style');
    await editPassage(ctx, editor.user, id, 1, 'Edited twice.', 2, 'style');
    const grouped = ctx.repos.findings.ofArticle(id).find((f) => f.group && f.alternatives.length > 1)!;
    const term = ctx.repos.terms.all()[0]!.id;
    const ids = {
      group: { key: grouped.group!, spelling: grouped.alternatives[0]! },
      article: id,
      fingerprint: ctx.repos.findings.ofArticle(id).find((f) => f.fix)!.fingerprint,
      user: editor.user.id,
      event: ctx.repos.passageEvents.ofArticle(id).at(-1)!.id,
      term,
      termRevision: ctx.repos.terms.revisions(term)[0]!.id,
    };
    return { db, ctx, app, ids };
  }

  /** Everything a refused request must leave as it was. */
  function snapshot(ctx: ReturnType<typeof testContext>['ctx'], db: ReturnType<typeof testContext>['db']) {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    return {
      tables: ['articles', 'passages', 'findings', 'dismissals', 'dismissal_actions', 'users', 'api_tokens', 'passage_events', 'passage_comments', 'article_events'].map(count),
      articles: db.prepare('SELECT status, assignee_id FROM articles ORDER BY id').all(),
      corrected: ctx.repos.passages.ofArticle(1).map((p) => `${p.correctedText}|${p.approvedText}|${p.version}`),
      roles: ctx.repos.users.all().map((u) => `${u.name}:${u.role}`),
      deliveries: db.prepare('SELECT status, attempts, next_attempt_at FROM webhook_deliveries ORDER BY id').all(),
      terms: db.prepare('SELECT * FROM terms ORDER BY id').all(),
      termRevisions: count('term_revisions'),
    };
  }

  for (const c of cases) {
    for (const role of ALL) {
      const allowed = c.allowed.includes(role);
      it(`${c.name} as ${role}: ${allowed ? 'allowed' : '403, nothing changes'}`, async () => {
        const { db, ctx, app, ids } = await world();
        const client = clientAs(app, ctx, role, `${role}-client`);
        await c.prepare?.(ctx, ids);
        const before = snapshot(ctx, db);
        const res = await c.run(client, ids);
        if (allowed) expect(res.status, res.text.slice(0, 300)).toBeLessThan(400);
        else {
          expect(res.status).toBe(403);
          expect(snapshot(ctx, db)).toEqual(before);
        }
      });
    }
    it(`${c.name} signed out: refused, nothing changes`, async () => {
      const { db, ctx, app, ids } = await world();
      const someone = clientAs(app, ctx, 'editor');
      await c.prepare?.(ctx, ids);
      const before = snapshot(ctx, db);
      const anonymous = { ...someone, get: (url: string) => request(app).get(url), post: (url: string, fields = {}) => request(app).post(url).type('form').send(fields), upload: (url: string) => request(app).post(url).field('x', 'y'), api: { get: (url: string) => request(app).get(url), post: (url: string) => request(app).post(url) } };
      const res = await c.run(anonymous, ids);
      expect([303, 401, 403]).toContain(res.status);
      expect(snapshot(ctx, db)).toEqual(before);
    });
    if (!c.name.startsWith('GET') && !c.name.includes('API')) {
      it(`${c.name} without its CSRF token: 403, nothing changes`, async () => {
        const { db, ctx, app, ids } = await world();
        const admin = clientAs(app, ctx, 'admin');
        await c.prepare?.(ctx, ids);
        const before = snapshot(ctx, db);
        const tokenless = { ...admin, post: (url: string, fields = {}) => request(app).post(url).set('Cookie', admin.cookie).type('form').send(fields), upload: (url: string) => request(app).post(url).set('Cookie', admin.cookie).field('title', 'x') };
        const res = await c.run(tokenless, ids);
        expect(res.status).toBe(403);
        expect(snapshot(ctx, db)).toEqual(before);
      });
    }
  }
});
