import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { hasUsers, userOfToken } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { can, type Action } from '../services/permissions.js';
import { isApiPath } from './errors.js';
import type { CurrentUser } from './session.js';

/**
 * On an empty user table every page leads to the first-run page that creates the admin.
 * Users are never deleted, so once there is one the check is not made again.
 */
export function firstRunGate(ctx: ServiceContext): RequestHandler {
  let usersExist = false;
  return (req, res, next) => {
    if (usersExist || (usersExist = hasUsers(ctx))) return next();
    if (req.path === '/setup') return next();
    if (isApiPath(req.path)) return next(new UnauthenticatedError('The workbench has no users yet; create the admin at /setup first.'));
    res.redirect(303, '/setup');
  };
}

/** Pages need a signed-in user; a browser asking for one is sent to log in and brought back. */
export const requireSignIn: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  next(new UnauthenticatedError('Your session has ended. Sign in again; the change was not saved.'));
};

/** The requester of a route behind requireSignIn or bearerAuth, who a change is recorded for. */
export function signedInUser(req: Request): CurrentUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

/** The CMS API authenticates with a bearer token acting as its user. */
export function bearerAuth(ctx: ServiceContext): RequestHandler {
  return (req, res, next) => {
    const [scheme, token] = (req.get('authorization') ?? '').split(' ');
    const user = scheme?.toLowerCase() === 'bearer' && token ? userOfToken(ctx, token) : undefined;
    if (!user) {
      res.set('WWW-Authenticate', 'Bearer realm="workbench"');
      return next(new UnauthenticatedError('Send a valid API token: Authorization: Bearer <token>.'));
    }
    req.user = user;
    next();
  };
}

/** The route's action must be allowed for the requester's role. */
export function authorize(action: Action): RequestHandler {
  return (req, _res, next) => {
    next(req.user && can(req.user.role, action) ? undefined : new ForbiddenError(`Your role (${req.user?.role ?? 'none'}) does not allow this.`));
  };
}
