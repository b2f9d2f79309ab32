import { readFileSync } from 'node:fs';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { DEMO_ARTICLE_FILE } from '../../src/demo/seed.js';
import { loadReference } from '../../src/reference/load.js';
import type { ServiceContext } from '../../src/services/context.js';

export const reference = loadReference();

export const testConfig: Config = {
  port: 0,
  dbFile: ':memory:',
  termbaseFile: undefined,
  production: false,
  maxBodyBytes: 64 * 1024,
  maxUploadBytes: 64 * 1024,
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
  return { db, ctx: { repos: createRepositories(db), reference, now } };
}

/** The app over a fresh in-memory database. */
export function testApp(): { app: Express; db: Db; ctx: ServiceContext } {
  const { db, ctx } = testContext();
  const app = createApp({ db, config: testConfig, reference, log: () => {} });
  return { app, db, ctx };
}
