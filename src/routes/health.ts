import { Router } from 'express';
import type { ServiceContext } from '../services/context.js';

export function healthRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    let database = false;
    try {
      database = ctx.repos.ping();
    } catch {
      database = false;
    }
    res.status(database ? 200 : 503).json({ status: database ? 'ok' : 'unavailable', database });
  });
  return router;
}
