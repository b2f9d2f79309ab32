import type { Article } from '../db/repositories/articles.js';
import { checkArticle } from './check-article.js';
import type { ServiceContext } from './context.js';
import type { PassageText } from './passage-layout.js';

/**
 * Stores corrected passages, then re-checks the article and stores its findings, each
 * passage's diff and the open counts, all in one transaction, so readers never see text and
 * findings that disagree. A change marks the article as in review.
 */
export function storeCorrections(ctx: ServiceContext, article: Article, corrections: ReadonlyMap<number, string>): void {
  const { repos } = ctx;
  repos.transaction(() => {
    const passages: PassageText[] = repos.passages.ofArticle(article.id).map((p) => ({
      ...p,
      correctedText: corrections.get(p.idx) ?? p.correctedText,
    }));
    const checked = checkArticle(article, passages, ctx.reference, repos.dismissals.fingerprints(article.id));
    repos.passages.updateAll(article.id, passages.map((p) => ({ idx: p.idx, correctedText: p.correctedText, diffHtml: checked.diffHtml.get(p.idx)! })));
    repos.findings.replace(article.id, checked.findings);
    repos.articles.recount(article.id);
    repos.articles.touch(article.id, 'in_review', ctx.now());
  });
}
