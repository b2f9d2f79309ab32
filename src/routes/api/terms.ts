import { Router } from 'express';
import { authorize } from '../../middleware/auth.js';
import type { ServiceContext } from '../../services/context.js';
import { searchTerms } from '../../services/termbase.js';
import { field } from '../params.js';

/** GET /api/terms: the termbase as JSON, every term `q` and `kind` select (an unknown kind is refused). */
export function apiTermsRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/terms', authorize('view'), (req, res) => {
    const terms = searchTerms(ctx, { q: field(req.query, 'q'), kind: field(req.query, 'kind'), language: field(req.query, 'language') });
    res.json({ total: terms.length, terms });
  });
  return router;
}
