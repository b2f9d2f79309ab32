import { Router } from 'express';
import { authorize } from '../../middleware/auth.js';
import type { ServiceContext } from '../../services/context.js';
import { recheckProgress } from '../../services/recheck.js';

/** GET /api/terms/recheck: the re-check of the articles the termbase's last changes affect, as JSON (null before the first). */
export function apiRecheckRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/terms/recheck', authorize('view'), (_req, res) => {
    res.json({ recheck: recheckProgress(ctx) });
  });
  return router;
}
