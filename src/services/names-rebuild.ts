import { availableParallelism } from 'node:os';
import type { Repositories } from '../db/repositories/index.js';
import type { WorkingPassage } from '../db/repositories/names.js';
import { articleNames, type ArticleName } from '../text/article-names.js';
import { segment } from '../text/segment.js';
import type { ServiceContext } from './context.js';
import { namesWorkers } from './names-workers.js';
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
  const pool = workers === 0 ? null : namesWorkers(workers, options.dbFile!, options.script);
  const read = pool ? pool.readNames : async (first: number, last: number) => readArticleNames(repos, first, last);
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

