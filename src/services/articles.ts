import { checks, findCheck } from '../checks/index.js';
import type { ErrorCategory } from '../checks/types.js';
import type { Article, ArticleFilter, ArticleSummary } from '../db/repositories/articles.js';
import type { StoredFinding } from '../db/repositories/findings.js';
import type { ArticleEvent } from '../db/repositories/article-events.js';
import type { DismissalAction } from '../db/repositories/dismissals.js';
import type { PassageComment } from '../db/repositories/passage-comments.js';
import type { PassageEvent } from '../db/repositories/passage-events.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import { renderDiffHtml, wordDiff } from '../lib/diff/index.js';
import type { ServiceContext } from './context.js';
import { NotFoundError } from '../errors.js';
import { correctedArticle } from './passage-layout.js';
import { requireArticle, requireSummary } from './review.js';

export const PAGE_SIZE = 50;

export interface ArticlePage {
  items: ArticleSummary[];
  total: number;
  page: number;
  pageCount: number;
}

/** Changes whenever anything in the database does: a list page rendered at one version stays right until it changes. */
export function listVersion(ctx: ServiceContext): string {
  return ctx.repos.dataVersion();
}

/** Whether the database holds no article yet. */
export function noArticleYet(ctx: ServiceContext): boolean {
  return ctx.repos.articles.isEmpty();
}

/** One page of the article list, newest change first. */
export function listArticles(ctx: ServiceContext, filter: ArticleFilter, page: number): ArticlePage {
  const total = ctx.repos.articles.count(filter);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  return { items: ctx.repos.articles.list(filter, PAGE_SIZE, (current - 1) * PAGE_SIZE), total, page: current, pageCount };
}

export const CHECK_IDS: readonly string[] = checks.map((c) => c.id);

export interface PassageEditView {
  article: ArticleSummary;
  passage: StoredPassage;
  passageCount: number;
  /** The passage's corrected text against its AI text, as the review page shows it. */
  diffHtml: string;
  comments: PassageComment[];
  /**
   * The kind of error an edit most likely corrects: that of the finding the person came from
   * (the review page's edit link names it), else that of the passage's first open finding.
   */
  likelyCategory: ErrorCategory | null;
  /** Who made the passage's latest change, and when: null when it is as imported. */
  lastChange: { userName: string; createdAt: string } | null;
  /** The neighbouring passages' indexes, for the previous and next links. */
  previousIdx: number | null;
  nextIdx: number | null;
}

function categoryOfFinding(finding: StoredFinding | undefined): ErrorCategory | null {
  return finding ? (findCheck(finding.check)?.category ?? null) : null;
}

/** One passage with what its edit page shows; `fromFinding` is the fingerprint of the finding the person came from, if any. */
export function passageForEdit(ctx: ServiceContext, id: number, idx: number, fromFinding?: string): PassageEditView {
  const article = requireSummary(ctx, id);
  const passage = ctx.repos.passages.find(id, idx);
  if (!passage) throw new NotFoundError(`Article ${id} has no passage ${idx}.`);
  const open = ctx.repos.findings.ofArticle(id).filter((f) => f.passageIdx === idx && !f.dismissed);
  const latest = ctx.repos.passageEvents.latestOf(id, idx);
  const passageCount = ctx.repos.passages.count(id);
  return {
    article,
    passage,
    passageCount,
    diffHtml: renderDiffHtml(wordDiff(passage.aiText, passage.correctedText).parts),
    comments: ctx.repos.passageComments.ofPassage(id, idx),
    likelyCategory: categoryOfFinding(open.find((f) => f.fingerprint === fromFinding) ?? open[0]),
    // A re-import that changed the passage's AI text raised its version without a change of anyone's.
    lastChange: latest && latest.version === passage.version ? { userName: latest.userName, createdAt: latest.createdAt } : null,
    previousIdx: idx > 0 ? idx - 1 : null,
    nextIdx: idx + 1 < passageCount ? idx + 1 : null,
  };
}

/** Where "save and next" leads after passage `idx`: the next passage with open findings, else the next passage; null after the last. */
export function nextPassageToEdit(ctx: ServiceContext, id: number, idx: number): number | null {
  const flagged = ctx.repos.findings.ofArticle(id).filter((f) => !f.dismissed && f.passageIdx !== null && f.passageIdx > idx);
  if (flagged.length > 0) return flagged.reduce((first, f) => Math.min(first, f.passageIdx!), Infinity);
  return idx + 1 < ctx.repos.passages.count(id) ? idx + 1 : null;
}

export interface HistoryEntry extends PassageEvent {
  /** From the text before the change to the text after it. */
  diffHtml: string;
  /** The passage's version now, which a restore is based on; null when its text is this event's already. */
  restoreFrom: number | null;
}

/** Where a re-import's remap puts the comments and events of a passage it dropped. */
const REMOVED_PASSAGE = -1;

/**
 * The article's changes, newest first, each with its word diff and whether it can be restored,
 * how many corrections fixed each kind of error, and the review steps (submitted, approved…).
 */
export function articleHistory(
  ctx: ServiceContext,
  id: number,
): {
  article: ArticleSummary;
  entries: HistoryEntry[];
  byCategory: [ErrorCategory, number][];
  steps: ArticleEvent[];
  dismissals: DismissalAction[];
  removedPassageComments: PassageComment[];
} {
  const article = requireSummary(ctx, id);
  const current = new Map(ctx.repos.passages.ofArticle(id).map((p) => [p.idx, p]));
  const entries = ctx.repos.passageEvents.ofArticle(id).map((e) => {
    // A passage a re-import removed has nothing to restore into.
    const passage = current.get(e.passageIdx);
    return {
      ...e,
      diffHtml: renderDiffHtml(wordDiff(e.beforeText, e.afterText).parts),
      restoreFrom: !passage || passage.correctedText === e.afterText ? null : passage.version,
    };
  });
  const counts = new Map<ErrorCategory, number>();
  for (const e of entries) if (e.category) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return {
    article,
    entries,
    byCategory: [...counts].sort((a, b) => b[1] - a[1]),
    steps: ctx.repos.articleEvents.ofArticle(id),
    dismissals: ctx.repos.dismissals.actionsOf(id),
    // The thread of a passage a re-import dropped has no passage page to be read on any more.
    removedPassageComments: ctx.repos.passageComments.ofPassage(id, REMOVED_PASSAGE),
  };
}

export function isKnownCheck(id: string): boolean {
  return findCheck(id) !== undefined;
}

/** The passages of the article's text: all but a title given apart from it (passage 0), which is not a line of the text. */
function textPassages(article: Article, passages: StoredPassage[]): StoredPassage[] {
  return article.separateTitle ? passages.filter((p) => p.idx !== 0) : passages;
}

/** The corrected article as exports give it (approved corrections only), as plain text ending with a line break, and its approved title. */
export function correctedText(ctx: ServiceContext, id: number): { title: string; text: string } {
  const article = requireArticle(ctx, id);
  // Exports take the approved text: proposals waiting for an editor are not in it.
  const approved = textPassages(article, ctx.repos.passages.ofArticle(id)).map((p) => ({ ...p, correctedText: p.approvedText }));
  return { title: article.title, text: `${correctedArticle(approved).text}\n` };
}

/** The article as the JSON API returns it. */
export function articleResource(ctx: ServiceContext, id: number) {
  const article = requireArticle(ctx, id);
  return {
    id: article.id,
    title: article.title,
    targetLang: article.targetLang,
    sourceLang: article.sourceLang,
    status: article.status,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    openFindings: { error: article.openErrors, warning: article.openWarnings, info: article.openInfos },
    aiText: article.aiText,
    correctedText: correctedText(ctx, id).text,
    /** With the proposals still waiting for an editor. */
    workingText: `${correctedArticle(textPassages(article, ctx.repos.passages.ofArticle(id))).text}\n`,
    sourceText: article.sourceText,
  };
}

/** A stored finding as the JSON API returns it: the CLI's finding plus its dismissal. */
export function findingResource(f: StoredFinding) {
  return {
    check: f.check,
    severity: f.severity,
    itsType: f.itsType,
    message: f.message,
    start: f.start,
    end: f.end,
    text: f.text,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.suggestions.length ? { suggestions: f.suggestions } : {}),
    ...(f.group ? { group: f.group } : {}),
    ...(f.alternatives.length ? { alternatives: f.alternatives } : {}),
    ...(f.note ? { note: f.note } : {}),
    fingerprint: f.fingerprint,
    passage: f.passageIdx,
    dismissed: f.dismissed,
    ...(f.dismissalReason !== null ? { dismissalReason: f.dismissalReason } : {}),
  };
}

export function findingsOf(ctx: ServiceContext, id: number) {
  requireArticle(ctx, id);
  return ctx.repos.findings.ofArticle(id).map(findingResource);
}
