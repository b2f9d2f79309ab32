import type { ErrorCategory } from '../checks/types.js';
import type { Article } from '../db/repositories/articles.js';
import type { ChangeKind } from '../db/repositories/passage-events.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import { checkArticle } from './check-article.js';
import type { Actor, ServiceContext } from './context.js';
import { storeReviewFragments } from './review-fragments.js';

/** A change of passages' corrected text: who made it, how, and the kind of error it corrects, for the history. */
export interface Change {
  actor: Actor;
  kind: ChangeKind;
  category: ErrorCategory | null;
}

/**
 * Re-checks the article as its passages stand and stores its findings, the open counts and
 * the rendered review page parts, in one transaction, so readers never see text and findings
 * that disagree. A new or approved article goes (back) into review.
 */
export function recheckArticle(ctx: ServiceContext, article: Article, passages: readonly StoredPassage[] = ctx.repos.passages.ofArticle(article.id)): void {
  const { repos } = ctx;
  repos.transaction(() => {
    repos.findings.replace(article.id, checkArticle(article, passages, ctx.reference, repos.dismissals.fingerprintsOf(article.id)));
    repos.articles.recount(article.id);
    repos.articles.touch(article.id, ctx.now());
    storeReviewFragments(ctx, article, passages);
  });
}

/**
 * Stores corrected passages, raising the version of each that changed and recording the
 * change in its history, then re-checks the article, all in one transaction. A translator's
 * change is a proposal: the working text changes, the approved text (exports) does not. An
 * editor's change is approved at once, and settles the passage's open proposals: approved, or
 * rejected when the change is a rejection.
 */
export function storeCorrections(ctx: ServiceContext, article: Article, corrections: ReadonlyMap<number, string>, change: Change): void {
  const { repos } = ctx;
  repos.transaction(() => {
    const now = ctx.now();
    const status = change.actor.role === 'translator' ? 'proposed' : 'approved';
    const changed: StoredPassage[] = [];
    const passages = repos.passages.ofArticle(article.id).map((p) => {
      const text = corrections.get(p.idx);
      if (text === undefined || text === p.correctedText) return p;
      // Whoever changes a passage marked for re-review has looked at it again.
      const next = { ...p, correctedText: text, approvedText: status === 'approved' ? text : p.approvedText, version: p.version + 1, needsReview: false };
      changed.push(next);
      if (status === 'approved') repos.passageEvents.settle(article.id, p.idx, change.kind === 'reject' ? 'rejected' : 'approved');
      repos.passageEvents.insert({
        articleId: article.id,
        passageIdx: p.idx,
        version: next.version,
        userId: change.actor.id,
        kind: change.kind,
        category: change.category,
        status,
        beforeText: p.correctedText,
        afterText: text,
        now,
      });
      return next;
    });
    repos.passages.updateAll(article.id, changed);
    recheckArticle(ctx, article, passages);
  });
}
