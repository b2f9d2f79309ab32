import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import multer from 'multer';
import { BusyError, formatBytes, NotFoundError, WorkbenchError } from '../errors.js';

interface HttpFailure {
  status: number;
  message: string;
  details?: unknown;
}

/** A path the API answers: routing ignores case, so /API/articles is the API too. */
export const isApiPath = (path: string) => /^\/api(\/|$)/i.test(path);

// The review page's script posts asking for JSON (routes/in-place.ts), and shows the error's message in place.
const wantsJson = (req: Request) => isApiPath(req.path) || req.path === '/healthz' || req.accepts(['html', 'json']) === 'json';

/** Errors raised by body parsers (http-errors: 400 malformed, 413 too large with its limit, 415 charset) carry their own status. */
function isExposedHttpError(error: unknown): error is { status: number; message: string; limit?: number } {
  const e = error as { status?: unknown; expose?: unknown } | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
}

/** SQLite gave up waiting for another process's write (better-sqlite3 raises SqliteError with this code). */
function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

function describe(error: unknown): HttpFailure {
  if (isDatabaseBusy(error)) error = new BusyError();
  if (error instanceof WorkbenchError) {
    const details = (error as { details?: unknown }).details;
    return { status: error.status, message: error.message, ...(details === undefined ? {} : { details }) };
  }
  if (error instanceof multer.MulterError) {
    return { status: error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE' ? 413 : 400, message: `Upload refused: ${error.message}` };
  }
  if (isExposedHttpError(error)) {
    const status = error.status;
    const tooLarge = `The request body is too large${error.limit === undefined ? '' : `: the limit is ${formatBytes(error.limit)}`}.`;
    const message = status === 400 ? `Malformed request body: ${error.message}` : status === 413 ? tooLarge : error.message;
    return { status, message };
  }
  return { status: 500, message: 'Something went wrong on our side.' };
}

/** The one 404 for routes that do not exist. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`There is no page at ${req.path}.`));
};

/**
 * Where an error page leads back to: a refused form of an article's page (a post, or the export
 * menu's GET) returns to the article (to the passage that stands in the way, when the error names
 * one); anything else to the list.
 */
function backLink(req: Request, failure: HttpFailure): string {
  const article = /^\/articles\/(\d+)\//.exec(req.path)?.[1];
  if (article === undefined || failure.status === 404) return '/articles';
  const passageIdx = (failure.details as { passageIdx?: unknown } | undefined)?.passageIdx;
  return typeof passageIdx === 'number' ? `/articles/${article}#p-${passageIdx}` : `/articles/${article}`;
}

/** The one error handler: JSON for the API, an HTML page otherwise, with the error's own status. */
export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const failure = describe(error);
    if (failure.status >= 500) log(error);
    res.status(failure.status);
    // Nothing was stored; the same request may be sent again in a moment.
    if (failure.status === 503) res.set('Retry-After', '1');
    if (wantsJson(req)) res.json({ error: failure });
    else res.render('errors/error', { title: `Error ${failure.status}`, status: failure.status, message: failure.message, back: backLink(req, failure) });
  };
}
