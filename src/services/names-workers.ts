import { Worker } from 'node:worker_threads';
import type { EstablishedName } from '../reference/index.js';
import type { IndexedArticle } from './names-rebuild.js';

/** What a names worker (names-worker.ts) is given to start, sent, and answers. */
export interface NamesWorkerData {
  dbFile: string;
}
export type NamesWorkerJob = { job: number } & ({ first: number; last: number } | { established: true });
export type NamesWorkerAnswer = { job: number } & ({ articles: IndexedArticle[] } | { established: EstablishedName[] });

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
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
