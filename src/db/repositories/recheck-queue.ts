import type { Db } from '../connection.js';

/** The re-check under way or the last one (migration 0021's recheck_job). */
export interface RecheckJob {
  startedAt: string;
  startedBy: string | null;
  total: number;
  /** Articles re-checked (or found gone); those that failed count too. */
  done: number;
  /** Articles whose re-check failed (too costly to check, say): they keep their findings. */
  failed: number;
  /** Null while articles wait. */
  finishedAt: string | null;
}

/** A queued article, with the change that queued it last. */
export interface QueuedArticle {
  articleId: number;
  batch: number;
}

/** The queue of articles a termbase change left to check again, and the job's progress. */
export function recheckQueueRepository(db: Db) {
  const job = db.prepare(`SELECT j.started_at AS startedAt, u.name AS startedBy, j.total, j.failed, j.finished_at AS finishedAt,
      j.total - (SELECT count(*) FROM recheck_queue) AS done
    FROM recheck_job j LEFT JOIN users u ON u.id = j.started_by`);
  const queued = db.prepare('SELECT count(*) FROM recheck_queue').pluck();
  // A finished job (or none) gives way to a new one; an unfinished one takes the new articles in.
  const startJob = db.prepare(`INSERT INTO recheck_job (id, started_at, started_by, total, batches) VALUES (1, @now, @userId, 0, 1)
    ON CONFLICT (id) DO UPDATE SET batches = batches + 1,
      started_at = CASE WHEN finished_at IS NULL THEN started_at ELSE excluded.started_at END,
      started_by = CASE WHEN finished_at IS NULL THEN started_by ELSE excluded.started_by END,
      total = CASE WHEN finished_at IS NULL THEN total ELSE 0 END,
      failed = CASE WHEN finished_at IS NULL THEN failed ELSE 0 END,
      finished_at = NULL
    RETURNING batches`).pluck();
  const enqueue = db.prepare(`INSERT INTO recheck_queue (article_id, batch) SELECT value, @batch FROM json_each(@ids) WHERE true
    ON CONFLICT (article_id) DO UPDATE SET batch = excluded.batch`);
  const addToTotal = db.prepare('UPDATE recheck_job SET total = total + ? WHERE id = 1');
  const next = db.prepare('SELECT article_id AS articleId, batch FROM recheck_queue ORDER BY article_id LIMIT 1');
  const remove = db.prepare('DELETE FROM recheck_queue WHERE article_id = @articleId AND batch = @batch');
  const countFailed = db.prepare('UPDATE recheck_job SET failed = failed + 1 WHERE id = 1');
  const due = db.prepare('SELECT EXISTS (SELECT 1 FROM recheck_queue) OR EXISTS (SELECT 1 FROM recheck_job WHERE finished_at IS NULL)').pluck();
  const finish = db.prepare('UPDATE recheck_job SET finished_at = ? WHERE id = 1 AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM recheck_queue)');

  return {
    /**
     * Call inside a transaction: queues the articles (those queued already are queued again, for
     * this change) and counts the new ones into the job under way, or starts a job.
     */
    enqueue(articleIds: readonly number[], userId: number | null, now: string): void {
      const batch = startJob.get({ now, userId }) as number;
      const before = queued.get() as number;
      enqueue.run({ batch, ids: JSON.stringify(articleIds) });
      addToTotal.run((queued.get() as number) - before);
    },
    /** The queued article with the lowest id. */
    next(): QueuedArticle | undefined {
      return next.get() as QueuedArticle | undefined;
    },
    /** Takes the article off the queue, unless a later change queued it again; call in the transaction that stores its re-check. */
    done(article: QueuedArticle): void {
      remove.run(article);
    },
    /** Call inside a transaction: takes the article off the queue, its re-check failed. */
    failed(article: QueuedArticle): void {
      if (remove.run(article).changes > 0) countFailed.run();
    },
    /** Whether a re-check has work: articles queued, or a job not yet marked finished. */
    due(): boolean {
      return due.get() === 1;
    },
    /** Marks the job finished, unless an article was queued meanwhile. */
    finish(now: string): void {
      finish.run(now);
    },
    job(): RecheckJob | undefined {
      return job.get() as RecheckJob | undefined;
    },
  };
}
