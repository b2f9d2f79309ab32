import { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import { ValidationError, WorkbenchError } from '../errors.js';
import { clearSessionCookie, ensureSession, renewSession } from '../middleware/session.js';
import { authenticate, createFirstAdmin, endSession, hasUsers, MIN_PASSWORD } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { field, requesterError } from './params.js';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per quarter hour for one name from one address. */
const LOGIN_ATTEMPTS = 10;
/** And from one address whatever the names: room for an office behind one address, not for trying every name. */
const LOGIN_ATTEMPTS_PER_ADDRESS = 30;

/** Where to go after login: a path on this site only, never another host. */
function safeNext(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/articles';
}

export function authRouter(ctx: ServiceContext, config: Config): Router {
  const router = Router();
  // Guessing passwords: failed sign-ins are counted per name and address, and per address.
  const failedSignInLimit = (limit: number, key: (req: Request) => string) =>
    rateLimit({
      windowMs: LOGIN_WINDOW_MS,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: key,
      handler: (_req, _res, next) => next(new WorkbenchError('Too many failed sign-ins. Wait a quarter of an hour and try again.', 429)),
      skipSuccessfulRequests: true,
    });
  const address = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const perAddressLimit = failedSignInLimit(LOGIN_ATTEMPTS_PER_ADDRESS, address);
  const perNameLimit = failedSignInLimit(LOGIN_ATTEMPTS, (req) => `${address(req)}|${(field(req.body, 'name') ?? '').trim().toLowerCase()}`);

  router.get('/setup', ensureSession(ctx, config), (req, res) => {
    if (hasUsers(ctx)) return res.redirect(303, '/login');
    res.render('auth/setup', { title: 'Create the admin account', name: '', error: null, minPassword: MIN_PASSWORD });
  });

  router.post('/setup', async (req, res) => {
    const name = field(req.body, 'name') ?? '';
    const password = field(req.body, 'password') ?? '';
    try {
      if (password !== field(req.body, 'confirm')) throw new ValidationError('The two passwords differ.');
      const user = await createFirstAdmin(ctx, { name, password });
      renewSession(ctx, config, req, res, user);
      res.redirect(303, '/articles');
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('auth/setup', { title: 'Create the admin account', name, error: refused.message, minPassword: MIN_PASSWORD });
    }
  });

  router.get('/login', ensureSession(ctx, config), (req, res) => {
    if (req.user) return res.redirect(303, safeNext(field(req.query, 'next')));
    res.render('auth/login', { title: 'Sign in', name: '', next: safeNext(field(req.query, 'next')), error: null });
  });

  router.post('/login', perAddressLimit, perNameLimit, async (req, res) => {
    const name = field(req.body, 'name') ?? '';
    const next = safeNext(field(req.body, 'next'));
    const user = await authenticate(ctx, name, field(req.body, 'password') ?? '');
    if (!user) {
      return res.status(401).render('auth/login', { title: 'Sign in', name, next, error: 'That name and password do not match an active account.' });
    }
    renewSession(ctx, config, req, res, user);
    res.redirect(303, next);
  });

  router.post('/logout', (req, res) => {
    if (req.session) endSession(ctx, req.session.idHash);
    clearSessionCookie(config, res);
    res.redirect(303, '/login');
  });

  return router;
}
