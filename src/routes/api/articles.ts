import { isUtf8 } from 'node:buffer';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { BodyError, WorkbenchError } from '../../errors.js';
import { authorize, signedInUser } from '../../middleware/auth.js';
import { articleResource, findingResource, findingsOf, listArticles } from '../../services/articles.js';
import type { ServiceContext } from '../../services/context.js';
import { importArticle } from '../../services/import.js';
import { LANGUAGE_CODE } from '../../text/language.js';
import { exportHandler, zipExportHandler } from '../export.js';
import { articleListQuery, idParam } from '../params.js';

const LANGUAGE = z.string().regex(LANGUAGE_CODE, 'a BCP 47 language code such as en, uk or ru');

const UNICODE_TEXT = z.string().refine((text) => !/\p{Cs}/u.test(text), 'not valid Unicode text (it holds an unpaired surrogate)');

const newArticle = z.object({
  // Its length is the import's to judge (MAX_TITLE), with one message for every way in.
  title: UNICODE_TEXT.optional(),
  text: UNICODE_TEXT.min(1, 'the article text is required'),
  source: UNICODE_TEXT.optional(),
  sourceLang: LANGUAGE.optional(),
  targetLang: LANGUAGE.optional(),
  externalId: z.string().max(200).optional(),
});

const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : new WorkbenchError('Send the article as application/json.', 415));
};

/**
 * express.json's check of the raw body: its decoding would turn bytes that are not UTF-8 into
 * U+FFFD unseen, so such a body is refused, as the command line refuses such a file.
 */
function refuseNonUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new WorkbenchError('Malformed request body: it is not UTF-8 text. Send the article as JSON in UTF-8.', 400);
}

export function apiArticlesRouter(ctx: ServiceContext, config: Config): Router {
  const router = Router();

  router.post('/articles', authorize('import'), requireJson, express.json({ limit: config.maxBodyBytes, verify: refuseNonUtf8 }), async (req, res) => {
    const parsed = newArticle.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      throw new BodyError(`Invalid article: ${issues.map((i) => `${i.field || 'body'}: ${i.message}`).join('; ')}`, issues);
    }
    const { id, findings, created } = await importArticle(ctx, { ...parsed.data, actor: signedInUser(req) });
    // A known external id updates its article: 200, not 201.
    res.status(created ? 201 : 200).location(`/api/articles/${id}`).json({ id, created, findings: findings.map(findingResource) });
  });

  router.get('/articles', authorize('view'), (req, res) => {
    const { filter, page } = articleListQuery(req.query);
    res.json(listArticles(ctx, filter, page));
  });

  // Before /articles/:id, which would take "export.zip" for an id.
  router.get('/articles/export.zip', authorize('view'), zipExportHandler(ctx));

  router.get('/articles/:id', authorize('view'), (req, res) => {
    res.json(articleResource(ctx, idParam(req.params.id)));
  });

  router.get('/articles/:id/findings', authorize('view'), (req, res) => {
    res.json(findingsOf(ctx, idParam(req.params.id)));
  });

  router.get('/articles/:id/export', authorize('view'), exportHandler(ctx));

  return router;
}
