import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { escapeHtml } from '../lib/diff/index.js';
import type { StoredSession } from '../db/repositories/sessions.js';
import type { Role } from '../db/repositories/users.js';
import { endSession, sessionFinder, startSession } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { ForbiddenError, WorkbenchError } from '../errors.js';

export const SESSION_COOKIE = 'wb_session';

export interface CurrentUser {
  id: number;
  name: string;
  role: Role;
}

declare global {
  namespace Express {
    interface Request {
      /** The browser session, signed in or not; absent for API requests and before a form page creates one. */
      session?: StoredSession;
      /** Who is making the request: the session's user or the API token's. */
      user?: CurrentUser;
    }
  }
}

/** A CSRF token's random bytes: 128 bits, as OWASP asks (sent as 32 hex characters). */
const CSRF_TOKEN_BYTES = 16;

/**
 * CSRF protection by synchronizer token (csrf-sync): one token per session, kept in the
 * session row and sent back in every form's hidden _csrf field. A session's token is made
 * when the session is, so checking a form never writes.
 */
export const csrf = csrfSync({
  size: CSRF_TOKEN_BYTES,
  getTokenFromState: (req) => req.session?.csrfToken,
  storeTokenInState: (req, token) => {
    if (req.session && token) req.session.csrfToken = token;
  },
  getTokenFromRequest: (req) => {
    const value = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof value === 'string' ? value : req.get('x-csrf-token');
  },
  errorConfig: { statusCode: 403, message: 'This form has expired or did not come from this workbench. Reload the page and try again.' },
});

function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' };
}

/** What every view may show of the requester: who they are, the page they asked for (the navigation marks it) and the hidden CSRF field for its forms. */
export function setViewLocals(req: Request, res: Response): void {
  res.locals.currentUser = req.user ?? null;
  res.locals.currentPath = req.path;
  res.locals.csrfToken = req.session?.csrfToken ?? '';
  res.locals.csrfField = `<input type="hidden" name="_csrf" value="${escapeHtml(req.session?.csrfToken ?? '')}">`;
}

/**
 * Checks the CSRF token of every form post. Only the import forms (an article, a termbase file)
 * are multipart: their routes parse the body with multer and check the token themselves. A
 * multipart post anywhere else is refused, since no parser reads its token there and the route
 * would run unchecked.
 */
export function checkFormToken(importPaths: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return csrf.csrfSynchronisedProtection(req, res, next);
    if (req.method === 'POST' && importPaths.includes(req.path)) return next();
    next(new WorkbenchError('Only the import forms send multipart/form-data; send this form url-encoded.', 415));
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An origin as the browser serialises it (lower-case host, no default port), or undefined when it is not one. */
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The second layer under the CSRF token: a change whose browser says it comes from another site
 * (Sec-Fetch-Site) or from another origin (Origin) is refused. The site's own origin is the
 * request's scheme and host, which behind a trusted proxy are the forwarded ones. A client that
 * sends neither header (an older browser, a script) is left to the token.
 */
export const refuseCrossSite: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const fetchSite = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const ownOrigin = req.host ? originOf(`${req.protocol}://${req.host}`) : undefined;
  const foreign = fetchSite === 'cross-site' || fetchSite === 'same-site' || (origin !== undefined && (ownOrigin === undefined || originOf(origin) !== ownOrigin));
  next(foreign ? new ForbiddenError('This form was sent from another site; the workbench takes changes only from its own pages.') : undefined);
};

/** Reads the session cookie and puts the live session and its user on the request. */
export function loadSession(ctx: ServiceContext, config: Config): RequestHandler {
  const findSession = sessionFinder(ctx, config.session);
  return (req, res, next) => {
    const id = req.headers.cookie ? parseCookies(req.headers.cookie)[SESSION_COOKIE] : undefined;
    const session = id ? findSession(id) : undefined;
    if (session) {
      req.session = session;
      if (session.user) req.user = session.user;
    }
    setViewLocals(req, res);
    next();
  };
}

/**
 * Starts a new session for the request, ending the one it had: at login (so a session id
 * fixed before login is worthless after it), at logout, and for the first form of a visitor.
 */
export function renewSession(ctx: ServiceContext, config: Config, req: Request, res: Response, user: CurrentUser | null): void {
  if (req.session) endSession(ctx, req.session.idHash);
  const now = ctx.now();
  // A fresh object for csrf-sync to store the new token in; the stored row gets the same token.
  req.session = { idHash: '', csrfToken: '', createdAt: now, lastSeenAt: now, user };
  const csrfToken = csrf.generateToken(req, true);
  const id = startSession(ctx, user?.id ?? null, csrfToken, config.session);
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, id, { ...cookieOptions(config), maxAge: Math.floor(config.session.absoluteMs / 1000) }));
  if (user) req.user = user;
  else delete req.user;
  setViewLocals(req, res);
}

/** A session for a form page shown to a visitor who has none (login, first run). */
export function ensureSession(ctx: ServiceContext, config: Config): RequestHandler {
  return (req, res, next) => {
    if (!req.session) renewSession(ctx, config, req, res, null);
    next();
  };
}

export function clearSessionCookie(config: Config, res: Response): void {
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { ...cookieOptions(config), maxAge: 0 }));
}
