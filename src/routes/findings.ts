import { Router } from 'express';
import { authorize, signedInUser } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { ValidationError } from '../errors.js';
import { applyFinding, applyGroupSpelling, dismissCheck, dismissFinding, undoDismissalAction, undoFindingDismissal } from '../services/review.js';
import { answerChange } from './in-place.js';
import { field, idParam } from './params.js';

/** Back to the article after a change, at the part that changed: a passage (`p-N`) or a finding. */
export function reviewUrl(id: number, anchor: string): string {
  return `/articles/${id}#${anchor}`;
}

/** The first passage a change touched, or the findings panel when it touched none. */
function passageAnchor(passages: readonly number[]): string {
  return passages.length > 0 ? `p-${Math.min(...passages)}` : 'findings';
}

function suggestionIndex(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,3}$/.test(value)) throw new ValidationError('There is no such suggestion.');
  return Number(value);
}

export function findingsRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/articles/:id/findings', authorize('review'));
  router.use('/articles/:id/groups', authorize('review'));
  router.use('/articles/:id/checks', authorize('review'));
  // Undoing a dismissal takes what dismissing takes: it changes no text, and the history says who.
  router.use('/articles/:id/dismissals', authorize('review'));

  router.post('/articles/:id/findings/:fingerprint/apply', async (req, res) => {
    const id = idParam(req.params.id);
    const { passages, undo } = await applyFinding(ctx, signedInUser(req), id, req.params.fingerprint, suggestionIndex(field(req.body, 'suggestion')));
    // The undo is a form post the page's script sends: a restore from the history, or a revert.
    const undoForm = undo && {
      action: undo.restoreEvent === null ? `/articles/${id}/passages/${undo.idx}/revert` : `/articles/${id}/history/${undo.restoreEvent}/restore`,
      version: undo.version,
    };
    answerChange(ctx, req, res, id, reviewUrl(id, passageAnchor(passages)), { passages, undo: undoForm });
  });

  router.post('/articles/:id/findings/:fingerprint/dismiss', async (req, res) => {
    const id = idParam(req.params.id);
    await dismissFinding(ctx, signedInUser(req), id, req.params.fingerprint, field(req.body, 'reason'));
    answerChange(ctx, req, res, id, reviewUrl(id, `finding-${req.params.fingerprint}`), { passages: [] });
  });

  router.post('/articles/:id/findings/:fingerprint/undo-dismissal', async (req, res) => {
    const id = idParam(req.params.id);
    await undoFindingDismissal(ctx, signedInUser(req), id, req.params.fingerprint);
    answerChange(ctx, req, res, id, reviewUrl(id, `finding-${req.params.fingerprint}`), { passages: [] });
  });

  router.post('/articles/:id/dismissals/:action/undo', async (req, res) => {
    const id = idParam(req.params.id);
    await undoDismissalAction(ctx, signedInUser(req), id, idParam(req.params.action, 'dismissal'));
    res.redirect(303, `/articles/${id}/history`);
  });

  router.post('/articles/:id/groups/apply', async (req, res) => {
    const id = idParam(req.params.id);
    const group = field(req.body, 'group');
    const spelling = field(req.body, 'spelling');
    if (!group || !spelling) throw new ValidationError('Choose the spelling to use.');
    const passages = await applyGroupSpelling(ctx, signedInUser(req), id, group, spelling);
    answerChange(ctx, req, res, id, reviewUrl(id, passageAnchor(passages)), { passages });
  });

  router.post('/articles/:id/checks/:check/dismiss', async (req, res) => {
    const id = idParam(req.params.id);
    const check = req.params.check;
    await dismissCheck(ctx, signedInUser(req), id, check, field(req.body, 'reason'));
    answerChange(ctx, req, res, id, reviewUrl(id, `check-${check}`), { passages: [] });
  });

  return router;
}
