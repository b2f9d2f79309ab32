import type { Article, ArticleSummary } from '../db/repositories/articles.js';
import type { ReviewFragments } from '../db/repositories/review-fragments.js';
import { RENDER_KEY, renderReviewFragments } from '../render/review-fragments.js';
import type { ServiceContext } from './context.js';
import type { PassageText } from './passage-layout.js';

/**
 * Renders and stores the review page's passages and findings panel from the article's stored
 * findings. Call inside the transaction that changed its text or findings, after storing them.
 */
export function storeReviewFragments(ctx: ServiceContext, article: Pick<Article, 'id' | 'targetLang' | 'sourceLang' | 'sourceText'>, passages: readonly PassageText[]): void {
  const fragments = renderReviewFragments(
    { id: article.id, targetLang: article.targetLang, sourceLang: article.sourceLang, hasSource: article.sourceText !== null },
    passages,
    ctx.repos.findings.ofArticle(article.id),
  );
  ctx.repos.reviewFragments.save(article.id, fragments);
}

/** The stored fragments of an article, rendered again first when the templates changed since. */
export function currentReviewFragments(ctx: ServiceContext, summary: ArticleSummary): ReviewFragments {
  const stored = ctx.repos.reviewFragments.find(summary.id);
  if (stored?.renderKey === RENDER_KEY) return stored;
  const { repos } = ctx;
  return repos.transaction(() => {
    const article = repos.articles.find(summary.id)!;
    storeReviewFragments(ctx, article, repos.passages.ofArticle(article.id));
    return repos.reviewFragments.find(article.id)!;
  });
}
