import type { ArticleStatus } from '../db/repositories/articles.js';
import type { ArticleEventKind, SendBack } from '../db/repositories/article-events.js';
import type { FlaggedPassage } from '../db/repositories/findings.js';
import type { PendingProposal } from '../db/repositories/passages.js';
import { renderDiffHtml, wordDiff } from '../lib/diff/index.js';
import type { Role, User } from '../db/repositories/users.js';
import type { ArticlePage } from './articles.js';
import { listArticles } from './articles.js';
import type { Actor, ServiceContext } from './context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { can, type Action } from './permissions.js';
import { changeArticle } from './article-change.js';
import { approvalsOfAllWaiting, requireSummary, type ProposalPick } from './review.js';
import { recordApproval } from './webhooks.js';

/** Who may take each step of the flow, which states it starts from, the state it leads to, and its history entry. */
const STEPS = {
  submit: { by: 'review', from: ['new', 'in_review'], to: 'awaiting_approval', event: 'submitted' },
  approve: { by: 'approve', from: ['awaiting_approval'], to: 'approved', event: 'approved' },
  sendBack: { by: 'approve', from: ['awaiting_approval', 'approved'], to: 'in_review', event: 'sent_back' },
} as const satisfies Record<string, { by: Action; from: readonly ArticleStatus[]; to: ArticleStatus; event: ArticleEventKind }>;

export type Step = keyof typeof STEPS;

/** What a person must be allowed to take a step: its route authorises with it. */
export const stepPermission = (step: Step): Action => STEPS[step].by;

/** Whether a person may approve or reject a passage's proposed correction (its routes authorise 'approve'). */
export function mayDecideProposals(role: Role): boolean {
  return can(role, 'approve');
}

/** What the review page offers a person for an article in a status. */
export interface OpenActions {
  submit: boolean;
  /** Approve the article: open once no proposal waits (approveAll is empty). */
  approve: boolean;
  /** Approve the waiting proposals and then the article, in one step: open where approve would be but for them. */
  approveWithProposals: boolean;
  sendBack: boolean;
  /** Who the article can be assigned to, for a person who may assign it; otherwise null. */
  assignees: User[] | null;
  /** The proposals waiting in the article, for a person who may approve them ("approve all"); otherwise none. */
  approveAll: { idx: number; version: number }[];
}

/** The steps a person's role may take that start from the article's status, and assigning. */
export function openActions(ctx: ServiceContext, role: Role, article: { id: number; status: ArticleStatus }): OpenActions {
  const open = (step: Step) => can(role, STEPS[step].by) && (STEPS[step].from as readonly ArticleStatus[]).includes(article.status);
  const approveAll = mayDecideProposals(role) ? ctx.repos.passages.pendingOf(article.id) : [];
  return {
    submit: open('submit'),
    approve: open('approve') && approveAll.length === 0,
    approveWithProposals: open('approve') && approveAll.length > 0,
    sendBack: open('sendBack'),
    assignees: can(role, 'assign') ? assignableUsers(ctx) : null,
    approveAll,
  };
}

const MAX_COMMENT = 4000;

/**
 * Moves an article along the review flow: submit (for approval), approve, or send back (with
 * the editor's comment, which is required). A step from a state it does not start from (the
 * page was stale, or someone else acted first) is refused with 409 and changes nothing.
 * Submitting an article with open errors or warnings needs the person to confirm they mean it
 * (notes on style do not count).
 */
export function takeStep(ctx: ServiceContext, actor: Actor, articleId: number, step: Step, comment?: string, openFindingsConfirmed = false): void {
  const { from, to, event } = STEPS[step];
  const note = comment?.trim() ?? '';
  if (step === 'sendBack' && note === '') throw new ValidationError('Say why the article goes back: the translator reads it.');
  if (note.length > MAX_COMMENT) throw new ValidationError(`A comment has at most ${MAX_COMMENT} characters.`);
  ctx.repos.transaction(() => {
    const article = requireSummary(ctx, articleId);
    if (!(from as readonly ArticleStatus[]).includes(article.status)) {
      throw new ConflictError(`The article is ${article.status.replace('_', ' ')} now, so it cannot be ${event.replace('_', ' ')}. Reload the page to see why.`);
    }
    const open = article.openErrors + article.openWarnings;
    if (step === 'submit' && open > 0 && !openFindingsConfirmed) {
      throw new ValidationError(`The article still has ${open} open error${open === 1 ? '' : 's'} or warning${open === 1 ? '' : 's'}: fix or dismiss them, or tick the box to submit it with them.`);
    }
    const waiting = step === 'approve' ? ctx.repos.passages.pendingCount(article.id) : 0;
    if (waiting > 0) {
      const first = ctx.repos.passages.firstPending(article.id)!;
      const one = waiting === 1;
      throw new ConflictError(
        `${waiting} proposed correction${one ? ' waits' : 's wait'} for approval (${one ? '' : 'the first '}on passage ${first + 1}); approve or reject ${one ? 'it' : 'them'} first.`,
        first,
      );
    }
    const now = ctx.now();
    ctx.repos.articles.setStatus(article.id, to, now);
    ctx.repos.articleEvents.insert({ articleId: article.id, userId: actor.id, kind: event, comment: note || null, now });
    // In this transaction: the CMS hears of every approval that stands, and of none that does not.
    if (step === 'approve') recordApproval(ctx, actor, article.id, now);
  });
}

/**
 * Approves the article's waiting proposals (those the editor saw: `picks`) and then the article,
 * as one change stored in one transaction: when the proposals changed meanwhile or the article
 * may not be approved, nothing is.
 */
export async function approveWithProposals(ctx: ServiceContext, actor: Actor, articleId: number, picks: readonly ProposalPick[]): Promise<void> {
  if (picks.some((p) => p.articleId !== articleId)) throw new ValidationError(`Only proposals of article ${articleId} can be approved with it.`);
  const seen = new Map(picks.map((p) => [p.idx, p.version]));
  return changeArticle(ctx, articleId, (snapshot) => {
    const approvals = approvalsOfAllWaiting(ctx, snapshot, seen);
    return {
      ...approvals,
      record: (now) => {
        approvals.record(now);
        takeStep(ctx, actor, articleId, 'approve');
      },
    };
  });
}

/** The editor's send-back comment on an article ("what needs doing"), until the article is submitted again. */
export function standingSendBack(ctx: ServiceContext, articleId: number): SendBack | null {
  return ctx.repos.articleEvents.standingSendBack(articleId) ?? null;
}

/** Who an article can be assigned to: active translators and editors. */
function assignableUsers(ctx: ServiceContext): User[] {
  return ctx.repos.users.active().filter((u) => u.role !== 'admin');
}

/** Assigns the article to an active translator or editor by name, or unassigns it (empty name). */
export function assignArticle(ctx: ServiceContext, actor: Actor, articleId: number, assigneeName: string): User | null {
  return ctx.repos.transaction(() => {
    const article = requireSummary(ctx, articleId);
    const assignee = assigneeName.trim() === '' ? null : ctx.repos.users.findByName(assigneeName.trim());
    if (assignee === undefined || assignee?.disabled) throw new ValidationError(`There is no active user called “${assigneeName.trim()}”.`);
    if (assignee?.role === 'admin') throw new ValidationError('Articles are assigned to translators and editors.');
    const now = ctx.now();
    ctx.repos.articles.assign(article.id, assignee?.id ?? null, now);
    ctx.repos.articleEvents.insert({ articleId: article.id, userId: actor.id, kind: 'assigned', comment: assignee ? `to ${assignee.name}` : 'unassigned', now });
    return assignee;
  });
}

const QUEUE_LENGTH = 200;

/** Proposed corrections of one article, in passage order. */
export interface ProposalGroup {
  articleId: number;
  title: string;
  proposals: (PendingProposal & { diffHtml: string })[];
}

export interface Queue {
  /** The articles assigned to the person that an editor sent back, with what needs doing. */
  sentBack: SendBack[];
  /** The flagged passages of the articles assigned to the person, most severe first. */
  flagged: FlaggedPassage[];
  /** For editors: the proposed corrections, each with its word diff from the approved text, under their article, the article waiting longest first. */
  proposals: ProposalGroup[] | null;
  /** For editors: the articles waiting for their approval. */
  awaitingApproval: ArticlePage | null;
}

/** Proposals as they come from the repository (an article's together, in passage order), grouped under their article. */
function groupByArticle(proposals: readonly PendingProposal[]): ProposalGroup[] {
  const groups: ProposalGroup[] = [];
  for (const p of proposals) {
    let group = groups.at(-1);
    if (group?.articleId !== p.articleId) groups.push((group = { articleId: p.articleId, title: p.title, proposals: [] }));
    group.proposals.push({ ...p, diffHtml: renderDiffHtml(wordDiff(p.approvedText, p.correctedText).parts) });
  }
  return groups;
}

/** What a person has to do next: a translator their flagged passages, an editor also what awaits approval. */
export function queueOf(ctx: ServiceContext, user: { id: number; role: User['role'] }): Queue {
  return {
    sentBack: ctx.repos.articleEvents.standingSendBacksTo(user.id, QUEUE_LENGTH),
    flagged: ctx.repos.findings.flaggedPassagesOf(user.id, QUEUE_LENGTH),
    proposals: user.role === 'translator' ? null : groupByArticle(ctx.repos.passages.pendingProposals(QUEUE_LENGTH)),
    awaitingApproval: user.role === 'translator' ? null : listArticles(ctx, { status: 'awaiting_approval' }, 1),
  };
}
