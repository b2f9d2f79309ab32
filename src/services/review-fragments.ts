import type { Article, ArticleSummary } from '../db/repositories/articles.js';
import type { StoredReviewFragments } from '../db/repositories/review-fragments.js';
import { compressTemplate, parseTemplate, serializeTemplate, TEMPLATE_FORMAT, type CompressedTemplate } from '../lib/http/gzip-assembly.js';
import { TOKEN_SLOT, TOKEN_SLOT_BYTES } from '../render/compile.js';
import { RENDER_KEY, renderReviewFragments } from '../render/review-fragments.js';
import type { ServiceContext } from './context.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import type { StoredFinding } from '../db/repositories/findings.js';

/** The templates, the stored form and the token size a row was made with: a row with another key is rendered again. */
const STORED_KEY = `${RENDER_KEY}.${TEMPLATE_FORMAT}.${TOKEN_SLOT_BYTES}`;

/** The review page's passages and findings panel, compressed, with TOKEN_SLOT where each form's token goes. */
export interface ReviewFragments {
  passages: CompressedTemplate;
  findings: CompressedTemplate;
}

/**
 * Renders and stores the review page's passages and findings panel from the article's stored
 * findings (read here unless the caller has just read them) and comments. Call inside the
 * transaction that changed them, after storing them.
 */
export function storeReviewFragments(
  ctx: ServiceContext,
  article: Pick<Article, 'id' | 'targetLang' | 'sourceLang' | 'sourceText'>,
  passages: readonly StoredPassage[],
  findings: readonly StoredFinding[] = ctx.repos.findings.ofArticle(article.id),
): ReviewFragments {
  const { passagesHtml, findingsHtml } = renderReviewFragments(
    { id: article.id, targetLang: article.targetLang, sourceLang: article.sourceLang, hasSource: article.sourceText !== null },
    passages,
    findings,
    ctx.repos.passageComments.counts(article.id),
  );
  const fragments = { passages: compressTemplate(passagesHtml, TOKEN_SLOT, TOKEN_SLOT_BYTES), findings: compressTemplate(findingsHtml, TOKEN_SLOT, TOKEN_SLOT_BYTES) };
  ctx.repos.reviewFragments.save(article.id, {
    renderKey: STORED_KEY,
    passages: serializeTemplate(fragments.passages),
    findings: serializeTemplate(fragments.findings),
  });
  return fragments;
}

/** The stored fragments of an article (as read with it), rendered again first when the templates changed since. */
export function currentReviewFragments(ctx: ServiceContext, summary: ArticleSummary, stored: StoredReviewFragments | undefined): ReviewFragments {
  if (stored?.renderKey === STORED_KEY) return { passages: parseTemplate(stored.passages), findings: parseTemplate(stored.findings) };
  const { repos } = ctx;
  return repos.transaction(() => {
    const article = repos.articles.find(summary.id)!;
    return storeReviewFragments(ctx, article, repos.passages.ofArticle(article.id));
  });
}
