import { Router, type Response } from 'express';
import { ERROR_CATEGORIES, type ErrorCategory } from '../checks/types.js';
import { renderDiffHtml, wordDiff } from '../lib/diff/index.js';
import { authorize, signedInUser } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { StaleEditError, ValidationError } from '../errors.js';
import { articleHistory, nextPassageToEdit, passageForEdit } from '../services/articles.js';
import { addComment, confirmPassage, editPassage, parseCategory, restorePassage, revertPassage } from '../services/review.js';
import { reviewUrl } from './findings.js';
import { answerChange } from './in-place.js';
import { noticeOf, noticeText, withNotice } from './notices.js';
import { baseVersion, field, idParam } from './params.js';


export function passagesRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/articles/:id/passages', authorize('review'));

  /** The edit page; after a refused save, with the text saved meanwhile beside the requester's. */
  const renderEditPage = (res: Response, id: number, idx: number, options: { yours?: { text: string; category: ErrorCategory }; fromFinding?: string; notice?: string | null }) => {
    const view = passageForEdit(ctx, id, idx, options.fromFinding);
    const { yours } = options;
    const conflict = yours === undefined ? null : { yours: yours.text, category: yours.category, diffHtml: renderDiffHtml(wordDiff(view.passage.correctedText, yours.text).parts) };
    res.render('passages/edit', { title: `Passage ${view.passage.idx + 1} · ${view.article.title}`, ...view, conflict, categories: ERROR_CATEGORIES, notice: options.notice ?? null });
  };

  router.get('/articles/:id/passages/:idx/edit', (req, res) => {
    renderEditPage(res, idParam(req.params.id), idParam(req.params.idx, 'passage'), { fromFinding: field(req.query, 'finding'), notice: noticeOf(req.query) });
  });

  router.post('/articles/:id/passages/:idx', async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    const text = field(req.body, 'text');
    if (text === undefined) throw new ValidationError('The corrected text is missing.');
    const version = baseVersion(req.body);
    const category = parseCategory(field(req.body, 'category'));
    let merged: boolean;
    try {
      merged = await editPassage(ctx, signedInUser(req), id, idx, text, version, category);
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      res.status(409);
      return renderEditPage(res, id, idx, { yours: { text, category } });
    }
    // "Save and next" opens the next passage to work on; after the last one, back to the article.
    const next = field(req.body, 'then') === 'next' ? nextPassageToEdit(ctx, id, idx) : null;
    const to = next === null ? reviewUrl(id, `p-${idx}`) : `/articles/${id}/passages/${next}/edit`;
    res.redirect(303, withNotice(to, merged ? 'merged' : 'saved'));
  });

  router.post('/articles/:id/passages/:idx/revert', async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await revertPassage(ctx, signedInUser(req), id, idx, baseVersion(req.body));
    answerChange(ctx, req, res, id, reviewUrl(id, `p-${idx}`), { passages: [idx] });
  });

  router.post('/articles/:id/passages/:idx/confirm', async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await confirmPassage(ctx, id, idx, baseVersion(req.body));
    answerChange(ctx, req, res, id, reviewUrl(id, `p-${idx}`), { passages: [idx] });
  });

  router.post('/articles/:id/passages/:idx/comments', async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await addComment(ctx, signedInUser(req), id, idx, field(req.body, 'body') ?? '');
    // From the review page's row, back to the row (or in place); from the edit page, back to its thread.
    const back = field(req.body, 'back') === 'review' ? reviewUrl(id, `p-${idx}`) : `/articles/${id}/passages/${idx}/edit#comments`;
    answerChange(ctx, req, res, id, withNotice(back, 'commented'), { passages: [idx], notice: noticeText('commented') });
  });

  router.get('/articles/:id/history', authorize('view'), (req, res) => {
    const history = articleHistory(ctx, idParam(req.params.id));
    res.render('articles/history', { title: `History · ${history.article.title}`, ...history, categories: ERROR_CATEGORIES });
  });

  router.post('/articles/:id/history/:event/restore', authorize('review'), async (req, res) => {
    const id = idParam(req.params.id);
    const idx = await restorePassage(ctx, signedInUser(req), id, idParam(req.params.event, 'change'), baseVersion(req.body));
    answerChange(ctx, req, res, id, reviewUrl(id, `p-${idx}`), { passages: [idx] });
  });

  return router;
}
