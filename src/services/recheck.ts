import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecheckJob } from '../db/repositories/recheck-queue.js';
import { changeArticle } from './article-change.js';
import type { Actor, ServiceContext } from './context.js';

/**
 * The re-check of the articles a termbase change affects, in the background. The change queues
 * the articles whose working text holds a form it touched (found in the word index, never by
 * reading articles); the server's rechecker takes them off the queue one after another, each as
 * a change that leaves the text as it is: checked by the reviewer with the termbase as it now
 * stands, findings and review page parts stored, dismissals kept, the status left alone (an
 * approved article stays approved, with its new findings). The queue is in the database, so a
 * re-check cut short by a restart goes on after it, and a change made by another process (the
 * command line) is taken up too.
 */

/** The ids of the articles whose working text holds any of the forms (see WordIndex.articlesWithAny). */
export function affectedArticles(ctx: ServiceContext, forms: readonly string[]): number[] {
  return ctx.repos.wordIndex.articlesWithAny(forms);
}

/** How a rechecker of this process that waits for its next poll is woken at once. */
const sleeping = new Set<() => void>();

/**
 * Queues the articles that hold any of the forms a termbase change touched, into the re-check
 * under way or a new one started by `actor`; returns how many. Call after the change is
 * committed and the reviewer updated, so every re-check reads the new termbase.
 */
export function queueRecheck(ctx: ServiceContext, forms: readonly string[], actor: Actor | null): number {
  const ids = affectedArticles(ctx, forms);
  if (ids.length === 0) return 0;
  ctx.repos.transaction(() => ctx.repos.recheckQueue.enqueue(ids, actor?.id ?? null, ctx.now()));
  for (const wake of [...sleeping]) wake();
  return ids.length;
}

/** The re-check under way (finishedAt null) or the last one; undefined before the first. */
export function recheckProgress(ctx: ServiceContext): RecheckJob | undefined {
  return ctx.repos.recheckQueue.job();
}

/**
 * Re-checks the queued articles one after another, yielding to other work between them, until
 * none is left (the job is then marked finished) or `stopping` is aborted. An article whose
 * re-check fails (too costly to check, say) is counted as failed and keeps its findings.
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

/** How often a rechecker looks for articles queued by another process (its own changes wake it at once). */
const POLL_MS = 1000;

export interface Rechecker {
  /** Stops after the article being re-checked; resolves then. */
  stop(): Promise<void>;
}

/** The server's rechecker: drains the queue (what a restart left in it first), then again whenever articles are queued. */
export function startRechecker(ctx: ServiceContext, log: (error: unknown) => void = console.error): Rechecker {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let step: Promise<void> = Promise.resolve();
  const wake = () => {
    clearTimeout(timer);
    run();
  };
  const run = () => {
    sleeping.delete(wake);
    step = drainRecheck(ctx, stopping.signal, log)
      // A database busy with another writer, say: the next poll tries again.
      .then(() => undefined, log)
      .then(() => {
        if (stopping.signal.aborted) return;
        timer = setTimeout(run, POLL_MS);
        sleeping.add(wake);
      });
  };
  run();
  return {
    stop() {
      stopping.abort();
      clearTimeout(timer);
      sleeping.delete(wake);
      return step;
    },
  };
}
