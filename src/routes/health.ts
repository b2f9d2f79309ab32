import { Router } from 'express';
import type { ServiceContext } from '../services/context.js';
import { databaseAnswers } from '../services/health.js';

export function healthRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const database = databaseAnswers(ctx);
    res.status(database ? 200 : 503).json({ status: database ? 'ok' : 'unavailable', database });
  });
  return router;
}
