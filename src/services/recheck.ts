import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { RecheckJob } from '../db/repositories/recheck-queue.js';
import { changeArticle } from './article-change.js';
import type { Actor, ServiceContext } from './context.js';
import { followTermbase } from './termbase.js';

/**
 * The re-check of the articles a termbase change affects, in the background. The change queues
 * the articles whose working text holds a form it touched (found in the word index, never by
 * reading articles); the server's rechecker takes them off the queue one after another, each as
 * a change that leaves the text as it is: checked by the reviewer with the termbase as it now
 * stands, findings and review page parts stored, dismissals kept, the status left alone (an
 * approved article stays approved, with its new findings). The queue is in the database, so a
 * re-check cut short by a restart goes on after it, and a change made by another process (the
 * command line) is taken up too. In the server the rechecker runs in a thread of its own, with its
 * own connection (startRecheckThread): pages that keep the event loop busy do not slow it down.
 */

/** The ids of the articles whose working text holds any of the forms (see WordIndex.articlesWithAny). */
export function affectedArticles(ctx: ServiceContext, forms: readonly string[]): number[] {
  return ctx.repos.wordIndex.articlesWithAny(forms);
}

/**
 * Queues the articles that hold any of the forms a termbase change touched, into the re-check
 * under way or a new one started by `actor`; returns how many. Call after the change is
 * committed and the reviewer updated, so every re-check reads the new termbase.
 */
export function queueRecheck(ctx: ServiceContext, forms: readonly string[], actor: Actor | null): number {
  const ids = affectedArticles(ctx, forms);
  if (ids.length === 0) return 0;
  ctx.repos.transaction(() => ctx.repos.recheckQueue.enqueue(ids, actor?.id ?? null, ctx.now()));
  return ids.length;
}

/** The re-check under way or the last one, as the Terms page and the API show it. */
export interface RecheckProgress extends RecheckJob {
  /** Articles wait (finishedAt is null). */
  running: boolean;
}

/** The re-check under way or the last one; null before the first. */
export function recheckProgress(ctx: ServiceContext): RecheckProgress | null {
  const job = ctx.repos.recheckQueue.job();
  return job ? { ...job, running: job.finishedAt === null } : null;
}

/**
 * Re-checks the queued articles one after another, yielding to other work between them, until
 * none is left (the job is then marked finished) or `stopping` is aborted, each with the termbase
 * the database holds by then. An article whose re-check fails (too costly to check, say) is
 * counted as failed and keeps its findings.
 */
export async function drainRecheck(ctx: ServiceContext, stopping?: AbortSignal, log: (error: unknown) => void = console.error): Promise<void> {
  const queue = ctx.repos.recheckQueue;
  while (!stopping?.aborted) {
    const next = queue.next();
    if (next === undefined) {
      if (queue.job()?.finishedAt !== null) return;
      queue.finish(ctx.now());
      continue;
    }
    // The termbase as the database has it now: the change that queued the article may be another process's.
    followTermbase(ctx);
    try {
      await changeArticle(ctx, next.articleId, (snapshot) => ({ state: snapshot, touches: false, record: () => queue.done(next) }));
    } catch (error) {
      if (stopping?.aborted) return;
      log(error);
      ctx.repos.transaction(() => queue.failed(next));
    }
    await nextTurn();
  }
}

/** How often the server looks for queued articles: one indexed read of two small tables, so a quarter second costs nothing. */
const POLL_MS = 250;
/** The recheck thread's nice value: under a load of pages it gets about a third of a core's share (1024 / 335). */
export const RECHECK_NICENESS = 5;
/** How long after a recheck thread that failed the next one may start. */
const RESTART_MS = 5000;

export interface Rechecker {
  /** Stops after the article being re-checked; resolves then. */
  stop(): Promise<void>;
}

/** What the server's recheck thread (src/services/recheck-worker.ts) is started with. */
export interface RecheckThreadData {
  dbFile: string;
  /** The termbase file the reviewer loads, as the server's. */
  termbaseFile: string | undefined;
  /** The server's budget for checking one article: past it, that article's re-check fails. */
  budgetMs: number;
  memoryMb: number;
}

/**
 * The server's rechecker. Every quarter second it asks the database whether articles wait (queued
 * by this server, by another process, or left by a restart); when they do, it starts a worker
 * thread with its own database connection and its own one-worker reviewer, which drains the queue
 * and ends. So every step of a re-check (reading, checking, storing) waits on that thread's event
 * loop, never on the server's, which a load of page requests keeps busy for many milliseconds a
 * turn; and no memory is held for it between re-checks (the thread and its reviewer are some
 * 45 MB). Its writes are short transactions, as a change's; one racing a change of the same
 * article in the server is prepared again (article-change.ts).
 */
export function startRecheckThread(ctx: ServiceContext, data: RecheckThreadData, log: (error: unknown) => void = console.error, script = new URL('./recheck-worker.js', import.meta.url)): Rechecker {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  const poll = () => {
    let due = false;
    try {
      due = ctx.repos.recheckQueue.due();
    } catch (error) {
      log(error);
    }
    if (!due) {
      timer = setTimeout(poll, POLL_MS);
      return;
    }
    const thread = (worker = new Worker(script, { workerData: data }));
    thread.on('error', log);
    exited = new Promise((resolve) => {
      thread.once('exit', (code) => {
        worker = undefined;
        if (!stopping) timer = setTimeout(poll, code === 0 ? POLL_MS : RESTART_MS);
        resolve();
      });
    });
  };
  poll();
  return {
    stop() {
      stopping = true;
      clearTimeout(timer);
      worker?.postMessage('stop');
      return exited;
    },
  };
}
