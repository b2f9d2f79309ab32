import type { Request, Response } from 'express';
import { signedInUser } from '../middleware/auth.js';
import { compileView } from '../render/compile.js';
import { STATUS_LABELS, viewHelpers } from '../render/view-helpers.js';
import type { ServiceContext } from '../services/context.js';
import { reviewHead } from '../services/review-fragments.js';

/**
 * What a post from the review page changed, for its script (public/js/workbench.js), which acts
 * in place: the passages whose rows to fetch again (the script also fetches the rows of findings
 * that came or went), a sentence to say, and how to undo an applied fix.
 */
export interface InPlaceAnswer {
  passages: readonly number[];
  notice?: string | null;
  undo?: { action: string; version: number } | null;
}

/** The parts of the review page's head (views/articles/show.ejs) an action can change, which the script replaces. */
const headViews = { summary: compileView('articles/review-summary'), flow: compileView('articles/review-flow') };

/** True when the post came from the review page's script, which asks for JSON; a plain form asks for HTML. */
export function wantsInPlace(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/**
 * The script gets what changed, with the page's head rendered for the viewer as it stands now
 * (status, counts, the review steps open to them); a form post goes back to the page, at `to`
 * (the passage or finding it changed).
 */
export function answerChange(ctx: ServiceContext, req: Request, res: Response, articleId: number, to: string, changed: InPlaceAnswer): void {
  if (!wantsInPlace(req)) return res.redirect(303, to);
  const locals = { ...viewHelpers, ...res.locals, ...reviewHead(ctx, signedInUser(req), articleId), statusLabels: STATUS_LABELS };
  res.json({ ...changed, head: { summary: headViews.summary.render(locals), flow: headViews.flow.render(locals) } });
}
