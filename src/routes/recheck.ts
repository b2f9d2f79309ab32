import { Router } from 'express';
import { authorize } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { recheckProgress } from '../services/recheck.js';

/** How often the progress page reloads itself while articles wait (the Terms page's script asks as often). */
const REFRESH_SECONDS = 2;

/** The re-check's progress as a page of its own: what the Terms page's line links to, and what its script reads the line from. */
export function recheckRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/recheck', authorize('view'), (_req, res) => {
    const recheck = recheckProgress(ctx);
    res.render('recheck', { title: 'Re-check of articles', recheck, refreshSeconds: recheck?.running ? REFRESH_SECONDS : null });
  });
  return router;
}
