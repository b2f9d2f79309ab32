import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { DEMO_ARTICLE_FILE } from '../../src/demo/seed.js';
import type { Role, User } from '../../src/db/repositories/users.js';
import { SESSION_COOKIE } from '../../src/middleware/session.js';
import { loadReference } from '../../src/reference/load.js';
import { createApiToken, startSession } from '../../src/services/accounts.js';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { plainParts } from '../../src/lib/http/gzip-assembly.js';
import type { StoredFragment } from '../../src/render/review-fragments.js';

export const reference = loadReference();

export const testConfig: Config = {
  port: 0,
  dbFile: ':memory:',
  termbaseFile: undefined,
  production: false,
  maxBodyBytes: 64 * 1024,
  maxFormBytes: 16 * 1024,
  maxUploadBytes: 64 * 1024,
  trustProxy: undefined,
  secureCookies: false,
  session: { idleMs: 60 * 60_000, absoluteMs: 24 * 3_600_000 },
  review: { budgetMs: 10_000, memoryMb: 512 },
  busyTimeoutMs: 200,
  webhook: null,
};

export const demoText = readFileSync(DEMO_ARTICLE_FILE, 'utf8');

/** A migrated in-memory database with the services over it. */
export function testContext(): { db: Db; ctx: ServiceContext } {
  const db = openDatabase(':memory:');
  migrate(db);
  return contextOver(db);
}

/** The services over an open, migrated database. */
export function contextOver(db: Db): { db: Db; ctx: ServiceContext } {
  let tick = 0;
  // A clock that moves forward on every call keeps "last change" ordering deterministic.
  const now = () => new Date(Date.UTC(2025, 0, 1) + 1000 * tick++).toISOString();
  return { db, ctx: { ...createServiceContext(db, reference), now } };
}

/** A user of the given role (created with an unusable password hash: tests sign in through a session). */
export function testUser(ctx: ServiceContext, role: Role, name: string = role): User {
  return ctx.repos.users.findByName(name) ?? ctx.repos.users.find(ctx.repos.users.insert({ name, role, passwordHash: 'not-a-hash', now: ctx.now() }))!;
}

/**
 * Requests made as a signed-in user: pages with the session cookie, forms with its CSRF token
 * added, the API with a bearer token of the same user.
 */
export function clientAs(app: Express, ctx: ServiceContext, role: Role, name: string = role) {
  const user = testUser(ctx, role, name);
  const csrf = randomBytes(16).toString('hex');
  // The app's clock is the real one: a session stamped with the test clock would look idle for a year.
  const cookie = `${SESSION_COOKIE}=${startSession({ ...ctx, now: () => new Date().toISOString() }, user.id, csrf, testConfig.session)}`;
  const bearer = `Bearer ${createApiToken(ctx, user.name, 'tests').token}`;
  return {
    app,
    user,
    csrf,
    cookie,
    bearer,
    get: (url: string) => request(app).get(url).set('Cookie', cookie),
    /** A url-encoded form post with the session's CSRF token. */
    post: (url: string, fields: Record<string, string> = {}) => request(app).post(url).set('Cookie', cookie).type('form').send({ _csrf: csrf, ...fields }),
    /** A multipart form post with the CSRF token as its first field. */
    upload: (url: string) => request(app).post(url).set('Cookie', cookie).field('_csrf', csrf),
    api: {
      get: (url: string) => request(app).get(url).set('Authorization', bearer),
      post: (url: string) => request(app).post(url).set('Authorization', bearer),
    },
  };
}

export type Client = ReturnType<typeof clientAs>;

/** The app over a fresh in-memory database, and an editor's client for it. */
export function testApp(): { app: Express; db: Db; ctx: ServiceContext; web: Client } {
  const { db, ctx } = testContext();
  const app = createApp({ db, config: testConfig, reference, log: () => {} });
  return { app, db, ctx, web: clientAs(app, ctx, 'editor') };
}

/** A stored review fragment as HTML. */
export function fragmentHtml(fragment: StoredFragment): string {
  return plainParts([fragment.chunk]).toString('utf8');
}

/** An element's text as a browser shows it: runs of white space (a template's line breaks) as one space. */
export function shownText(node: { text: string }): string {
  return node.text.replace(/\s+/g, ' ').trim();
}
