/**
 * The web bench's re-check (issue 12): a termbase change that affects about 500 of the archive's
 * articles (a new term for a word that many hold) is re-checked by the running server in the background, while article pages are loaded
 * as in the page figures (autocannon, every article in turn). Timed from the change to the last
 * article re-checked, as the job's progress in the database says it; the pages' p99 over the same
 * span. The change is made by this process on the server's database, through the service the
 * Terms page calls (createTerm), and the server's recheck thread takes it up at its next poll,
 * reading the new termbase from the database.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { openDatabase } from '#dist/db/connection.js';
import { loadReference } from '#dist/reference/load.js';
import type { ServiceContext } from '#dist/services/context.js';
import { createServiceContext } from '#dist/services/context.js';
import { affectedArticles, recheckProgress } from '#dist/services/recheck.js';
import { createTerm, startTermbase } from '#dist/services/termbase.js';
import type { ChildServer } from './child-server.js';
import { formatFigure, type Line } from './measure.js';

export const RECHECK_TARGETS = {
  /** The articles a change affects, of 10,000. */
  affected: 500,
  seconds: 10,
  pageP99Ms: 100,
} as const;

/** How often this process reads the job's progress. */
const PROGRESS_POLL_MS = 50;
/** Past this the run is abandoned, whatever the server does. */
const GIVE_UP_MS = 300_000;

interface TermChange {
  /** The term's one form. */
  form: string;
  /** How many articles hold it. */
  articles: number;
}

/** Articles whose words the term is picked from: enough for names of every sort the generator writes. */
const SAMPLED_ARTICLES = 20;

/**
 * A new term for a capitalised word of the archive that about `target` articles hold (the word
 * index counts them), picked from the words of its first articles: the generated archive has no
 * starter term that rare (the rarest place names are in thousands of 10,000 articles).
 */
function termAffecting(ctx: ServiceContext, ids: readonly number[], target: number): TermChange {
  const words = new Set<string>();
  for (const id of ids.slice(0, SAMPLED_ARTICLES)) for (const [word] of ctx.repos.articles.find(id)!.aiText.matchAll(/\p{Lu}\p{Ll}{3,}/gu)) words.add(word);
  let best: TermChange | undefined;
  for (const form of words) {
    const articles = affectedArticles(ctx, [form]).length;
    if (!best || Math.abs(articles - target) < Math.abs(best.articles - target)) best = { form, articles };
  }
  if (!best) throw new Error('The archive has no capitalised word to make a term of.');
  return best;
}

/** Article pages requested by `connections` clients, each the next article of `paths`, for `seconds` or until stopped. */
function loadPages(server: ChildServer, paths: readonly string[], connections: number, seconds: number): { result: Promise<autocannon.Result>; stop(): Promise<autocannon.Result> } {
  let next = 0;
  let instance: autocannon.Instance | undefined;
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: server.url,
        connections,
        duration: seconds,
        headers: { 'accept-encoding': 'gzip, deflate, br, zstd', cookie: server.cookie },
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
  });
  return {
    result,
    stop() {
      instance!.stop();
      return result;
    },
  };
}

/** How long the article pages are loaded alone just before the change, to compare with: this machine's speed drifts. */
const ALONE_SECONDS = 5;

export interface RecheckRun {
  change: TermChange;
  /** From the change to its job's end. */
  seconds: number;
  done: number;
  failed: number;
  pages: autocannon.Result;
  /** The same load of article pages just before the change, without a re-check. */
  pagesAlone: autocannon.Result;
  /** Cores' worth of CPU the server used meanwhile. */
  serverCpu: number;
}

/** Makes the change as `editorName` on the server's database and waits for its re-check to end, loading article pages meanwhile. */
export async function measureTermRecheck(server: ChildServer, dbFile: string, ids: readonly number[], articlePaths: readonly string[], connections: number, editorName: string): Promise<RecheckRun> {
  const db = openDatabase(dbFile);
  try {
    const ctx = createServiceContext(db, loadReference());
    // The server seeded the termbase on start; this reads it, so the change is validated against it.
    startTermbase(ctx, undefined);
    const editor = ctx.repos.users.findByName(editorName);
    if (!editor) throw new Error(`No user ${editorName} to change the termbase.`);
    const change = termAffecting(ctx, ids, RECHECK_TARGETS.affected);
    const pagesAlone = await loadPages(server, articlePaths, connections, ALONE_SECONDS).result;
    const load = loadPages(server, articlePaths, connections, GIVE_UP_MS / 1000);
    const cpuBefore = server.cpuSeconds();
    const start = performance.now();
    createTerm(ctx, editor, { preferred: change.form, variants: [], exceptions: [], note: 'The bench’s term.' });
    for (let job = recheckProgress(ctx); job?.finishedAt === null; job = recheckProgress(ctx)) {
      if (performance.now() - start > GIVE_UP_MS) throw new Error(`The re-check did not end within ${GIVE_UP_MS / 1000} s (${job.done} of ${job.total}).`);
      await sleep(PROGRESS_POLL_MS);
    }
    const seconds = (performance.now() - start) / 1000;
    const serverCpu = (server.cpuSeconds() - cpuBefore) / seconds;
    const pages = await load.stop();
    const job = recheckProgress(ctx)!;
    return { change, seconds, done: job.done, failed: job.failed, pages, pagesAlone, serverCpu };
  } finally {
    db.close();
  }
}

export function termRecheckLines(run: RecheckRun): Line[] {
  const { change, pages } = run;
  return [
    `Re-check after a termbase change (a new term "${change.form}", which ${change.articles} articles hold; the server's recheck thread, ` +
      'one article after another; wall clock from the change to the job marked finished, which includes up to 250 ms before the thread polls)',
    {
      label: `re-check of the ${change.articles} articles`,
      figure: run.seconds,
      unit: 's',
      target: { kind: 'below', value: RECHECK_TARGETS.seconds },
      note: `${formatFigure((run.seconds * 1000) / change.articles)} ms an article, ${run.done} done, ${run.failed} failed, server CPU ${Math.round(run.serverCpu * 100)} % of a core`,
    },
    {
      label: '  article page p99 meanwhile',
      figure: pages.latency.p99,
      unit: 'ms',
      target: { kind: 'below', value: RECHECK_TARGETS.pageP99Ms },
      note:
        `${formatFigure(pages.requests.average)} req/s, median ${formatFigure(pages.latency.p50)} ms, ${pages.non2xx + pages.errors} non-2xx or failed; ` +
        `the same load alone just before: p99 ${formatFigure(run.pagesAlone.latency.p99)} ms, ${formatFigure(run.pagesAlone.requests.average)} req/s`,
    },
  ];
}
