import type { Article } from '../db/repositories/articles.js';
import { checkArticle } from './check-article.js';
import type { ServiceContext } from './context.js';
import type { PassageText } from './passage-layout.js';
import { storeReviewFragments } from './review-fragments.js';

/**
 * Stores corrected passages, then re-checks the article and stores its findings, the open
 * counts and the rendered review page parts, all in one transaction, so readers never see text and
 * findings that disagree. A change marks the article as in review.
 */
export function storeCorrections(ctx: ServiceContext, article: Article, corrections: ReadonlyMap<number, string>): void {
  const { repos } = ctx;
  repos.transaction(() => {
    const passages: PassageText[] = repos.passages.ofArticle(article.id).map((p) => ({
      ...p,
      correctedText: corrections.get(p.idx) ?? p.correctedText,
    }));
    repos.passages.updateAll(article.id, passages);
    repos.findings.replace(article.id, checkArticle(article, passages, ctx.reference));
    repos.articles.recount(article.id);
    repos.articles.touch(article.id, 'in_review', ctx.now());
    storeReviewFragments(ctx, article, passages);
  });
}
