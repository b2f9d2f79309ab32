import { Router } from 'express';
import { authorize } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { ValidationError } from '../services/errors.js';
import { passageForEdit } from '../services/articles.js';
import { editPassage, revertPassage } from '../services/review.js';
import { reviewUrl } from './findings.js';
import { field, idParam } from './params.js';

export function passagesRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/articles/:id/passages', authorize('review'));

  router.get('/articles/:id/passages/:idx/edit', (req, res) => {
    const view = passageForEdit(ctx, idParam(req.params.id), idParam(req.params.idx, 'passage'));
    res.render('passages/edit', { title: `Passage ${view.passage.idx + 1} · ${view.article.title}`, ...view });
  });

  router.post('/articles/:id/passages/:idx', (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    const text = field(req.body, 'text');
    if (text === undefined) throw new ValidationError('The corrected text is missing.');
    editPassage(ctx, id, idx, text);
    res.redirect(303, reviewUrl(id, `p-${idx}`));
  });

  router.post('/articles/:id/passages/:idx/revert', (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    revertPassage(ctx, id, idx);
    res.redirect(303, reviewUrl(id, `p-${idx}`));
  });

  return router;
}
