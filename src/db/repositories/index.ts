import type { Db } from '../connection.js';
import { articleRepository } from './articles.js';
import { dismissalRepository } from './dismissals.js';
import { findingRepository } from './findings.js';
import { passageRepository } from './passages.js';
import { reviewFragmentRepository } from './review-fragments.js';

/** The query layer: every statement the workbench runs, prepared once per connection. */
export function createRepositories(db: Db) {
  return {
    articles: articleRepository(db),
    passages: passageRepository(db),
    findings: findingRepository(db),
    dismissals: dismissalRepository(db),
    reviewFragments: reviewFragmentRepository(db),
    /** Runs fn in one transaction (nested calls become savepoints). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    /** A trivial query, for the health check. */
    ping(): boolean {
      return db.prepare('SELECT 1').pluck().get() === 1;
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
