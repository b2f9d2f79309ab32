// Makes the README's screenshots of the review page: the demo article as an editor sees it with a
// translator's proposal waiting, at desktop (1366 px) and phone (390 px) width, into public/img/.
// Run with `npm run screenshots` (it builds first): it drives the built app (#dist/…) on a
// throwaway database and Debian's chromium, like the browser tests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createApp } from '#dist/app.js';
import { loadConfig } from '#dist/config.js';
import { openDatabase } from '#dist/db/connection.js';
import { migrate } from '#dist/db/migrate.js';
import { seedDemoArticle } from '#dist/demo/seed.js';
import { SESSION_COOKIE } from '#dist/middleware/session.js';
import { loadReference } from '#dist/reference/load.js';
import { createUser, startSession } from '#dist/services/accounts.js';
import { createServiceContext } from '#dist/services/context.js';
import { editPassage } from '#dist/services/review.js';

const SHOTS = [
  { file: 'public/img/review-page-desktop.png', viewport: { width: 1366, height: 1000 } },
  { file: 'public/img/review-page-phone.png', viewport: { width: 390, height: 1780 } },
];
// The demo's first "Kiev" (passage 6), corrected by a translator: the proposal an editor sees.
const PROPOSED = { idx: 5, from: 'announced in Kiev', to: 'announced in Kyiv' };

const dir = mkdtempSync(join(tmpdir(), 'workbench-screenshots-'));
const config = loadConfig({ WORKBENCH_DB: join(dir, 'workbench.sqlite') });
const db = openDatabase(config.dbFile, config.busyTimeoutMs);
migrate(db);
const reference = loadReference();
const ctx = createServiceContext(db, reference);
const articleId = await seedDemoArticle(ctx);
const password = randomBytes(16).toString('hex');
const editor = await createUser(ctx, { name: 'editor', role: 'editor', password });
const translator = await createUser(ctx, { name: 'translator', role: 'translator', password });
const passage = ctx.repos.passages.find(articleId, PROPOSED.idx);
if (!passage.aiText.includes(PROPOSED.from)) throw new Error(`passage ${PROPOSED.idx + 1} of the demo no longer says "${PROPOSED.from}"`);
await editPassage(ctx, translator, articleId, PROPOSED.idx, passage.aiText.replace(PROPOSED.from, PROPOSED.to), passage.version, 'name');
const session = startSession(ctx, editor.id, randomBytes(16).toString('hex'), config.session);

const server = createApp({ db, config, reference, log: () => {} }).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({ viewport: shot.viewport });
    await context.addCookies([{ name: SESSION_COOKIE, value: session, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/articles/${articleId}`);
    await page.screenshot({ path: shot.file });
    console.log(`wrote ${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
