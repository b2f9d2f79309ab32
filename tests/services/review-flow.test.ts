import { describe, expect, it } from 'vitest';
import { correctedText } from '../../src/services/articles.js';
import { importArticle } from '../../src/services/import.js';
import { ConflictError, StaleEditError, ValidationError } from '../../src/errors.js';
import { applyFinding, approveProposal, decideProposals, editPassage, rejectProposal } from '../../src/services/review.js';
import { approveWithProposals, assignArticle, queueOf, takeStep } from '../../src/services/review-flow.js';
import { demoText, testContext, testUser } from '../helpers/app.js';

async function setup() {
  const { ctx } = testContext();
  const { id } = await importArticle(ctx, { text: demoText });
  return { ctx, id, translator: testUser(ctx, 'translator'), editor: testUser(ctx, 'editor') };
}

const statusOf = (ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) => ctx.repos.articles.findSummary(id)!.status;

describe('the review flow', () => {
  it('goes new → in review → awaiting approval → approved, and back with an editor’s comment', async () => {
    const { ctx, id, translator, editor } = await setup();
    expect(statusOf(ctx, id)).toBe('new');
    await editPassage(ctx, translator, id, 1, 'A corrected sentence.', 1, 'fluency');
    expect(statusOf(ctx, id)).toBe('in_review');
    takeStep(ctx, translator, id, 'submit', undefined, true);
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    // The editor edits directly while approving: the article stays awaiting approval.
    await editPassage(ctx, editor, id, 1, 'An editor’s sentence.', 2, 'style');
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    expect(() => takeStep(ctx, editor, id, 'sendBack', '  ')).toThrow(ValidationError);
    takeStep(ctx, editor, id, 'sendBack', 'Check the tonnage figures.');
    expect(statusOf(ctx, id)).toBe('in_review');
    takeStep(ctx, translator, id, 'submit', undefined, true);
    takeStep(ctx, editor, id, 'approve');
    expect(statusOf(ctx, id)).toBe('approved');
    expect(ctx.repos.articleEvents.ofArticle(id).map((e) => `${e.userName}:${e.kind}:${e.comment ?? ''}`)).toEqual([
      'editor:approved:',
      'translator:submitted:',
      'editor:sent_back:Check the tonnage figures.',
      'translator:submitted:',
    ]);
    // A change after approval reopens the review.
    await editPassage(ctx, editor, id, 1, 'A late fix.', 3, 'style');
    expect(statusOf(ctx, id)).toBe('in_review');
  });

  it('refuses a step from a state it does not start from with 409, changing nothing', async () => {
    const { ctx, id, editor } = await setup();
    expect(() => takeStep(ctx, editor, id, 'approve')).toThrow(ConflictError);
    takeStep(ctx, editor, id, 'submit', undefined, true);
    expect(() => takeStep(ctx, editor, id, 'submit', undefined, true)).toThrow(ConflictError);
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    expect(ctx.repos.articleEvents.ofArticle(id)).toHaveLength(1);
  });

  it('assigns to active translators and editors only, and lists a translator’s flagged passages most severe first', async () => {
    const { ctx, id, translator, editor } = await setup();
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
    takeStep(ctx, translator, id, 'submit', undefined, true);
    expect(queueOf(ctx, translator).flagged).toEqual([]);
    expect(queueOf(ctx, admin).awaitingApproval!.items.map((a) => a.id)).toEqual([id]);
    assignArticle(ctx, editor, id, '');
    expect(ctx.repos.articles.findSummary(id)!.assigneeId).toBeNull();
  });
});

describe('proposed corrections', () => {
  it('keeps a translator’s change out of exports until an editor approves it, and takes a rejection back', async () => {
    const { ctx, id, translator, editor } = await setup();
    const ai = ctx.repos.passages.find(id, 1)!.aiText;
    await editPassage(ctx, translator, id, 1, 'The translator’s wording.', 1, 'fluency');
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The translator’s wording.', approvedText: ai, version: 2 });
    expect(correctedText(ctx, id).text).not.toContain('The translator’s wording.');
    expect(ctx.repos.passageEvents.ofArticle(id)[0]).toMatchObject({ status: 'proposed', userName: 'translator' });
    // The article cannot be approved while a proposal waits.
    takeStep(ctx, translator, id, 'submit', undefined, true);
    expect(() => takeStep(ctx, editor, id, 'approve')).toThrow(/1 proposed correction waits/);
    await expect(approveProposal(ctx, id, 1, 1)).rejects.toThrow(StaleEditError);
    await approveProposal(ctx, id, 1, 2);
    expect(ctx.repos.passages.find(id, 1)!.approvedText).toBe('The translator’s wording.');
    expect(ctx.repos.passageEvents.ofArticle(id)[0]!.status).toBe('approved');
    expect(correctedText(ctx, id).text).toContain('The translator’s wording.');
    await expect(approveProposal(ctx, id, 1, 2)).rejects.toThrow(ConflictError);
    takeStep(ctx, editor, id, 'approve');

    // A second proposal, rejected with a reason: the working text goes back to the approved one.
    await editPassage(ctx, translator, id, 1, 'A worse wording.', 2, 'style');
    await rejectProposal(ctx, editor, id, 1, 3, 'The first wording was right.');
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The translator’s wording.', approvedText: 'The translator’s wording.', version: 4 });
    const [reject, rejected] = ctx.repos.passageEvents.ofArticle(id);
    expect(reject).toMatchObject({ kind: 'reject', status: 'approved', userName: 'editor' });
    expect(rejected).toMatchObject({ afterText: 'A worse wording.', status: 'rejected' });
    expect(ctx.repos.passageComments.ofPassage(id, 1).at(-1)!.body).toBe('Proposal not taken: The first wording was right.');
    // An editor's own edit is approved at once.
    await editPassage(ctx, editor, id, 2, 'An editor’s wording.', 1, 'style');
    expect(ctx.repos.passages.find(id, 2)!.approvedText).toBe('An editor’s wording.');
  });

  it('lists waiting proposals for editors, not for translators, under their article in passage order, the article waiting longest first', async () => {
    const { ctx, id, translator, editor } = await setup();
    const { id: other } = await importArticle(ctx, { title: 'Second', text: 'One line.\n\nTwo lines.\n\nThree lines.' });
    await editPassage(ctx, translator, id, 3, 'First proposal.', 1, 'number');
    await editPassage(ctx, translator, other, 2, 'Third lines.', 1, 'fluency');
    await editPassage(ctx, translator, id, 1, 'Later proposal.', 1, 'fluency');
    await editPassage(ctx, translator, other, 0, 'One line, edited.', 1, 'style');
    expect(queueOf(ctx, translator).proposals).toBeNull();
    const groups = queueOf(ctx, editor).proposals!;
    expect(groups.map((g) => [g.articleId, g.proposals.map((p) => [p.passageIdx, p.proposedBy, p.category])])).toEqual([
      [id, [[1, 'translator', 'fluency'], [3, 'translator', 'number']]],
      [other, [[0, 'translator', 'style'], [2, 'translator', 'fluency']]],
    ]);
    expect(groups[0]!.proposals[0]!.diffHtml).toContain('<ins><span class="visually-hidden">inserted: </span>');
  });

  it('refuses an editor’s one-click fix on a passage whose proposal waits, rather than approving the proposal unseen', async () => {
    const { ctx } = testContext();
    const { id } = await importArticle(ctx, { text: 'Talks in Kiev\n\nThe mayor of Kiev spoke on Monday.\n\nIn Kiev, the trams ran late.' });
    const translator = testUser(ctx, 'translator');
    const editor = testUser(ctx, 'editor');
    const kievIn = (idx: number) => ctx.repos.findings.ofArticle(id).find((f) => f.check === 'terms' && f.passageIdx === idx)!;
    await editPassage(ctx, translator, id, 1, 'The mayor of Kiev spoke on Monday morning.', 1, 'accuracy');
    const before = ctx.repos.passages.ofArticle(id);

    await expect(applyFinding(ctx, editor, id, kievIn(1).fingerprint)).rejects.toThrow(/A proposed correction waits on passage 2: approve or reject it first/);
    expect(ctx.repos.passages.ofArticle(id)).toEqual(before);
    expect(ctx.repos.passageEvents.ofArticle(id).map((e) => e.status)).toEqual(['proposed']);
    // Passages without a proposal take the editor's fix, and the translator may build on their own proposal.
    await applyFinding(ctx, editor, id, kievIn(2).fingerprint);
    expect(ctx.repos.passages.find(id, 2)!.approvedText).toBe('In Kyiv, the trams ran late.');
    await applyFinding(ctx, translator, id, kievIn(1).fingerprint);
    expect(ctx.repos.passages.find(id, 1)).toMatchObject({ correctedText: 'The mayor of Kyiv spoke on Monday morning.', approvedText: 'The mayor of Kiev spoke on Monday.' });
    // Once the editor has decided on the proposal, their fixes apply there too.
    await approveProposal(ctx, id, 1, 3);
    await applyFinding(ctx, editor, id, kievIn(0).fingerprint);
    expect(correctedText(ctx, id).text).toBe('Talks in Kyiv\n\nThe mayor of Kyiv spoke on Monday morning.\n\nIn Kyiv, the trams ran late.\n');
  });
});

describe('submitting with open findings', () => {
  it('asks the person to confirm while errors or warnings are open, and not once none is', async () => {
    const { ctx } = testContext();
    const translator = testUser(ctx, 'translator');
    const { id } = await importArticle(ctx, { text: 'Talks in Kiev ended.' });
    expect(() => takeStep(ctx, translator, id, 'submit')).toThrow(/1 open error or warning/);
    expect(statusOf(ctx, id)).toBe('new');
    takeStep(ctx, translator, id, 'submit', undefined, true);
    expect(statusOf(ctx, id)).toBe('awaiting_approval');
    const { id: clean } = await importArticle(ctx, { text: 'Talks in Kyiv ended.' });
    takeStep(ctx, translator, clean, 'submit');
    expect(statusOf(ctx, clean)).toBe('awaiting_approval');
  });
});

describe('deciding several proposals at once', () => {
  async function proposals() {
    const { ctx } = testContext();
    const translator = testUser(ctx, 'translator');
    const editor = testUser(ctx, 'editor');
    const { id } = await importArticle(ctx, { text: 'First line.\n\nSecond line.\n\nThird line.' });
    const { id: other } = await importArticle(ctx, { text: 'Another first.\n\nAnother second.' });
    await editPassage(ctx, translator, id, 0, 'First line, proposed.', 1, 'style');
    await editPassage(ctx, translator, id, 2, 'Third line, proposed.', 1, 'style');
    await editPassage(ctx, translator, other, 1, 'Another second, proposed.', 1, 'fluency');
    return { ctx, translator, editor, id, other };
  }

  it('approves the chosen proposals of several articles, each passage settled in its history', async () => {
    const { ctx, editor, id, other } = await proposals();
    const result = await decideProposals(ctx, editor, 'approve', [
      { articleId: id, idx: 0, version: 2 },
      { articleId: id, idx: 2, version: 2 },
      { articleId: other, idx: 1, version: 2 },
    ]);
    expect(result).toEqual({ decided: 3, skipped: 0 });
    expect(correctedText(ctx, id).text).toBe('First line, proposed.\n\nSecond line.\n\nThird line, proposed.\n');
    expect(correctedText(ctx, other).text).toBe('Another first.\n\nAnother second, proposed.\n');
    expect(ctx.repos.passageEvents.ofArticle(id).map((e) => e.status)).toEqual(['approved', 'approved']);
    expect(ctx.repos.passages.pendingProposals(10)).toEqual([]);
  });

  it('skips and counts a proposal changed after the page showed it, rather than deciding it unseen', async () => {
    const { ctx, translator, editor, id } = await proposals();
    // The translator changes their proposal on passage 2 after the editor's page was loaded at version 2.
    await editPassage(ctx, translator, id, 2, 'Third line, proposed again.', 2, 'style');
    const result = await decideProposals(ctx, editor, 'approve', [
      { articleId: id, idx: 0, version: 2 },
      { articleId: id, idx: 2, version: 2 },
      // Passage 1 has no proposal at all.
      { articleId: id, idx: 1, version: 1 },
    ]);
    expect(result).toEqual({ decided: 1, skipped: 2 });
    expect(ctx.repos.passages.find(id, 2)).toMatchObject({ correctedText: 'Third line, proposed again.', approvedText: 'Third line.' });
    expect(ctx.repos.passages.find(id, 0)!.approvedText).toBe('First line, proposed.');
  });

  it('rejects the chosen proposals with one comment on each passage', async () => {
    const { ctx, editor, id } = await proposals();
    const result = await decideProposals(ctx, editor, 'reject', [
      { articleId: id, idx: 0, version: 2 },
      { articleId: id, idx: 2, version: 2 },
    ], 'Keep the original lines.');
    expect(result).toEqual({ decided: 2, skipped: 0 });
    expect(ctx.repos.passages.ofArticle(id).map((p) => p.correctedText)).toEqual(['First line.', 'Second line.', 'Third line.']);
    expect(ctx.repos.passageComments.ofPassage(id, 0).map((c) => c.body)).toEqual(['Proposal not taken: Keep the original lines.']);
    expect(ctx.repos.passageComments.ofPassage(id, 2).map((c) => c.body)).toEqual(['Proposal not taken: Keep the original lines.']);
  });
});

describe('approving all the proposals and the article in one step', () => {
  async function submitted() {
    const { ctx } = testContext();
    const translator = testUser(ctx, 'translator');
    const editor = testUser(ctx, 'editor');
    const { id } = await importArticle(ctx, { text: 'First line.\n\nSecond line.\n\nThird line.' });
    await editPassage(ctx, translator, id, 0, 'First line, proposed.', 1, 'style');
    await editPassage(ctx, translator, id, 2, 'Third line, proposed.', 1, 'style');
    takeStep(ctx, translator, id, 'submit', undefined, true);
    const seen = [
      { articleId: id, idx: 0, version: 2 },
      { articleId: id, idx: 2, version: 2 },
    ];
    return { ctx, translator, editor, id, seen };
  }
  /** What the step may change: the passages, their history, the status and the review events. */
  const stateOf = (ctx: Awaited<ReturnType<typeof submitted>>['ctx'], id: number) => ({
    passages: ctx.repos.passages.ofArticle(id),
    changes: ctx.repos.passageEvents.ofArticle(id),
    status: statusOf(ctx, id),
    events: ctx.repos.articleEvents.ofArticle(id),
  });

  it('approves the proposals the editor saw, each settled in its history, and the article', async () => {
    const { ctx, editor, id, seen } = await submitted();
    await approveWithProposals(ctx, editor, id, seen);
    expect(correctedText(ctx, id).text).toBe('First line, proposed.\n\nSecond line.\n\nThird line, proposed.\n');
    expect(ctx.repos.passageEvents.ofArticle(id).map((e) => e.status)).toEqual(['approved', 'approved']);
    expect(statusOf(ctx, id)).toBe('approved');
    expect(ctx.repos.articleEvents.ofArticle(id).map((e) => `${e.userName}:${e.kind}`)).toEqual(['editor:approved', 'translator:submitted']);
  });

  it('approves nothing (409) when a proposal changed or came after the page showed them, or the article may not be approved', async () => {
    const { ctx, translator, editor, id, seen } = await submitted();
    // A proposal the page did not show.
    await editPassage(ctx, translator, id, 1, 'Second line, proposed late.', 1, 'style');
    let before = stateOf(ctx, id);
    await expect(approveWithProposals(ctx, editor, id, seen)).rejects.toThrow(ConflictError);
    expect(stateOf(ctx, id)).toEqual(before);
    // A proposal changed since the page showed it.
    const all = [...seen, { articleId: id, idx: 1, version: 2 }];
    await editPassage(ctx, translator, id, 2, 'Third line, proposed again.', 2, 'style');
    before = stateOf(ctx, id);
    await expect(approveWithProposals(ctx, editor, id, all)).rejects.toThrow(/passage 3/);
    expect(stateOf(ctx, id)).toEqual(before);
    // The article was sent back meanwhile: the proposals are as shown, but the article step is refused, and with it the approvals.
    const current = ctx.repos.passages.pendingOf(id).map((p) => ({ articleId: id, ...p }));
    takeStep(ctx, editor, id, 'sendBack', 'Not yet.');
    before = stateOf(ctx, id);
    await expect(approveWithProposals(ctx, editor, id, current)).rejects.toThrow(ConflictError);
    expect(stateOf(ctx, id)).toEqual(before);
    expect(ctx.repos.passages.pendingOf(id)).toHaveLength(3);
  });

  it('refuses proposals of another article', async () => {
    const { ctx, editor, id, seen } = await submitted();
    await expect(approveWithProposals(ctx, editor, id, [...seen, { articleId: id + 1, idx: 0, version: 2 }])).rejects.toThrow(ValidationError);
  });
});
