import { Router } from 'express';
import { authorize, signedInUser } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { approveProposal, rejectProposal } from '../services/review.js';
import { assignArticle, queueOf, stepPermission, takeStep } from '../services/review-flow.js';
import { baseVersion, field, idParam } from './params.js';

/** The article's way through review: submit, approve, send back, assign; and each person's queue. */
export function reviewFlowRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/articles/:id/submit', authorize(stepPermission('submit')), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'submit');
    res.redirect(303, `/articles/${id}`);
  });

  router.post('/articles/:id/approve', authorize(stepPermission('approve')), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'approve', field(req.body, 'comment'));
    res.redirect(303, `/articles/${id}`);
  });

  router.post('/articles/:id/send-back', authorize(stepPermission('sendBack')), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'sendBack', field(req.body, 'comment'));
    res.redirect(303, `/articles/${id}`);
  });

  router.post('/articles/:id/assign', authorize('assign'), (req, res) => {
    const id = idParam(req.params.id);
    assignArticle(ctx, signedInUser(req), id, field(req.body, 'assignee') ?? '');
    res.redirect(303, `/articles/${id}`);
  });

  /** Back to where the editor decided: the queue, or the passage on the article page. */
  const afterDecision = (body: unknown, id: number, idx: number) => (field(body, 'back') === 'queue' ? '/queue' : `/articles/${id}#p-${idx}`);

  router.post('/articles/:id/passages/:idx/approve', authorize('approve'), async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await approveProposal(ctx, id, idx, baseVersion(req.body));
    res.redirect(303, afterDecision(req.body, id, idx));
  });

  router.post('/articles/:id/passages/:idx/reject', authorize('approve'), async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await rejectProposal(ctx, signedInUser(req), id, idx, baseVersion(req.body), field(req.body, 'comment'));
    res.redirect(303, afterDecision(req.body, id, idx));
  });

  router.get('/queue', authorize('view'), (req, res) => {
    res.render('queue', { title: 'My queue', ...queueOf(ctx, signedInUser(req)) });
  });

  return router;
}
