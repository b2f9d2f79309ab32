import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReferenceData } from '../reference/index.js';
import { ReviewTooCostlyError } from './errors.js';
import { reviewState, type ArticleState, type ReviewedState } from './review-state.js';

/** Checks an article state and renders its review page parts (reviewState), in this thread or another. */
export interface Reviewer {
  review(state: ArticleState): Promise<ReviewedState>;
  /** Ends the worker threads, if any. */
  close(): Promise<void>;
}

/** On the calling thread: the command line and the tests, where nobody else waits. */
export function inProcessReviewer(reference: ReferenceData): Reviewer {
  return {
    review: async (state) => reviewState(state, reference),
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

/** What a worker thread is given to start (src/services/review-worker.ts). */
export interface ReviewWorkerData {
  termbaseFile: string | undefined;
}

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

  const spawn = (): Worker => {
    const workerData: ReviewWorkerData = { termbaseFile: options.termbaseFile };
    const worker = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });
    live.add(worker);
    worker.unref();
    return worker;
  };

  const run = (worker: Worker, job: Job): void => {
    let settled = false;
    const onMessage = (reviewed: ReviewedState) => finish(() => job.resolve(reviewed), worker);
    const onError = (error: Error) => {
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(() => job.reject(outOfMemory ? new ReviewTooCostlyError(`needed more than ${options.memoryMb} MB`) : error), replace());
    };
    const onExit = () => finish(() => job.reject(new Error('The review worker stopped unexpectedly.')), replace());
    const timer = setTimeout(() => finish(() => job.reject(new ReviewTooCostlyError(`took longer than ${options.budgetMs / 1000} s`)), replace()), options.budgetMs);
    // Only this job's listeners are removed: a Worker keeps listeners of its own.
    function finish(outcome: () => void, next: Worker | undefined): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      outcome();
      if (next) idle.push(next);
      pump();
    }
    // A worker that fails is replaced, so the pool keeps its size.
    function replace(): Worker | undefined {
      live.delete(worker);
      void worker.terminate();
      return closed ? undefined : spawn();
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job.state);
  };

  const pump = (): void => {
    while (idle.length > 0 && queue.length > 0) run(idle.pop()!, queue.shift()!);
  };

  for (let i = 0; i < size; i++) idle.push(spawn());

  return {
    review(state) {
      if (closed) return Promise.reject(new Error('The reviewer is closed.'));
      return new Promise((resolve, reject) => {
        queue.push({ state, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      await Promise.all([...live].map((w) => w.terminate()));
      live.clear();
    },
  };
}
