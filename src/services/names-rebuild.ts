import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Repositories } from '../db/repositories/index.js';
import type { WorkingPassage } from '../db/repositories/names.js';
import { articleNames, type ArticleName } from '../text/article-names.js';
import { segment } from '../text/segment.js';
import type { ServiceContext } from './context.js';
import { correctedArticle } from './passage-layout.js';

/** An article's names as a rebuild read them, with the content version of the text they were read from. */
export interface IndexedArticle {
  id: number;
  contentVersion: number;
  names: ArticleName[];
}

/** The articles with ids from `first` to `last`, each with the names of its working text, as the review worker reads them with the checks. */
export function readArticleNames(repos: Repositories, first: number, last: number): IndexedArticle[] {
  const { versions, passages } = repos.snapshot(() => ({ versions: repos.names.contentVersions(first, last), passages: repos.names.workingPassages(first, last) }));
  const indexed: IndexedArticle[] = [];
  for (let start = 0; start < passages.length; ) {
    const id = passages[start]!.articleId;
    let end = start + 1;
    while (end < passages.length && passages[end]!.articleId === id) end++;
    indexed.push({ id, contentVersion: versions.get(id)!, names: workingTextNames(passages.slice(start, end)) });
    start = end;
  }
  return indexed;
}

function workingTextNames(passages: readonly WorkingPassage[]): ArticleName[] {
  const { text } = correctedArticle(passages);
  return text.trim() === '' ? [] : articleNames({ text, passages: segment(text) });
}

// Articles read and indexed at a time: a few MB of text at most.
const BATCH = 250;

export interface RebuildOptions {
  /** The database file the worker threads read; none (an in-memory database): this thread reads the names. */
  dbFile?: string | undefined;
  workers?: number;
  /** The compiled worker script; tests running from src/ pass the one in dist/. */
  script?: URL;
}

/**
 * Indexes every article's names again from its working text: from scratch, since the index is
 * what names the text writes, whatever was stored before. Worker threads read the articles, a
 * batch at a time, each on its own connection, and read their names, while this thread stores
 * what comes back, each batch in a short transaction of its own, so the server's changes go on
 * meanwhile. An article changed after its batch was read was indexed by its change and is left
 * alone. Once every article is indexed the index is marked complete. Returns how many articles
 * and names it indexed.
 */
export async function rebuildNamesIndex(ctx: ServiceContext, options: RebuildOptions = {}): Promise<{ articles: number; names: number }> {
  const { repos } = ctx;
  const workers = options.dbFile === undefined || options.dbFile === ':memory:' ? 0 : (options.workers ?? Math.max(1, availableParallelism()));
  const pool = workers === 0 ? null : namesPool(workers, options.dbFile!, options.script ?? new URL('./names-worker.js', import.meta.url));
  const read = pool ? pool.read : async (first: number, last: number) => readArticleNames(repos, first, last);
  const ids = repos.names.articleIds();
  let names = 0;
  const store = (articles: readonly IndexedArticle[]) =>
    repos.transaction(() => {
      for (const article of articles) {
        if (repos.articles.contentVersion(article.id) !== article.contentVersion) continue;
        repos.names.replace(article.id, article.names);
        names += article.names.length;
      }
    });
  try {
    // Enough batches under way to keep every worker busy while this thread stores.
    const underway: Promise<void>[] = [];
    for (let from = 0; from < ids.length; from += BATCH) {
      underway.push(read(ids[from]!, ids[Math.min(from + BATCH, ids.length) - 1]!).then(store));
      if (underway.length >= 2 * Math.max(1, workers)) await underway.shift();
    }
    await Promise.all(underway);
    repos.names.markComplete();
    return { articles: ids.length, names };
  } finally {
    await pool?.close();
  }
}

/** What the names worker (names-worker.ts) is given to start, sent, and answers. */
export interface NamesWorkerData {
  dbFile: string;
}
export interface NamesJob {
  job: number;
  first: number;
  last: number;
}
export interface NamesAnswer {
  job: number;
  articles: IndexedArticle[];
}

// Short-lived tokens by the thousand: a young generation that holds a batch's collects them cheaply.
const WORKER_YOUNG_GENERATION_MB = 64;

/** A few worker threads, given batches in turn; a worker that fails fails the rebuild. */
function namesPool(size: number, dbFile: string, script: URL): { read: (first: number, last: number) => Promise<IndexedArticle[]>; close(): Promise<void> } {
  const pending = new Map<number, { resolve: (articles: IndexedArticle[]) => void; reject: (error: unknown) => void }>();
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  const workerData: NamesWorkerData = { dbFile };
  const workers = Array.from({ length: size }, () =>
    new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } })
      .on('message', ({ job, articles }: NamesAnswer) => {
        pending.get(job)?.resolve(articles);
        pending.delete(job);
      })
      .on('error', fail)
      .on('exit', (code) => {
        if (code !== 0) fail(new Error(`A names worker stopped with exit code ${code}.`));
      }),
  );
  let jobs = 0;
  return {
    read: (first, last) =>
      new Promise((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        const job = jobs++;
        pending.set(job, { resolve, reject });
        workers[job % size]!.postMessage({ job, first, last } satisfies NamesJob);
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
