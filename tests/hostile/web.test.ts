import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { importArticle } from '../../src/services/import.js';
import { takeStep } from '../../src/services/review-flow.js';
import { clientAs, demoText, reference, testConfig, testContext } from '../helpers/app.js';
import { dumpTables } from '../helpers/sqlite-dump.js';

/**
 * Requests a hostile page could make a signed-in reviewer's browser send: the cookie goes
 * along, the page's own choice of body type, Origin and Sec-Fetch-Site with it.
 */

/** An app with the demo article submitted for approval, and an admin signed in to it. */
async function world(config: Config = testConfig) {
  const { db, ctx } = testContext();
  const app = createApp({ db, config, reference, log: () => {} });
  const admin = clientAs(app, ctx, 'admin');
  const { id } = await importArticle(ctx, { text: demoText });
  takeStep(ctx, admin.user, id, 'submit', undefined, true);
  const fixable = ctx.repos.findings.ofArticle(id).find((f) => f.fix)!;
  return { db, ctx, app, admin, id, fingerprint: fixable.fingerprint };
}

type World = Awaited<ReturnType<typeof world>>;

const changes: { name: string; url: (w: World) => string }[] = [
  { name: 'approve the article', url: (w) => `/articles/${w.id}/approve` },
  { name: 'dismiss a finding', url: (w) => `/articles/${w.id}/findings/${w.fingerprint}/dismiss` },
  { name: 'apply a fix', url: (w) => `/articles/${w.id}/findings/${w.fingerprint}/apply` },
  { name: 'revert a passage', url: (w) => `/articles/${w.id}/passages/1/revert` },
  { name: 'revoke an API token', url: () => '/admin/tokens/1/revoke' },
  { name: 'sign out', url: () => '/logout' },
];

describe('a multipart post skips no CSRF check', () => {
  for (const change of changes) {
    it(`${change.name}: refused (415) without its token, and nothing changes`, async () => {
      const w = await world();
      const before = dumpTables(w.db);
      const res = await request(w.app).post(change.url(w)).set('Cookie', w.admin.cookie).field('version', '1').field('reason', 'multipart');
      expect(res.status).toBe(415);
      expect(res.text).toContain('Only the import forms send multipart/form-data');
      expect(dumpTables(w.db)).toEqual(before);
    });
  }

  it('the import form, the one multipart form, still needs its token', async () => {
    const w = await world();
    const before = dumpTables(w.db);
    await request(w.app).post('/articles').set('Cookie', w.admin.cookie).field('text', 'Talks in Kiev ended.').expect(403);
    expect(dumpTables(w.db)).toEqual(before);
    await w.admin.upload('/articles').field('text', 'Talks in Kiev ended.').expect(303);
  });
});

describe('a change sent from another site is refused even with a valid token', () => {
  /** A dismissal with the session's own token and the given headers. */
  const dismiss = (w: World, headers: Record<string, string>) => w.admin.post(`/articles/${w.id}/findings/${w.fingerprint}/dismiss`, { reason: 'from elsewhere' }).set(headers);

  const refused: [string, Record<string, string>][] = [
    ['another origin', { Origin: 'https://evil.example' }],
    ['the same host on another port', { Host: 'workbench.test', Origin: 'http://workbench.test:8080' }],
    ['the same host over another scheme', { Host: 'workbench.test', Origin: 'https://workbench.test' }],
    ['a sandboxed frame (Origin: null)', { Origin: 'null' }],
    ['a cross-site fetch with no Origin', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a sibling subdomain, whose SameSite=Lax cookie goes along', { Host: 'workbench.test', Origin: 'http://blog.workbench.test', 'Sec-Fetch-Site': 'same-site' }],
    ['a forwarded host when no proxy is trusted', { Host: 'internal:3000', 'X-Forwarded-Host': 'workbench.test', 'X-Forwarded-Proto': 'https', Origin: 'https://workbench.test' }],
  ];
  it.each(refused)('%s: 403, nothing changes', async (_name, headers) => {
    const w = await world();
    const before = dumpTables(w.db);
    const res = await dismiss(w, headers);
    expect(res.status).toBe(403);
    expect(res.text).toContain('from another site');
    expect(dumpTables(w.db)).toEqual(before);
  });

  const accepted: [string, Record<string, string>][] = [
    ['no Origin and no Sec-Fetch-Site (an older client)', {}],
    ['its own origin', { Host: 'workbench.test', Origin: 'http://workbench.test', 'Sec-Fetch-Site': 'same-origin' }],
    ['its own origin with the default port spelt out', { Host: 'workbench.test:80', Origin: 'http://WORKBENCH.test' }],
  ];
  it.each(accepted)('%s: accepted', async (_name, headers) => {
    const w = await world();
    await dismiss(w, headers).expect(303);
    expect(w.ctx.repos.findings.find(w.id, w.fingerprint)?.dismissed).toBe(true);
  });

  it('pages ask browsers to keep the referrer on this site, so their own forms carry a real Origin, not "null"', async () => {
    const w = await world();
    const page = await w.admin.get(`/articles/${w.id}`).expect(200);
    expect(page.headers['referrer-policy']).toBe('same-origin');
  });

  it('behind a trusted proxy, the site is the forwarded host and scheme', async () => {
    const w = await world({ ...testConfig, trustProxy: 1, secureCookies: true });
    const forwarded = { Host: 'internal:3000', 'X-Forwarded-Host': 'workbench.test', 'X-Forwarded-Proto': 'https' };
    await dismiss(w, { ...forwarded, Origin: 'http://workbench.test' }).expect(403);
    await dismiss(w, { ...forwarded, Origin: 'http://internal:3000' }).expect(403);
    await dismiss(w, { ...forwarded, Origin: 'https://workbench.test', 'Sec-Fetch-Site': 'same-origin' }).expect(303);
  });

  it('sign-in from another site is refused; a link from another site still opens a page', async () => {
    const w = await world();
    const login = await request(w.app).get('/login').expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(login.text)![1]!;
    await request(w.app).post('/login').set('Cookie', cookie).set('Origin', 'https://evil.example').type('form').send({ _csrf: token, name: 'nobody', password: 'attacker password' }).expect(403);
    await w.admin.get(`/articles/${w.id}`).set('Sec-Fetch-Site', 'cross-site').set('Origin', 'https://evil.example').expect(200);
  });
});

describe('first run', () => {
  it('three concurrent set-up posts create one admin, not three', async () => {
    const { db, ctx } = testContext();
    const app = createApp({ db, config: testConfig, reference, log: () => {} });
    const forms = await Promise.all(
      ['olena', 'taras', 'mykola'].map(async (name) => {
        const page = await request(app).get('/setup').expect(200);
        return { name, cookie: String(page.headers['set-cookie']).split(';')[0]!, token: /name="_csrf" value="([^"]+)"/.exec(page.text)![1]! };
      }),
    );
    const results = await Promise.all(
      forms.map((f) => request(app).post('/setup').set('Cookie', f.cookie).type('form').send({ _csrf: f.token, name: f.name, password: 'long enough pass', confirm: 'long enough pass' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.text.includes('already has an admin'))).toBe(true);
    expect(ctx.repos.users.all()).toHaveLength(1);
  });
});
