import type { Repositories } from '../db/repositories/index.js';

/**
 * How a reviewed change's rows reach the database (article-change.ts commitChange's third step).
 * A change's writes are one transaction, synchronous, never spanning an await.
 */
export interface ChangeWrites {
  /** Runs `write` in a transaction of its own or in a savepoint of a batch's, and resolves with what it returned once that is committed. */
  store<T>(write: () => T): Promise<T>;
}

/** Each change in its own transaction, at once: the server, where changes come one at a time from people. */
export function immediateWrites(repos: Repositories): ChangeWrites {
  return { store: async (write) => repos.transaction(write) };
}

interface Waiting {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The changes ready within `waitMs` of each other, up to `most`, in one transaction, each in a
 * savepoint (a refused one leaves the others): for a bulk import, where a commit per article was
 * most of the storing thread's work (each commit writes the pages the articles share anew). The
 * write lock is held only while the batch is written, never across an await. `close` refuses
 * what waits and what comes after, unwritten (the import stopped; the database is closing).
 */
export function batchedWrites(repos: Repositories, { most, waitMs }: { most: number; waitMs: number }): ChangeWrites & { close(): void } {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const outcomes: ({ value: unknown } | { error: unknown })[] = [];
    try {
      repos.transaction(() => {
        for (const { write } of batch) {
          try {
            outcomes.push({ value: repos.transaction(write) });
          } catch (error) {
            outcomes.push({ error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) job.reject(outcome.error);
      else job.resolve(outcome.value);
    });
  };

  return {
    store: <T>(write: () => T) =>
      new Promise<T>((resolve, reject) => {
        if (closed) throw new Error('The import has stopped; this article was not stored.');
        waiting.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (waiting.length >= most) flush();
        else timer ??= setTimeout(flush, waitMs);
      }),
    close() {
      closed = true;
      clearTimeout(timer);
      for (const job of waiting.splice(0)) job.reject(new Error('The import has stopped; this article was not stored.'));
    },
  };
}
