import type { ServiceContext } from '../../src/services/context.js';
import type { Db } from '../../src/db/connection.js';
import type { User } from '../../src/db/repositories/users.js';
import { importArticle } from '../../src/services/import.js';
import { applyFinding, decideProposals, dismissFinding, editPassage } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import { demoText, testContext, testUser } from './app.js';

export interface ReviewedArticle {
  /** The in-memory database it is stored in, for an app or a command line over it. */
  db: Db;
  ctx: ServiceContext;
  id: number;
  translator: User;
  editor: User;
  /** The finding the translator dismissed, and the passage they edited by hand. */
  dismissed: { fingerprint: string; check: string; reason: string };
  editedIdx: number;
}

/** The reason the scripted review gives for its dismissal. */
export const DISMISSAL_REASON = 'Not a slip: the source names two people';

/**
 * A review as the exports see it after a working day: the translator dismisses the last warning,
 * applies every other fix (as proposals), rewrites one passage by hand and submits;
 * the editor approves all proposals and then the article. `approve: false` stops after the submit.
 */
export async function reviewedArticle(text: string = demoText, { approve = true } = {}): Promise<ReviewedArticle> {
  const { db, ctx } = testContext();
  const translator = testUser(ctx, 'translator');
  const editor = testUser(ctx, 'editor');
  const { id } = await importArticle(ctx, { text, targetLang: 'en', actor: editor });
  // A warning (a likely slip, not a certain one) is what a reviewer dismisses.
  const toDismiss = ctx.repos.findings.ofArticle(id).filter((f) => f.severity === 'warning').at(-1);
  if (!toDismiss) throw new Error('The article needs a warning for the review to dismiss.');
  await dismissFinding(ctx, translator, id, toDismiss.fingerprint, DISMISSAL_REASON);
  for (let next = openFix(ctx, id); next; next = openFix(ctx, id)) await applyFinding(ctx, translator, id, next.fingerprint);
  // The last passage that is not the title, rewritten by hand.
  const passages = ctx.repos.passages.ofArticle(id);
  const edited = passages[passages.length - 1]!;
  await editPassage(ctx, translator, id, edited.idx, `${edited.correctedText} The figures were confirmed by the ministry.`, edited.version, 'omission-addition');
  takeStep(ctx, translator, id, 'submit', undefined, true);
  if (approve) {
    const picks = ctx.repos.passages.ofArticle(id).filter((p) => p.correctedText !== p.approvedText).map((p) => ({ articleId: id, idx: p.idx, version: p.version }));
    await decideProposals(ctx, editor, 'approve', picks);
    takeStep(ctx, editor, id, 'approve');
  }
  return { db, ctx, id, translator, editor, dismissed: { fingerprint: toDismiss.fingerprint, check: toDismiss.check, reason: DISMISSAL_REASON }, editedIdx: edited.idx };
}

function openFix(ctx: ServiceContext, id: number) {
  return ctx.repos.findings.ofArticle(id).find((f) => !f.dismissed && f.fix);
}
