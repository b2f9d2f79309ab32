/**
 * The web bench's re-check figure alone (recheck.ts), without the page, action and export figures
 * of web.ts: imports the generated archive with `workbench import DIR`, serves it with the real
 * server in a child process, warms the article pages up, then makes the termbase change and
 * measures its re-check with the pages under load. Exits 1 when a target is missed.
 *
 * Options: --seed --articles --mean-length --connections --warm-up (integers; seconds).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '#dist/config.js';
import { openDatabase } from '#dist/db/connection.js';
import { SESSION_COOKIE } from '#dist/middleware/session.js';
import { loadReference } from '#dist/reference/load.js';
import { startSession } from '#dist/services/accounts.js';
import { createServiceContext } from '#dist/services/context.js';
import { freePort } from '../tests/helpers/child-process.js';
import { mulberry32 } from '../tests/helpers/random.js';
import { ChildServer, inScratchDir, SERVER_SCRIPT } from './child-server.js';
import { DEFAULT_SEED } from './corpus-generator.js';
import { importCorpus } from './import-corpus.js';
import { formatFigure, readIntegerOptions, renderTable } from './measure.js';
import { measureTermRecheck, termRecheckLines } from './recheck.js';

const EDITOR_NAME = 'bench-editor';

/** An editor with a session, as after a login: the cookie the page load sends. */
function editorCookie(dbFile: string): string {
  const db = openDatabase(dbFile);
  try {
    const ctx = createServiceContext(db, loadReference());
    const editor = ctx.repos.users.insert({ name: EDITOR_NAME, role: 'editor', passwordHash: 'not-a-hash', now: ctx.now() });
    return `${SESSION_COOKIE}=${startSession(ctx, editor, randomBytes(16).toString('hex'), loadConfig().session)}`;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const options = readIntegerOptions({ seed: DEFAULT_SEED, articles: 10_000, meanLength: 7000, connections: 50, warmUp: 2 });
  const loadAverage = loadavg()[0]!;
  await inScratchDir('workbench-recheck-bench-', async (dir, servers) => {
    const dbFile = join(dir, 'workbench.sqlite');
    process.stderr.write(`recheck bench: importing ${options.articles} generated articles into ${dbFile}…\n`);
    const corpus = await importCorpus(dir, dbFile, options);
    const cookie = editorCookie(dbFile);
    const server = new ChildServer(SERVER_SCRIPT, await freePort(), { WORKBENCH_DB: dbFile }, cookie);
    servers.push(server);
    await server.ready('/healthz');
    const articlePaths = mulberry32(options.seed).shuffled(corpus.ids).map((id) => `/articles/${id}`);
    let next = 0;
    await autocannon({
      url: server.url,
      connections: options.connections,
      duration: options.warmUp,
      headers: { 'accept-encoding': 'gzip', cookie },
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: articlePaths[next++ % articlePaths.length]! }) }],
    });
    process.stderr.write('recheck bench: the termbase change, its re-check and the article pages meanwhile…\n');
    const run = await measureTermRecheck(server, dbFile, corpus.ids, articlePaths, options.connections, EDITOR_NAME);
    const table = renderTable(termRecheckLines(run));
    console.log(
      `Workbench re-check benchmark: server in a child process (node ${process.version}, NODE_ENV=production); ${cpus().length} cores, ` +
        `load average ${loadAverage.toFixed(2)} at the start; ${corpus.ids.length} generated articles imported in ${formatFigure(corpus.seconds)} s ` +
        `(${formatFigure(corpus.ids.length / corpus.seconds)} articles/s).`,
    );
    console.log('');
    console.log(table.text);
    console.log('');
    const pass = table.pass && run.pages.non2xx + run.pages.errors === 0;
    console.log(pass ? 'Result: PASS (every target met)' : 'Result: FAIL (at least one target missed)');
    if (!pass) process.exitCode = 1;
  });
}

await main();
