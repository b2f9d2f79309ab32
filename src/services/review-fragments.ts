import type { ArticleSummary } from '../db/repositories/articles.js';
import type { AudienceFragments } from '../db/repositories/review-fragments.js';
import type { Role } from '../db/repositories/users.js';
import { fragmentArticle, RENDER_KEY, renderPassageRow, rowFormPrefix, unpackFragment, type RenderedFragment, type StoredFragment } from '../render/review-fragments.js';
import { changeArticle } from './article-change.js';
import { LATEST_COMMENTS } from './review-state.js';
import type { ServiceContext } from './context.js';
import { NotFoundError } from '../errors.js';
import type { SendBack } from '../db/repositories/article-events.js';
import { mayDecideProposals, openActions, standingSendBack, type OpenActions } from './review-flow.js';
import { requireArticle, requireSummary } from './review.js';

/** The review page's passages (for the viewer's audience) and findings panel, compressed, with the number of forms each holds. */
export interface ReviewFragments {
  passages: StoredFragment;
  findings: StoredFragment;
}

const unpacked = (stored: AudienceFragments): ReviewFragments => ({ passages: unpackFragment(stored.passages), findings: unpackFragment(stored.findings) });

/**
 * The stored fragments of an article (as read with it, for the content version read with them).
 * When they show another content version (a write did not render them again, or a change of
 * another process is being stored) or were rendered by other templates, or there are none, the
 * article is reviewed and stored again first, like a change that leaves its text as it is.
 */
async function currentReviewFragments(
  ctx: ServiceContext,
  articleId: number,
  approver: boolean,
  contentVersion: number,
  stored: AudienceFragments | undefined,
): Promise<ReviewFragments> {
  if (stored?.renderKey === RENDER_KEY && stored.contentVersion === contentVersion) return unpacked(stored);
  await changeArticle(ctx, articleId, (snapshot) => ({ state: snapshot, touches: false, record: () => {} }));
  return unpacked(ctx.repos.reviewFragments.find(articleId, approver)!);
}

/** The top of the review page as the viewer sees it: the article's summary row and the review steps open to them. */
export interface ReviewHead {
  article: ArticleSummary;
  actions: OpenActions;
  /** The editor's send-back comment, until the article is submitted again. */
  sentBack: SendBack | null;
}

export interface ReviewView extends ReviewHead {
  /** Rendered for the viewer's audience: with approve and reject forms only for those who may approve. */
  fragments: ReviewFragments;
}

const headOf = (ctx: ServiceContext, viewer: { role: Role }, article: ArticleSummary): ReviewHead => ({
  article,
  actions: openActions(ctx, viewer.role, article),
  sentBack: standingSendBack(ctx, article.id),
});

/** Everything the article page shows the viewer: the article's summary row, its stored fragments and the review steps open to them. */
export async function reviewArticle(ctx: ServiceContext, viewer: { role: Role }, id: number): Promise<ReviewView> {
  const approver = mayDecideProposals(viewer.role);
  const found = ctx.repos.articles.findForReview(id, approver);
  if (!found) throw new NotFoundError(`There is no article ${id}.`);
  const fragments = await currentReviewFragments(ctx, id, approver, found.contentVersion, found.fragments);
  return { ...headOf(ctx, viewer, found.summary), fragments };
}

/** The review page's head alone, read now on one snapshot: what an action taken in place brings up to date. */
export function reviewHead(ctx: ServiceContext, viewer: { role: Role }, id: number): ReviewHead {
  return ctx.repos.snapshot(() => headOf(ctx, viewer, requireSummary(ctx, id)));
}

/** A part of the review page rendered for one viewer, now: the prefix its forms are numbered after, for their token inputs. */
export interface ViewerFragment extends RenderedFragment {
  formPrefix: string;
}

/**
 * One passage's row of the review page as the viewer sees it (with approve and reject only for
 * those who may approve), rendered from the stored article now: what an action taken in place
 * replaces its row with.
 */
export function passageRowFor(ctx: ServiceContext, viewer: { role: Role }, articleId: number, idx: number): ViewerFragment {
  const { repos } = ctx;
  return repos.snapshot(() => {
    const article = requireArticle(ctx, articleId);
    const passage = repos.passages.find(articleId, idx);
    if (!passage) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
    const findings = repos.findings.ofArticle(articleId).filter((f) => f.passageIdx === idx);
    const row = renderPassageRow(fragmentArticle(article), passage, findings, repos.passageComments.briefs(articleId, LATEST_COMMENTS).get(idx), mayDecideProposals(viewer.role));
    return { ...row, formPrefix: rowFormPrefix(idx) };
  });
}
