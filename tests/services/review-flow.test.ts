import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { ConflictError, ValidationError } from '../../src/services/errors.js';
import { editPassage } from '../../src/services/review.js';
import { assignArticle, queueOf, takeStep } from '../../src/services/review-flow.js';
import { demoText, testContext, testUser } from '../helpers/app.js';

function setup() {
  const { ctx } = testContext();
  const { id } = importArticle(ctx, { text: demoText });
  return { ctx, id, translator: testUser(ctx, 'translator'), editor: testUser(ctx, 'editor') };
}

const statusOf = (ctx: ReturnType<typeof setup>['ctx'], id: number) => ctx.repos.articles.findSummary(id)!.status;

describe('the review flow', () => {
  it('goes new → in review → awaiting approval → approved, and back with an editor’s comment', () => {
    const { ctx, id, translator, editor } = setup();
    expect(statusOf(ctx, id)).toBe('new');
    editPassage(ctx, translator, id, 1, 'A corrected sentence.', 1, 'fluency');
    expect(statusOf(ctx, id)).toBe('in_review');
    takeStep(ctx, translator, id, 'submit');
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    // The editor edits directly while approving: the article stays awaiting approval.
    editPassage(ctx, editor, id, 1, 'An editor’s sentence.', 2, 'style');
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    expect(() => takeStep(ctx, editor, id, 'sendBack', '  ')).toThrow(ValidationError);
    takeStep(ctx, editor, id, 'sendBack', 'Check the tonnage figures.');
    expect(statusOf(ctx, id)).toBe('in_review');
    takeStep(ctx, translator, id, 'submit');
    takeStep(ctx, editor, id, 'approve');
    expect(statusOf(ctx, id)).toBe('approved');
    expect(ctx.repos.articleEvents.ofArticle(id).map((e) => `${e.userName}:${e.kind}:${e.comment ?? ''}`)).toEqual([
      'editor:approved:',
      'translator:submitted:',
      'editor:sent_back:Check the tonnage figures.',
      'translator:submitted:',
    ]);
    // A change after approval reopens the review.
    editPassage(ctx, editor, id, 1, 'A late fix.', 3, 'style');
    expect(statusOf(ctx, id)).toBe('in_review');
  });

  it('refuses a step from a state it does not start from with 409, changing nothing', () => {
    const { ctx, id, editor } = setup();
    expect(() => takeStep(ctx, editor, id, 'approve')).toThrow(ConflictError);
    takeStep(ctx, editor, id, 'submit');
    expect(() => takeStep(ctx, editor, id, 'submit')).toThrow(ConflictError);
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    expect(ctx.repos.articleEvents.ofArticle(id)).toHaveLength(1);
  });

  it('assigns to active translators and editors only, and lists a translator’s flagged passages most severe first', () => {
    const { ctx, id, translator, editor } = setup();
    const admin = testUser(ctx, 'admin');
    expect(() => assignArticle(ctx, editor, id, 'nobody')).toThrow(ValidationError);
    expect(() => assignArticle(ctx, editor, id, 'admin')).toThrow(ValidationError);
    expect(queueOf(ctx, translator).flagged).toEqual([]);
    expect(assignArticle(ctx, editor, id, 'Translator')!.id).toBe(translator.id);
    const queue = queueOf(ctx, translator);
    expect(queue.awaitingApproval).toBeNull();
    expect(queue.flagged.length).toBeGreaterThan(3);
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = queue.flagged.map((p) => rank[p.worst]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(queue.flagged.every((p) => p.articleId === id && p.open > 0)).toBe(true);
    // Submitted articles leave the translator's queue and reach the editor's.
    takeStep(ctx, translator, id, 'submit');
    expect(queueOf(ctx, translator).flagged).toEqual([]);
    expect(queueOf(ctx, admin).awaitingApproval!.items.map((a) => a.id)).toEqual([id]);
    assignArticle(ctx, editor, id, '');
    expect(ctx.repos.articles.findSummary(id)!.assigneeId).toBeNull();
  });
});
