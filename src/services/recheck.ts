import type { Article } from '../db/repositories/articles.js';
import { checkArticle } from './check-article.js';
import type { ServiceContext } from './context.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import { storeReviewFragments } from './review-fragments.js';

/**
 * Stores corrected passages (raising the version of each that changed), then re-checks the article and stores its findings, the open
 * counts and the rendered review page parts, all in one transaction, so readers never see text and
 * findings that disagree. A change marks the article as in review.
 */
export function storeCorrections(ctx: ServiceContext, article: Article, corrections: ReadonlyMap<number, string>): void {
  const { repos } = ctx;
  repos.transaction(() => {
    const changed: StoredPassage[] = [];
    const passages = repos.passages.ofArticle(article.id).map((p) => {
      const text = corrections.get(p.idx);
      if (text === undefined || text === p.correctedText) return p;
      const next = { ...p, correctedText: text, version: p.version + 1 };
      changed.push(next);
      return next;
    });
    repos.passages.updateAll(article.id, changed);
    repos.findings.replace(article.id, checkArticle(article, passages, ctx.reference));
    repos.articles.recount(article.id);
    repos.articles.touch(article.id, 'in_review', ctx.now());
    storeReviewFragments(ctx, article, passages);
  });
}
