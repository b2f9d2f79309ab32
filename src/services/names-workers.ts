import { Worker } from 'node:worker_threads';
import type { EstablishedName } from '../reference/index.js';
import type { Repositories } from '../db/repositories/index.js';
import type { IndexedArticle } from './names-rebuild.js';

/** What a names worker (names-worker.ts) is given to start, sent, and answers. */
export interface NamesWorkerData {
  dbFile: string;
}
export type NamesWorkerJob = { job: number } & ({ first: number; last: number } | { established: true } | NamesRead);
export type NamesWorkerAnswer = { job: number } & ({ articles: IndexedArticle[] } | { established: EstablishedName[] } | { read: unknown });

type NameRepository = Repositories['names'];
/** The reads of the names index that aggregate the whole archive (it has no index by name): a page's worth of them takes a second at 10,000 articles. */
export const ARCHIVE_NAME_READS = ['groups', 'spellingsOf', 'articlesOf'] as const;
type ArchiveNameRead = (typeof ARCHIVE_NAME_READS)[number];
/** One of those reads with its arguments, for a names worker to make. */
export type NamesRead = { [K in ArchiveNameRead]: { method: K; args: Parameters<NameRepository[K]> } }[ArchiveNameRead];

/** The archive-wide reads of the names index, answered later: by a names worker in the server, so the event loop never waits for them. */
export type NamesReader = { [K in ArchiveNameRead]: (...args: Parameters<NameRepository[K]>) => Promise<ReturnType<NameRepository[K]>> };

/** The reads on this thread: the command line and the tests, where nobody else waits. */
export function inProcessNamesReader(names: NameRepository): NamesReader {
  return {
    groups: async (...args) => names.groups(...args),
    spellingsOf: async (...args) => names.spellingsOf(...args),
    articlesOf: async (...args) => names.articlesOf(...args),
  };
}

/**
 * Worker threads that read the names index's database on connections of their own, so that
 * reading every article (a rebuild) or every approved article's names (the established
 * spellings) never holds the event loop. Jobs go to the workers in turn; a worker that fails
 * fails every job.
 */
export function namesWorkers(size: number, dbFile: string, script = new URL('./names-worker.js', import.meta.url)) {
  const pending = new Map<number, { resolve: (answer: NamesWorkerAnswer) => void; reject: (error: unknown) => void }>();
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  const workerData: NamesWorkerData = { dbFile };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(script, { workerData });
    worker.unref();
    return worker
      .on('message', (answer: NamesWorkerAnswer) => {
        pending.get(answer.job)?.resolve(answer);
        pending.delete(answer.job);
      })
      .on('error', fail)
      .on('exit', (code) => {
        if (code !== 0) fail(new Error(`A names worker stopped with exit code ${code}.`));
      });
  });
  let jobs = 0;
  const send = (message: Omit<NamesWorkerJob, 'job'>): Promise<NamesWorkerAnswer> =>
    new Promise((resolve, reject) => {
      if (failure !== undefined) return reject(failure);
      const job = jobs++;
      pending.set(job, { resolve, reject });
      workers[job % size]!.postMessage({ job, ...message } as NamesWorkerJob);
    });
  return {
    /** The names of the articles with ids from `first` to `last` (readArticleNames). */
    readNames: async (first: number, last: number) => ((await send({ first, last })) as { articles: IndexedArticle[] }).articles,
    /** The archive's established spellings as the database now stands (establishedNames). */
    established: async () => ((await send({ established: true })) as { established: EstablishedName[] }).established,
    reader: {
      groups: async (...args) => ((await send({ method: 'groups', args })) as { read: ReturnType<NameRepository['groups']> }).read,
      spellingsOf: async (...args) => ((await send({ method: 'spellingsOf', args })) as { read: ReturnType<NameRepository['spellingsOf']> }).read,
      articlesOf: async (...args) => ((await send({ method: 'articlesOf', args })) as { read: ReturnType<NameRepository['articlesOf']> }).read,
    } satisfies NamesReader,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
