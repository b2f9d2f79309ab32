import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { mergedUpdate, updatedReference, type ReferenceData, type ReferenceUpdate } from '../reference/index.js';
import { ReviewTooCostlyError } from '../errors.js';
import { reviewState, type ArticleState, type ReviewedState } from './review-state.js';

/** Checks an article state and renders its review page parts (reviewState), in this thread or another. */
export interface Reviewer {
  review(state: ArticleState): Promise<ReviewedState>;
  /** Reviews asked for from now on read the reference data with this update. */
  update(change: ReferenceUpdate): void;
  /** How many states it reviews at once. */
  workers: number;
  /** Ends the worker threads, if any. */
  close(): Promise<void>;
}

/** On the calling thread: the command line and the tests, where nobody else waits. */
export function inProcessReviewer(reference: ReferenceData): Reviewer {
  let current = reference;
  return {
    review: async (state) => reviewState(state, current),
    update: (change) => {
      current = updatedReference(current, change);
    },
    workers: 1,
    close: async () => {},
  };
}

export interface WorkerReviewerOptions {
  /** The termbase file the workers load, as the server's (undefined: the starter termbase). */
  termbaseFile: string | undefined;
  /** How long one article may take; past it the worker is ended and the change refused. */
  budgetMs: number;
  /** Heap a worker may use, in MB; past it the worker dies and the change is refused. */
  memoryMb: number;
  workers?: number;
  /** The compiled worker script; tests running from src/ pass the one in dist/. */
  script?: URL;
}

/** What a worker thread is given to start (src/services/review-worker.ts): the file it loads, then every update since. */
export interface ReviewWorkerData {
  termbaseFile: string | undefined;
  update: ReferenceUpdate;
}

/** What a worker thread is sent: an article state to review, or an update to its reference data. */
export type ReviewWorkerMessage = { state: ArticleState } | { update: ReferenceUpdate };

interface Job {
  state: ArticleState;
  resolve: (reviewed: ReviewedState) => void;
  reject: (error: unknown) => void;
}

/**
 * A few worker threads that review article states one at a time each, in the order asked. A
 * review that outlasts the budget, or a worker that runs out of memory, ends that worker (a new
 * one takes its place) and refuses that change only: other people's pages and changes go on.
 */
export function workerReviewer(options: WorkerReviewerOptions): Reviewer {
  const script = options.script ?? new URL('./review-worker.js', import.meta.url);
  const size = options.workers ?? Math.min(4, Math.max(2, availableParallelism() - 1));
  const idle: Worker[] = [];
  const queue: Job[] = [];
  const live = new Set<Worker>();
  let closed = false;
  /** Every update so far, merged: what a worker started now must apply. */
  let updates: ReferenceUpdate = {};

  /** A new worker joins the idle ones once it has loaded the checks and the reference data, so its start never counts against a budget. */
  const spawn = (): void => {
    const workerData: ReviewWorkerData = { termbaseFile: options.termbaseFile, update: updates };
    const worker = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });
    live.add(worker);
    worker.unref();
    worker.once('message', () => {
      idle.push(worker);
      pump();
    });
  };

  const run = (worker: Worker, job: Job): void => {
    let settled = false;
    /** Settles the job once; a worker that failed is ended and replaced, so the pool keeps its size. */
    const settle = (outcome: () => void, workerOk: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Only this job's listeners: a Worker keeps listeners of its own.
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (workerOk) idle.push(worker);
      else {
        live.delete(worker);
        void worker.terminate();
        if (!closed) spawn();
      }
      outcome();
      pump();
    };
    const onMessage = (reviewed: ReviewedState) => settle(() => job.resolve(reviewed), true);
    const onError = (error: Error) => {
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(() => job.reject(outOfMemory ? new ReviewTooCostlyError(`needed more than ${options.memoryMb} MB`) : error), false);
    };
    const onExit = () => settle(() => job.reject(new Error('The review worker stopped unexpectedly.')), false);
    const timer = setTimeout(() => settle(() => job.reject(new ReviewTooCostlyError(`took longer than ${options.budgetMs / 1000} s`)), false), options.budgetMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ state: job.state } satisfies ReviewWorkerMessage);
  };

  const pump = (): void => {
    while (idle.length > 0 && queue.length > 0) run(idle.pop()!, queue.shift()!);
  };

  for (let i = 0; i < size; i++) spawn();

  return {
    workers: size,
    review(state) {
      if (closed) return Promise.reject(new Error('The reviewer is closed.'));
      return new Promise((resolve, reject) => {
        queue.push({ state, resolve, reject });
        pump();
      });
    },
    update(change) {
      updates = mergedUpdate(updates, change);
      // Messages arrive in order: a worker busy with an article applies it before its next one.
      for (const worker of live) worker.postMessage({ update: change } satisfies ReviewWorkerMessage);
    },
    async close() {
      closed = true;
      await Promise.all([...live].map((w) => w.terminate()));
      live.clear();
    },
  };
}
