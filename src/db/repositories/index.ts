import type { Db } from '../connection.js';
import { apiTokenRepository } from './api-tokens.js';
import { articleEventRepository } from './article-events.js';
import { articleRepository } from './articles.js';
import { dismissalRepository } from './dismissals.js';
import { findingRepository } from './findings.js';
import { learningRepository } from './learning.js';
import { nameRepository } from './names.js';
import { passageCommentRepository } from './passage-comments.js';
import { passageEventRepository } from './passage-events.js';
import { passageRepository } from './passages.js';
import { recheckQueueRepository } from './recheck-queue.js';
import { reviewFragmentRepository } from './review-fragments.js';
import { sessionRepository } from './sessions.js';
import { termRepository } from './terms.js';
import { userRepository } from './users.js';
import { webhookDeliveryRepository } from './webhook-deliveries.js';
import { wordIndexRepository } from './word-index.js';

/** The query layer: every statement the workbench runs, prepared once per connection. */
export function createRepositories(db: Db) {
  // data_version moves when another connection commits, total_changes() with this one's writes.
  // Two prepared statements: the pragma_data_version table function costs more than both.
  const othersVersion = db.prepare('PRAGMA data_version').pluck();
  const ownChanges = db.prepare('SELECT total_changes()').pluck();
  // The pragma opens a read of the WAL index each time, and a page asks twice (its session, its
  // cached list): it is read once per turn of the event loop, as the database stood when the
  // request began. This connection's own writes still count at once, through total_changes().
  let othersVersionThisTurn: number | undefined;
  const forgetOthersVersion = () => (othersVersionThisTurn = undefined);
  return {
    articles: articleRepository(db),
    passages: passageRepository(db),
    findings: findingRepository(db),
    dismissals: dismissalRepository(db),
    reviewFragments: reviewFragmentRepository(db),
    passageEvents: passageEventRepository(db),
    articleEvents: articleEventRepository(db),
    passageComments: passageCommentRepository(db),
    names: nameRepository(db),
    users: userRepository(db),
    sessions: sessionRepository(db),
    apiTokens: apiTokenRepository(db),
    webhookDeliveries: webhookDeliveryRepository(db),
    terms: termRepository(db),
    learning: learningRepository(db),
    wordIndex: wordIndexRepository(db),
    recheckQueue: recheckQueueRepository(db),
    /**
     * Runs fn in one transaction (nested calls become savepoints). IMMEDIATE: the write lock is
     * taken at the start, so a transaction that reads and then writes never fails half-way
     * because another process (the command line's import) began writing meanwhile.
     */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    /** Runs fn's reads on one snapshot of the database, taking no write lock (WAL lets a writer go on meanwhile). */
    snapshot<T>(fn: () => T): T {
      return db.transaction(fn).deferred();
    },
    /** Changes whenever anything in the database may have changed, by this process or another. */
    dataVersion(): string {
      if (othersVersionThisTurn === undefined) {
        othersVersionThisTurn = othersVersion.get() as number;
        queueMicrotask(forgetOthersVersion);
      }
      return `${othersVersionThisTurn}.${ownChanges.get() as number}`;
    },
    /** A trivial query, for the health check. */
    ping(): boolean {
      return db.prepare('SELECT 1').pluck().get() === 1;
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
