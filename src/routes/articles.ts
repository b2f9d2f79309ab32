import { Router, type Request, type RequestHandler } from 'express';
import type { Config } from '../config.js';
import { downloadName } from '../export/file-name.js';
import { EXPORT_TEXT_LABELS } from '../export/format.js';
import { exportFormats } from '../export/index.js';
import { ACCEPTED_EXTENSIONS, extractText } from '../import/formats.js';
import { storedChunk } from '../lib/http/gzip-assembly.js';
import { articleListRenderer } from '../render/article-list.js';
import { FORM_ID_PREFIXES, formTokenInputs } from '../render/review-fragments.js';
import { STATUS_LABELS } from '../render/view-helpers.js';
import { correctedText } from '../services/articles.js';
import type { ServiceContext } from '../services/context.js';
import { importArticle, type ImportInput } from '../services/import.js';
import { passageRowFor, reviewArticle } from '../services/review-fragments.js';
import { authorize, signedInUser } from '../middleware/auth.js';
import { csrf } from '../middleware/session.js';
import { can } from '../services/permissions.js';
import { renderAssembled, sendPage, sendParts } from './assembled-page.js';
import { exportHandler, zipExportHandler } from './export.js';
import { noticeOf } from './notices.js';
import { compileView } from '../render/compile.js';
import { articleListQuery, field, idParam, requesterError } from './params.js';
import { multipartBody, multipartUpload } from './multipart.js';

/** Where the article page takes its stored fragments. */
const PASSAGES_MARK = '<!--passages-->';
const FINDINGS_MARK = '<!--findings-->';

interface ImportForm {
  title: string;
  targetLang: string;
  sourceLang: string;
  text: string;
  source: string;
}

const emptyForm: ImportForm = { title: '', targetLang: 'en', sourceLang: '', text: '', source: '' };

function importFormView(form: ImportForm, error: string | null) {
  return { title: 'Import an article', form, error, accept: ACCEPTED_EXTENSIONS.join(',') };
}

type UploadedFiles = Record<string, Express.Multer.File[] | undefined>;

/** The pasted text, or the uploaded file's text when a file was chosen. */
async function textOf(req: Request, pasted: string, fileField: string, maxTextBytes: number): Promise<string> {
  const file = (req.files as UploadedFiles | undefined)?.[fileField]?.[0];
  return file && file.size > 0 ? extractText(file.originalname, file.buffer, maxTextBytes) : pasted;
}

/** More text fields than the import form has (six) and room for a few more; a post with many more is not from it. */
const IMPORT_FORM_FIELDS = 16;

export function articlesRouter(ctx: ServiceContext, config: Config): Router {
  const router = Router();
  const upload = multipartUpload(config, { files: 2, fields: IMPORT_FORM_FIELDS });

  router.get('/', (_req, res) => res.redirect('/articles'));

  const listPage = articleListRenderer(ctx);

  const reviewView = compileView('articles/show');
  const listHead = compileView('articles/list-head');

  router.get('/articles', authorize('view'), (req, res) => {
    const { filter, page } = articleListQuery(req.query);
    const head = storedChunk(listHead.render({ canImport: can(signedInUser(req).role, 'import') }));
    sendPage(req, res, 'Articles', [head, listPage(filter, page)]);
  });

  // Before /articles/:id, which would take "export.zip" for an id.
  router.get('/articles/export.zip', authorize('view'), zipExportHandler(ctx));

  router.get('/articles/new', authorize('import'), (_req, res) => {
    res.render('articles/new', importFormView(emptyForm, null));
  });

  router.post('/articles', authorize('import'), multipartBody(upload.fields([{ name: 'file', maxCount: 1 }, { name: 'sourceFile', maxCount: 1 }]), config), csrf.csrfSynchronisedProtection, async (req, res) => {
    const form: ImportForm = {
      title: field(req.body, 'title') ?? '',
      targetLang: field(req.body, 'targetLang') ?? 'en',
      sourceLang: field(req.body, 'sourceLang') ?? '',
      text: field(req.body, 'text') ?? '',
      source: field(req.body, 'source') ?? '',
    };
    try {
      const input: ImportInput = {
        title: form.title,
        text: await textOf(req, form.text, 'file', config.maxBodyBytes),
        source: await textOf(req, form.source, 'sourceFile', config.maxBodyBytes),
        sourceLang: form.sourceLang,
        targetLang: form.targetLang,
      };
      const { id } = await importArticle(ctx, input);
      res.redirect(303, `/articles/${id}`);
    } catch (error) {
      // A problem with what was submitted re-renders the form with the values kept.
      const refused = requesterError(error);
      res.status(refused.status).render('articles/new', importFormView(form, refused.message));
    }
  });

  router.get('/articles/:id', authorize('view'), async (req, res) => {
    const { article, fragments, actions, sentBack } = await reviewArticle(ctx, signedInUser(req), idParam(req.params.id));
    const token = res.locals.csrfToken as string;
    // Each stored fragment, then its forms' token inputs for this request.
    const fills = new Map([
      [PASSAGES_MARK, [fragments.passages.chunk, storedChunk(formTokenInputs(FORM_ID_PREFIXES.passages, fragments.passages.forms, token))]],
      [FINDINGS_MARK, [fragments.findings.chunk, storedChunk(formTokenInputs(FORM_ID_PREFIXES.findings, fragments.findings.forms, token))]],
    ]);
    renderAssembled(req, res, article.title, reviewView, { article, actions, sentBack, statusLabels: STATUS_LABELS, exportFormats, exportTexts: EXPORT_TEXT_LABELS, PASSAGES_MARK, FINDINGS_MARK, notice: noticeOf(req.query) }, fills);
  });

  // Parts of the review page alone, for the viewer (HTML fragments): what an action taken in place replaces.
  router.get('/articles/:id/passages/:idx/row', authorize('view'), (req, res) => {
    const row = passageRowFor(ctx, signedInUser(req), idParam(req.params.id), idParam(req.params.idx, 'passage'));
    sendParts(req, res, [storedChunk(row.html + formTokenInputs(row.formPrefix, row.forms, res.locals.csrfToken as string))]);
  });

  router.get('/articles/:id/findings-panel', authorize('view'), async (req, res) => {
    const { findings } = (await reviewArticle(ctx, signedInUser(req), idParam(req.params.id))).fragments;
    sendParts(req, res, [findings.chunk, storedChunk(formTokenInputs(FORM_ID_PREFIXES.findings, findings.forms, res.locals.csrfToken as string))]);
  });

  router.get('/articles/:id/corrected.txt', authorize('view'), (req, res) => {
    const { text } = correctedText(ctx, idParam(req.params.id));
    res.type('text/plain; charset=utf-8').send(text);
  });

  router.get('/articles/:id/download', authorize('view'), (req, res) => {
    const { title, text } = correctedText(ctx, idParam(req.params.id));
    res.attachment(downloadName(title)).type('text/plain; charset=utf-8').send(text);
  });

  router.get('/articles/:id/export', authorize('view'), exportHandler(ctx));

  return router;
}
