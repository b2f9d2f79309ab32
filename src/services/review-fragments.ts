import type { StoredReviewFragments } from '../db/repositories/review-fragments.js';
import { parseTemplate, type CompressedTemplate } from '../lib/http/gzip-assembly.js';
import { changeArticle } from './article-change.js';
import type { ServiceContext } from './context.js';
import { STORED_RENDER_KEY } from './review-state.js';

/** The review page's passages and findings panel, compressed, with TOKEN_SLOT where each form's token goes. */
export interface ReviewFragments {
  passages: CompressedTemplate;
  findings: CompressedTemplate;
}

/**
 * The stored fragments of an article (as read with it). When the templates changed since they
 * were stored, the article is reviewed and stored again first, like a change that leaves its
 * text as it is.
 */
export async function currentReviewFragments(ctx: ServiceContext, articleId: number, stored: StoredReviewFragments | undefined): Promise<ReviewFragments> {
  if (stored?.renderKey === STORED_RENDER_KEY) return { passages: parseTemplate(stored.passages), findings: parseTemplate(stored.findings) };
  await changeArticle(ctx, articleId, (snapshot) => ({ state: snapshot, touches: false, record: () => {} }));
  const fresh = ctx.repos.reviewFragments.find(articleId)!;
  return { passages: parseTemplate(fresh.passages), findings: parseTemplate(fresh.findings) };
}
