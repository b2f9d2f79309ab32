import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { errorHandler, notFound } from './middleware/errors.js';
import type { ReferenceData } from './reference/index.js';
import { loadReference } from './reference/load.js';
import { bearerAuth, firstRunGate, requireSignIn } from './middleware/auth.js';
import { checkFormToken, loadSession, refuseCrossSite } from './middleware/session.js';
import { adminRouter } from './routes/admin.js';
import { apiArticlesRouter } from './routes/api/articles.js';
import { apiRecheckRouter } from './routes/api/recheck.js';
import { apiTermsRouter } from './routes/api/terms.js';
import { authRouter } from './routes/auth.js';
import { articlesRouter } from './routes/articles.js';
import { findingsRouter } from './routes/findings.js';
import { healthRouter } from './routes/health.js';
import { viewHelpers } from './render/view-helpers.js';
import { namesRouter } from './routes/names.js';
import { passagesRouter } from './routes/passages.js';
import { recheckRouter } from './routes/recheck.js';
import { reviewFlowRouter } from './routes/review-flow.js';
import { TERM_IMPORT_PATH, termFilesRouter } from './routes/term-files.js';
import { termsRouter } from './routes/terms.js';
import { createServiceContext, type ServiceContext } from './services/context.js';
import type { Reviewer } from './services/reviewer.js';
import { startTermbase } from './services/termbase.js';

const VIEWS_DIR = fileURLToPath(new URL('../views/', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

export interface AppOptions {
  db: Db;
  config: Config;
  /** Loaded from config.termbaseFile and the starter data when not given. */
  reference?: ReferenceData;
  log?: (error: unknown) => void;
  /** Who checks and renders changed articles: the server passes worker threads; by default this thread. */
  reviewer?: Reviewer;
  /**
   * The services to serve with, when the caller keeps them too: the server's background work
   * (following the termbase, refreshing the archive's names) must read what the routes change.
   * Built from the options above when not given.
   */
  services?: ServiceContext;
}

/** The import forms' paths: the routes that take multipart/form-data, and check their CSRF token after parsing it. */
const IMPORT_PATHS = ['/articles', TERM_IMPORT_PATH];

/** Builds the workbench app over an open, migrated database, without listening. */
export function createApp({ db, config, reference, log = console.error, reviewer, services }: AppOptions): Express {
  const ctx = services ?? createServiceContext(db, reference ?? loadReference({ termbase: config.termbaseFile }), reviewer, config.webhook);
  // The database's terms, loaded from WORKBENCH_TERMS or the starter termbase the first time.
  startTermbase(ctx, config.termbaseFile);
  const app = express();
  app.set('env', config.production ? 'production' : 'development');
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.set('view cache', config.production);
  // Views include partials by their path from the views root ("/partials/…"), which EJS resolves
  // without the file-system lookup it makes for a relative include on every render; and they
  // destructure `locals` instead of EJS's `with (locals)`, which keeps V8 from optimising them.
  // (EJS 4 and later no longer read Express's "view options", so the engine passes them itself.)
  app.engine('ejs', (path, data, done) => ejs.renderFile(path, data as ejs.Data, { root: VIEWS_DIR, _with: false, cache: config.production }, done));
  app.set('query parser', 'simple');
  // Pages change with every review action and are cheap to send again; hashing each body for
  // an ETag cost more than the rest of serving an article page.
  app.set('etag', false);
  app.disable('x-powered-by');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  Object.assign(app.locals, viewHelpers);

  // Scripts only from public/js: no inline script or handler anywhere. The referrer stays on this
  // site: under helmet's default (no-referrer) a browser sends "Origin: null" with its own forms,
  // which refuseCrossSite could not tell from a sandboxed page elsewhere.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'upgrade-insecure-requests': null } },
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: config.production ? '1h' : 0 }));
  // Everything past the static files is one user's view at one moment (pages, API answers, forms
  // with their CSRF token): no browser or proxy cache keeps a copy for the next person at the desk.
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(healthRouter(ctx));
  app.use(firstRunGate(ctx));
  // The API: bearer tokens only, so no cookie is ever honoured there and CSRF cannot apply.
  app.use('/api', bearerAuth(ctx), apiArticlesRouter(ctx, config), apiTermsRouter(ctx), apiRecheckRouter(ctx));
  // Pages: a session cookie, changes only from this site, and a CSRF token on every form.
  app.use(loadSession(ctx, config));
  app.use(refuseCrossSite);
  app.use(express.urlencoded({ extended: false, limit: config.maxFormBytes }));
  app.use(checkFormToken(IMPORT_PATHS));
  app.use(authRouter(ctx, config));
  app.use(requireSignIn);
  // Under its prefix, so the pages read most never walk its routes.
  app.use('/admin', adminRouter(ctx));
  app.use(articlesRouter(ctx, config));
  app.use(findingsRouter(ctx));
  app.use(passagesRouter(ctx));
  app.use(reviewFlowRouter(ctx));
  // Before the terms router, whose /terms/:id would take "import" and "export.csv" for ids.
  app.use(termFilesRouter(ctx, config));
  app.use(termsRouter(ctx));
  app.use(namesRouter(ctx));
  app.use(recheckRouter(ctx));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
