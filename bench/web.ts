/**
 * `npm run bench`, second part: the review web app (issue 10's Speed). Imports a directory of
 * generated articles with the real command line (`workbench import DIR`) into a temporary SQLite
 * file, serves it with the real server in a child process, and loads the list and article pages
 * with autocannon over loopback, beside a bare Express route in another child process, run again
 * just before each page it is compared with; then times in-place actions one at a time (actions.ts)
 * and the background re-check after a termbase change, the article pages under load meanwhile (recheck.ts);
 * last, approves every imported article and downloads them as one ZIP of DOCX files (export-zip.ts),
 * then rebuilds the names index and checks articles against the names the archive established (names.ts).
 * The servers run in their own processes so the load generator does not share their event
 * loop and the workbench server's resident memory can be read after the load. The bare server
 * also sends the bytes of each page as the workbench sent them, which tells what a page's
 * transfer alone costs.
 * Exits 1 when a target is missed, after printing every figure; the servers are stopped and
 * the database removed in every case.
 *
 * Options: --seed --articles --mean-length --connections --duration --warm-up --actions (all integers; seconds).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openDatabase } from '#dist/db/connection.js';
import { loadReference } from '#dist/reference/load.js';
import { loadConfig } from '#dist/config.js';
import { SESSION_COOKIE } from '#dist/middleware/session.js';
import { startSession } from '#dist/services/accounts.js';
import { PAGE_SIZE } from '#dist/services/articles.js';
import { createServiceContext } from '#dist/services/context.js';
import { freePort } from '../tests/helpers/child-process.js';
import { ACTION_PASSAGES, measureActions, prepareActionArticles, type ActionArticles, type ActionTimes } from './actions.js';
import { ChildServer, inScratchDir, SERVER_SCRIPT } from './child-server.js';
import { approveArticles, measureZipExport, type ZipExportRun } from './export-zip.js';
import { measureNames, namesLines, type NamesRun } from './names.js';
import { DEFAULT_SEED } from './corpus-generator.js';
import { importCorpus, type ImportedCorpus } from './import-corpus.js';
import { formatFigure, MB, median, percentile, readIntegerOptions, renderTable, type Line } from './measure.js';
import { measureTermRecheck, termRecheckLines, type RecheckRun } from './recheck.js';
import { mulberry32 } from '../tests/helpers/random.js';

const TARGETS = {
  /** Each page's requests/s as a share of the bare route's. */
  shareOfBare: 0.25,
  pageP99Ms: 100,
  actionMedianMs: 30,
  importPerSecond: 300,
  serverRssMB: 250,
  zipArticlesPerSecond: 100,
  zipServerRssMB: 250,
} as const;

/** The ZIP export the bench downloads: every approved article, as DOCX. */
const ZIP_EXPORT_PATH = '/articles/export.zip?format=docx';
const EDITOR_NAME = 'bench-editor';

const BARE_SERVER_SCRIPT = fileURLToPath(new URL('./bare-server.js', import.meta.url));

interface Options {
  seed: number;
  articles: number;
  meanLength: number;
  connections: number;
  duration: number;
  warmUp: number;
  actions: number;
}

function readOptions(): Options {
  return readIntegerOptions({ seed: DEFAULT_SEED, articles: 10_000, meanLength: 7000, connections: 50, duration: 10, warmUp: 2, actions: 200 });
}

interface Accounts {
  /** The session cookie of the editor the load signs in as. */
  cookie: string;
  actionArticles: ActionArticles;
}

/** Adds an editor with a session, as after a login, and a translator, and prepares the articles the in-place actions are made on. */
async function prepareAccounts(dbFile: string, options: Options): Promise<Accounts> {
  const db = openDatabase(dbFile);
  try {
    const ctx = createServiceContext(db, loadReference());
    const user = (role: 'editor' | 'translator') => ctx.repos.users.insert({ name: role === 'editor' ? EDITOR_NAME : `bench-${role}`, role, passwordHash: 'not-a-hash', now: ctx.now() });
    const cookie = `${SESSION_COOKIE}=${startSession(ctx, user('editor'), randomBytes(16).toString('hex'), loadConfig().session)}`;
    return { cookie, actionArticles: await prepareActionArticles(ctx, user('translator'), options.actions) };
  } finally {
    db.close();
  }
}

interface Load {
  label: string;
  server: ChildServer;
  /** The path of the next request, shared by all connections. */
  nextPath: () => string;
  /** Judged against the bare route. */
  judged: boolean;
}

interface LoadResult {
  load: Load;
  result: autocannon.Result;
  /** Cores' worth of CPU the server used during the measured run. */
  serverCpu: number;
  /** The bare route's run just before this one, which its share is of. */
  baseline?: autocannon.Result;
}

/** What a browser sends: its session cookie, and pages that can be compressed come back gzip-compressed. */
const browserHeaders = (cookie: string) => ({ 'accept-encoding': 'gzip, deflate, br, zstd', cookie });

function run(load: Load, options: Options, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: load.server.url,
    connections: options.connections,
    duration: seconds,
    headers: browserHeaders(load.server.cookie),
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: load.nextPath() }) }],
  });
}

async function measure(load: Load, options: Options): Promise<LoadResult> {
  await run(load, options, options.warmUp);
  const cpuBefore = load.server.cpuSeconds();
  const result = await run(load, options, options.duration);
  return { load, result, serverCpu: (load.server.cpuSeconds() - cpuBefore) / result.duration };
}

const failedRequests = (r: autocannon.Result): number => r.non2xx + r.errors;

/** The same path for every request. */
const always = (path: string) => () => path;

/** Cycles through the paths in a fixed shuffled order. */
function cycle(paths: readonly string[]): () => string {
  let next = 0;
  return () => paths[next++ % paths.length]!;
}

interface Servers {
  workbench: ChildServer;
  bare: ChildServer;
  /** Size of each page copied to the bare server, by copy name. */
  copyBytes: Map<PageCopy, number>;
}

type PageCopy = 'list' | 'article';

/** Article pages sampled to pick one of typical size to copy. */
const ARTICLE_COPY_SAMPLE = 21;

/**
 * Starts the workbench server on the imported database, copies the first list page and an
 * article page of median size from it, exactly as it sent them to a browser (gzip), then starts
 * the bare server with those copies. Each server is added to `started` as soon as it runs, so
 * the caller can stop it whatever happens next.
 */
async function startServers(dir: string, dbFile: string, cookie: string, articlePaths: readonly string[], started: ChildServer[]): Promise<Servers> {
  const workbench = new ChildServer(SERVER_SCRIPT, await freePort(), { WORKBENCH_DB: dbFile }, cookie);
  started.push(workbench);
  await workbench.ready('/healthz');
  const copyOf = async (path: string): Promise<Buffer> => {
    const { bytes, encoding } = await workbench.body(path, browserHeaders(cookie));
    if (encoding !== 'gzip') throw new Error(`GET ${path} came back without gzip (${encoding ?? 'no encoding'}).`);
    return bytes;
  };
  const articlePages: Buffer[] = [];
  for (const path of articlePaths.slice(0, ARTICLE_COPY_SAMPLE)) articlePages.push(await copyOf(path));
  articlePages.sort((a, b) => a.length - b.length);
  const pages: [PageCopy, Buffer][] = [
    ['list', await copyOf('/articles')],
    ['article', articlePages[articlePages.length >> 1]!],
  ];
  const copiesDir = join(dir, 'page-copies');
  mkdirSync(copiesDir);
  const copyBytes = new Map<PageCopy, number>();
  for (const [name, page] of pages) {
    writeFileSync(join(copiesDir, `${name}.html.gz`), page);
    copyBytes.set(name, page.length);
  }
  // The same request headers for the baseline, so both pay for parsing them.
  const bare = new ChildServer(BARE_SERVER_SCRIPT, await freePort(), { PAGE_COPIES: copiesDir }, cookie);
  started.push(bare);
  await bare.ready('/');
  return { workbench, bare, copyBytes };
}

const count = (n: number): string => n.toLocaleString('en-US');
const kB = (bytes: number): string => `${formatFigure(bytes / 1000)} KB`;

/**
 * The bare route, then the pages and the copies of their bytes. Each page or copy is compared
 * with a run of the bare route made just before it: this machine's speed drifts by a quarter
 * within minutes, and one baseline at the start made the last ratios depend on that drift.
 */
function loadsOf({ workbench, bare, copyBytes }: Servers, articlePaths: readonly string[], middlePage: number): { baseline: Load; compared: Load[] } {
  const copy = (name: PageCopy): Load => ({
    label: `  the same ${name} page's bytes (${kB(copyBytes.get(name)!)} gzip) from the bare route`,
    server: bare,
    nextPath: always(`/copy/${name}.html.gz`),
    judged: false,
  });
  return {
    baseline: { label: 'bare Express route GET /', server: bare, nextPath: always('/'), judged: false },
    compared: [
      { label: 'list page GET /articles', server: workbench, nextPath: always('/articles'), judged: true },
      { label: `list page GET /articles?page=${middlePage}`, server: workbench, nextPath: always(`/articles?page=${middlePage}`), judged: true },
      copy('list'),
      { label: 'article page GET /articles/:id', server: workbench, nextPath: cycle(articlePaths), judged: true },
      copy('article'),
    ],
  };
}

function loadLines(results: readonly LoadResult[]): Line[] {
  return results.flatMap(({ load, result, serverCpu, baseline }): Line[] => {
    const rate = result.requests.average;
    const share = baseline ? rate / baseline.requests.average : undefined;
    const note = [
      baseline ? `bare route just before: ${count(Math.round(baseline.requests.average))} req/s` : 'baseline',
      share === undefined || load.judged ? '' : `no target, ${share.toFixed(2)} × the bare route`,
      load.judged ? `median ${formatFigure(result.latency.p50)} ms` : `p99 ${formatFigure(result.latency.p99)} ms`,
      `${count(result.requests.total)} requests of ${kB(result.throughput.total / result.requests.total)}`,
      `${count(failedRequests(result))} non-2xx or failed`,
      `server CPU ${Math.round(serverCpu * 100)} % of a core, ${Math.round((serverCpu * result.duration * 1e6) / result.requests.total)} µs a request`,
    ];
    const line: Line = { label: load.label, figure: rate, unit: 'req/s', note: note.filter(Boolean).join(', ') };
    if (!load.judged || share === undefined) return [line];
    return [
      line,
      { label: '  share of the bare route', figure: share, unit: '×', target: { kind: 'at-least', value: TARGETS.shareOfBare } },
      { label: '  p99 latency', figure: result.latency.p99, unit: 'ms', target: { kind: 'below', value: TARGETS.pageP99Ms } },
    ];
  });
}

function actionLines(label: string, times: readonly number[]): Line[] {
  return [
    { label, figure: median(times), unit: 'ms', target: { kind: 'below', value: TARGETS.actionMedianMs }, note: `median of ${count(times.length)}` },
    { label: '  p99', figure: percentile(times, 99), unit: 'ms' },
  ];
}

function zipExportLines(run: ZipExportRun): Line[] {
  return [
    `ZIP export (GET ${ZIP_EXPORT_PATH} as a signed-in browser, every approved article, streamed to a file by this process; wall clock from the request to the last byte)`,
    {
      label: 'export to one ZIP of DOCX',
      figure: run.articles / run.seconds,
      unit: 'articles/s',
      target: { kind: 'at-least', value: TARGETS.zipArticlesPerSecond },
      note: `${formatFigure(run.seconds)} s for ${count(run.articles)} articles, ${formatFigure(run.zipBytes / MB)} MB ZIP, server CPU ${Math.round(run.serverCpu * 100)} % of a core`,
    },
    {
      label: '  server RSS during the export',
      figure: run.peakRss / MB,
      unit: 'MB',
      target: { kind: 'below', value: TARGETS.zipServerRssMB },
      note: `most of the samples every 100 ms; VmHWM since the server started ${formatFigure(run.serverHwm / MB)} MB`,
    },
  ];
}

/** Prints every figure; returns whether every target was met. */
function report(
  options: Options,
  corpus: ImportedCorpus,
  results: readonly LoadResult[],
  actions: ActionTimes,
  recheck: RecheckRun,
  memory: { rss: number; peakRss: number },
  zipExport: ZipExportRun,
  names: NamesRun,
  loadAverage: number,
): boolean {
  const articles = corpus.ids.length;
  const table = renderTable([
    '`workbench import DIR` (dist/cli.js in its own process, one generated article a file; wall clock from its start to its exit, which includes the sync to disk)',
    {
      label: 'import with checks',
      figure: articles / corpus.seconds,
      unit: 'articles/s',
      target: { kind: 'at-least', value: TARGETS.importPerSecond },
      note: `${formatFigure(corpus.seconds)} s for ${count(articles)} files`,
    },
    `Requests per second (autocannon, ${options.connections} connections, mean over ${options.duration} s after a ${options.warmUp} s warm-up; ` +
      `the article page cycles through all ${count(articles)} articles; each page is compared with a run of the bare route just before it)`,
    ...loadLines(results),
    `In-place actions (the form POSTed as the browser sends it, signed in as an editor, with the page's CSRF token; one at a time, ` +
      `each on a passage no earlier one touched, of ${ACTION_PASSAGES}-passage articles; from sending the POST to its 303 answer)`,
    ...actionLines('apply a fix', actions.apply),
    ...actionLines('approve a proposal', actions.approve),
    ...termRecheckLines(recheck),
    'Workbench server memory (/proc VmRSS right after the load)',
    {
      label: 'RSS after the load',
      figure: memory.rss / MB,
      unit: 'MB',
      target: { kind: 'below', value: TARGETS.serverRssMB },
      note: `peak ${formatFigure(memory.peakRss / MB)} MB (VmHWM)`,
    },
    ...zipExportLines(zipExport),
    ...namesLines(names),
  ]);

  console.log(
    `Workbench web benchmark: servers in child processes (node ${process.version}, NODE_ENV=production), load from this process over loopback; ` +
      `${cpus().length} cores, load average ${loadAverage.toFixed(2)} at the start.`,
  );
  console.log(
    `Database: ${count(articles)} generated articles, ${formatFigure(corpus.bytes / MB)} MB ` +
      `(mean length ${kB(corpus.bytes / articles)}, --mean-length ${options.meanLength}), seed ${options.seed}; SQLite file, WAL.`,
  );
  console.log('');
  console.log(table.text);
  console.log('');
  const failing = [...results, { load: { label: 'article page during the re-check' }, result: recheck.pages }].filter(({ result }) => failedRequests(result) > 0);
  for (const { load, result } of failing) {
    console.log(`FAIL: ${load.label.trim()} answered ${count(result.non2xx)} non-2xx responses and had ${count(result.errors)} errors; every request must succeed.`);
  }
  const pass = table.pass && failing.length === 0;
  console.log(pass ? 'Result: PASS (every target met)' : 'Result: FAIL (at least one target missed)');
  return pass;
}

async function main(): Promise<void> {
  const options = readOptions();
  const loadAverage = loadavg()[0]!;
  await inScratchDir('workbench-web-bench-', async (dir, servers) => {
    const dbFile = join(dir, 'workbench.sqlite');
    process.stderr.write(`web bench: importing ${count(options.articles)} generated articles into ${dbFile}…\n`);
    const corpus = await importCorpus(dir, dbFile, options);
    const { cookie, actionArticles } = await prepareAccounts(dbFile, options);

    const articlePaths = mulberry32(options.seed).shuffled(corpus.ids).map((id) => `/articles/${id}`);
    const started = await startServers(dir, dbFile, cookie, articlePaths, servers);
    const middlePage = Math.ceil(Math.ceil(corpus.ids.length / PAGE_SIZE) / 2);
    const { baseline, compared } = loadsOf(started, articlePaths, middlePage);
    const results: LoadResult[] = [];
    for (const load of compared) {
      process.stderr.write(`web bench: the bare route, then ${load.label.trim()}…\n`);
      const bare = await measure(baseline, options);
      if (results.length === 0) results.push(bare);
      results.push({ ...(await measure(load, options)), baseline: bare.result });
    }
    const memory = started.workbench.memory();
    process.stderr.write(`web bench: ${count(options.actions)} in-place actions of each kind…\n`);
    const actions = await measureActions(started.workbench.url, cookie, actionArticles, options.actions);
    process.stderr.write('web bench: a termbase change, its re-check and the article pages meanwhile…\n');
    const recheck = await measureTermRecheck(started.workbench, dbFile, corpus.ids, articlePaths, options.connections, EDITOR_NAME);
    process.stderr.write(`web bench: approving the ${count(corpus.ids.length)} articles, then exporting them as one ZIP of DOCX…\n`);
    approveArticles(dbFile, EDITOR_NAME, corpus.ids);
    const zipExport = await measureZipExport(started.workbench, dir, ZIP_EXPORT_PATH);
    if (zipExport.articles !== corpus.ids.length) throw new Error(`The ZIP holds ${zipExport.articles} articles, not the ${corpus.ids.length} approved.`);

    process.stderr.write('web bench: rebuilding the names index, then checking articles against the archive…\n');
    const names = await measureNames(dbFile, corpus.ids);

    if (!report(options, corpus, results, actions, recheck, memory, zipExport, names, loadAverage)) process.exitCode = 1;
  });
}

await main();
