import { Router } from 'express';
import { authorize, signedInUser } from '../middleware/auth.js';
import type { ServiceContext } from '../services/context.js';
import { approveProposal, decideProposals, rejectProposal } from '../services/review.js';
import { approveWithProposals, assignArticle, queueOf, stepPermission, takeStep } from '../services/review-flow.js';
import { answerChange } from './in-place.js';
import { noticeOf, noticeText, withNotice } from './notices.js';
import { baseVersion, field, idParam, proposalPicks } from './params.js';

/** The article's way through review: submit, approve, send back, assign; and each person's queue. */
export function reviewFlowRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/articles/:id/submit', authorize(stepPermission('submit')), (req, res) => {
    const id = idParam(req.params.id);
    // The submit form has a checkbox to tick when the article still has open errors or warnings.
    takeStep(ctx, signedInUser(req), id, 'submit', undefined, field(req.body, 'confirm') === 'open-findings');
    res.redirect(303, withNotice(`/articles/${id}`, 'submitted'));
  });

  router.post('/articles/:id/approve', authorize(stepPermission('approve')), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'approve', field(req.body, 'comment'));
    res.redirect(303, withNotice(`/articles/${id}`, 'approved'));
  });

  router.post('/articles/:id/approve-with-proposals', authorize(stepPermission('approve')), async (req, res) => {
    const id = idParam(req.params.id);
    await approveWithProposals(ctx, signedInUser(req), id, proposalPicks(req.body));
    res.redirect(303, withNotice(`/articles/${id}`, 'approved-with-proposals'));
  });

  router.post('/articles/:id/send-back', authorize(stepPermission('sendBack')), (req, res) => {
    const id = idParam(req.params.id);
    takeStep(ctx, signedInUser(req), id, 'sendBack', field(req.body, 'comment'));
    res.redirect(303, withNotice(`/articles/${id}`, 'sent-back'));
  });

  router.post('/articles/:id/assign', authorize('assign'), (req, res) => {
    const id = idParam(req.params.id);
    const assignee = assignArticle(ctx, signedInUser(req), id, field(req.body, 'assignee') ?? '');
    res.redirect(303, withNotice(`/articles/${id}`, assignee ? 'assigned' : 'unassigned'));
  });

  /** Back to where the editor decided: the queue, or the passage on the article page. */
  const afterDecision = (body: unknown, id: number, idx: number) => (field(body, 'back') === 'queue' ? '/queue' : `/articles/${id}#p-${idx}`);

  router.post('/articles/:id/passages/:idx/approve', authorize('approve'), async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await approveProposal(ctx, id, idx, baseVersion(req.body));
    answerChange(ctx, req, res, id, withNotice(afterDecision(req.body, id, idx), 'proposal-approved'), { passages: [idx], notice: noticeText('proposal-approved') });
  });

  router.post('/articles/:id/passages/:idx/reject', authorize('approve'), async (req, res) => {
    const id = idParam(req.params.id);
    const idx = idParam(req.params.idx, 'passage');
    await rejectProposal(ctx, signedInUser(req), id, idx, baseVersion(req.body), field(req.body, 'comment'));
    answerChange(ctx, req, res, id, withNotice(afterDecision(req.body, id, idx), 'proposal-rejected'), { passages: [idx], notice: noticeText('proposal-rejected') });
  });

  /** Several proposals approved or rejected at once: from the queue's checkboxes, or all of an article's from its page. */
  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/proposals/${decision}`, authorize('approve'), async (req, res) => {
      const picks = proposalPicks(req.body);
      const { skipped } = await decideProposals(ctx, signedInUser(req), decision, picks, field(req.body, 'comment'));
      const back = field(req.body, 'back') === 'queue' ? '/queue' : `/articles/${picks[0]!.articleId}`;
      const notice = skipped > 0 ? 'proposals-skipped' : decision === 'approve' ? 'proposals-approved' : 'proposals-rejected';
      answerChange(ctx, req, res, picks[0]!.articleId, withNotice(back, notice), { passages: picks.map((p) => p.idx), notice: noticeText(notice) });
    });
  }

  router.get('/queue', authorize('view'), (req, res) => {
    res.render('queue', { title: 'My queue', ...queueOf(ctx, signedInUser(req)), notice: noticeOf(req.query) });
  });

  return router;
}
