import { Router } from 'express';
import { authorize, signedInUser } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { assignArticle, queueOf, takeStep } from '../services/review-flow.js';
import { field, idParam } from './params.js';

/** The article's way through review: submit, approve, send back, assign; and each person's queue. */
export function reviewFlowRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/articles/:id/submit', authorize('review'), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'submit');
    res.redirect(303, `/articles/${id}`);
  });

  router.post('/articles/:id/approve', authorize('approve'), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'approve', field(req.body, 'comment'));
    res.redirect(303, `/articles/${id}`);
  });

  router.post('/articles/:id/send-back', authorize('approve'), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'sendBack', field(req.body, 'comment'));
    res.redirect(303, `/articles/${id}`);
  });

  router.post('/articles/:id/assign', authorize('assign'), (req, res) => {
    const id = idParam(req.params.id);
    assignArticle(ctx, signedInUser(req), id, field(req.body, 'assignee') ?? '');
    res.redirect(303, `/articles/${id}`);
  });

  router.get('/queue', authorize('view'), (req, res) => {
    res.render('queue', { title: 'My queue', ...queueOf(ctx, signedInUser(req)) });
  });

  return router;
}
