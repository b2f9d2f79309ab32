import { Router } from 'express';
import type { Config } from '../config.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { IMPORT_MODES, type ImportMode } from '../reference/import-plan.js';
import { isTermFileFormat, TERM_FILE_FORMATS } from '../reference/term-files.js';
import { decodeArticle } from '../text/decode.js';
import { authorize, signedInUser } from '../middleware/auth.js';
import { csrf } from '../middleware/session.js';
import type { ServiceContext } from '../services/context.js';
import { confirmTermImport, holdTermImport, previewTermImport, termbaseDownload, type TermImportPreview } from '../services/term-files.js';
import { multipartBody, multipartUpload } from './multipart.js';
import { noticeOf, withNotice } from './notices.js';
import { field, requesterError } from './params.js';

/** The termbase import form's path, one of the two that take multipart/form-data. */
export const TERM_IMPORT_PATH = '/terms/import';

/** The import form's fields: the file, the mode, the CSRF token, and room for a few more. */
const TERM_IMPORT_FIELDS = 8;

interface ImportPage {
  mode: ImportMode;
  error: string | null;
  preview: TermImportPreview | null;
  /** The id the confirmation names, with a preview. */
  importId: string | null;
  notice: string | null;
}

function importPageView(page: Partial<ImportPage>) {
  return { title: 'Import terms', formats: TERM_FILE_FORMATS, mode: 'merge', error: null, preview: null, importId: null, notice: null, ...page };
}

function modeOf(body: unknown): ImportMode {
  const mode = field(body, 'mode') ?? 'merge';
  if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw new ValidationError(`The import mode must be ${IMPORT_MODES.join(' or ')}, not “${mode}”.`);
  return mode as ImportMode;
}

/**
 * The termbase as files: its export as CSV or TBX, and the import of a file in two steps: the
 * upload shows what it would change, and only a confirmation of that plan changes the termbase.
 */
export function termFilesRouter(ctx: ServiceContext, config: Config): Router {
  const router = Router();
  const upload = multipartUpload(config, { files: 1, fields: TERM_IMPORT_FIELDS });

  // Reading the termbase is every signed-in user's; a file of it shows nothing more.
  router.get('/terms/export.:format', authorize('view'), (req, res) => {
    const format = field(req.params, 'format');
    if (!isTermFileFormat(format)) throw new NotFoundError(`The termbase is exported as ${Object.keys(TERM_FILE_FORMATS).join(' or ')}, not as “${format}”.`);
    const download = termbaseDownload(ctx, format);
    res.attachment(download.fileName).type(download.mediaType).send(download.content);
  });

  router.get(TERM_IMPORT_PATH, authorize('editTerms'), (req, res) => {
    res.render('terms/import', importPageView({ notice: noticeOf(req.query) }));
  });

  router.post(TERM_IMPORT_PATH, authorize('editTerms'), multipartBody(upload.single('file'), config), csrf.csrfSynchronisedProtection, (req, res) => {
    let mode: ImportMode = 'merge';
    try {
      mode = modeOf(req.body);
      const file = req.file;
      if (!file || file.size === 0) throw new ValidationError('Choose a termbase file (.csv, .tbx or .json) to import.');
      const preview = previewTermImport(ctx, decodeArticle(file.buffer, file.originalname), file.originalname, mode);
      const importId = holdTermImport(ctx, signedInUser(req), preview);
      res.render('terms/import', importPageView({ mode, preview, importId }));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('terms/import', importPageView({ mode, error: refused.message }));
    }
  });

  router.post(`${TERM_IMPORT_PATH}/confirm`, authorize('editTerms'), (req, res) => {
    try {
      confirmTermImport(ctx, signedInUser(req), field(req.body, 'import') ?? '');
      res.redirect(303, withNotice(TERM_IMPORT_PATH, 'terms-imported'));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('terms/import', importPageView({ error: refused.message }));
    }
  });

  return router;
}
