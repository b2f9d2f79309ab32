import { findCheck } from '../checks/index.js';
import { ERROR_CATEGORIES, type ErrorCategory, type TextEdit } from '../checks/types.js';
import type { Article, ArticleSummary } from '../db/repositories/articles.js';
import type { StoredFinding } from '../db/repositories/findings.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import type { Actor, ServiceContext } from './context.js';
import { ConflictError, NotFoundError, StaleEditError, ValidationError } from './errors.js';
import { applyArticleEdits, correctedArticle, refuseLongPassage } from './passage-layout.js';
import { recheckArticle, storeCorrections, type Change } from './recheck.js';
import { storeReviewFragments } from './review-fragments.js';

const MAX_REASON = 500;

export function requireArticle(ctx: ServiceContext, id: number): Article {
  const article = ctx.repos.articles.find(id);
  if (!article) throw new NotFoundError(`There is no article ${id}.`);
  return article;
}

/** The article without its texts, as pages show it. */
export function requireSummary(ctx: ServiceContext, id: number): ArticleSummary {
  const article = ctx.repos.articles.findSummary(id);
  if (!article) throw new NotFoundError(`There is no article ${id}.`);
  return article;
}

function requireFinding(ctx: ServiceContext, article: Article, fingerprint: string): StoredFinding {
  const finding = ctx.repos.findings.find(article.id, fingerprint);
  // A finding disappears when an earlier change fixed it; a stale page asks for it again.
  if (!finding) throw new NotFoundError('That finding is no longer reported; the text may have changed since the page was loaded.');
  return finding;
}

function applyEditsToArticle(ctx: ServiceContext, article: Article, edits: readonly TextEdit[], change: Change): void {
  const passages = ctx.repos.passages.ofArticle(article.id);
  storeCorrections(ctx, article, applyArticleEdits(passages, edits), change);
}

/** A correction made from a finding fixes the kind of error its check looks for. */
function categoryOf(finding: StoredFinding): ErrorCategory {
  return findCheck(finding.check)!.category;
}

/** The category a form names, refused when it names none we know. */
export function parseCategory(value: string | undefined): ErrorCategory {
  if (value === undefined || !Object.hasOwn(ERROR_CATEGORIES, value)) {
    throw new ValidationError(`Say what kind of error this correction fixes: one of ${Object.values(ERROR_CATEGORIES).join(', ').toLowerCase()}.`);
  }
  return value as ErrorCategory;
}

function cleanReason(reason: string | undefined): string {
  const text = (reason ?? '').trim() || 'Not an error';
  return text.slice(0, MAX_REASON);
}

/** Applies a finding's fix, or the suggestion at `suggestion` (an index) when given. */
export function applyFinding(ctx: ServiceContext, actor: Actor, articleId: number, fingerprint: string, suggestion?: number): void {
  const article = requireArticle(ctx, articleId);
  const finding = requireFinding(ctx, article, fingerprint);
  const edit = suggestion === undefined ? finding.fix : finding.suggestions[suggestion]?.edit;
  if (!edit) throw new ValidationError(suggestion === undefined ? 'This finding has no fix to apply.' : 'There is no such suggestion.');
  applyEditsToArticle(ctx, article, [edit], { actor, kind: 'fix', category: categoryOf(finding) });
}

/** Uses one spelling of an inconsistency group for every occurrence of the group's spellings. */
export function applyGroupSpelling(ctx: ServiceContext, actor: Actor, articleId: number, group: string, spelling: string): void {
  const article = requireArticle(ctx, articleId);
  const members = ctx.repos.findings.ofArticle(article.id).filter((f) => f.group === group);
  const alternatives = new Set(members.flatMap((f) => f.alternatives));
  if (alternatives.size === 0) throw new NotFoundError('That group of findings is no longer reported.');
  if (!alternatives.has(spelling)) throw new ValidationError(`“${spelling}” is not one of the spellings in this group.`);
  const others = [...alternatives].filter((a) => a !== spelling).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\d])(?:${others.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\d])`, 'gu');
  const { text } = correctedArticle(ctx.repos.passages.ofArticle(article.id));
  const edits = [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: spelling }));
  applyEditsToArticle(ctx, article, edits, { actor, kind: 'spelling', category: categoryOf(members[0]!) });
}

/** Dismisses one finding; the dismissal is kept by fingerprint and survives re-checks. */
export function dismissFinding(ctx: ServiceContext, articleId: number, fingerprint: string, reason?: string): void {
  const article = requireArticle(ctx, articleId);
  const finding = requireFinding(ctx, article, fingerprint);
  ctx.repos.transaction(() => {
    ctx.repos.dismissals.save(article.id, { fingerprint, check: finding.check, reason: cleanReason(reason) }, ctx.now());
    recheckArticle(ctx, article);
  });
}

/** Dismisses every open finding of one check in the article. Returns how many. */
export function dismissCheck(ctx: ServiceContext, articleId: number, check: string, reason?: string): number {
  const article = requireArticle(ctx, articleId);
  const open = ctx.repos.findings.ofArticle(article.id).filter((f) => f.check === check && !f.dismissed);
  if (open.length === 0) throw new NotFoundError(`There are no open ${check} findings in this article.`);
  ctx.repos.transaction(() => {
    for (const f of open) ctx.repos.dismissals.save(article.id, { fingerprint: f.fingerprint, check, reason: cleanReason(reason) }, ctx.now());
    recheckArticle(ctx, article);
  });
  return open.length;
}

/**
 * Sets a passage's corrected text, if it is still at the version the change was made from:
 * otherwise someone saved it meanwhile, and the change is refused rather than lost or losing theirs.
 * Checked and stored in one transaction, so two saves from one version cannot both pass.
 */
function changePassage(ctx: ServiceContext, change: Change, articleId: number, idx: number, baseVersion: number, textOf: (passage: StoredPassage) => string): void {
  const article = requireArticle(ctx, articleId);
  ctx.repos.transaction(() => {
    const passage = ctx.repos.passages.find(article.id, idx);
    if (!passage) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
    if (passage.version !== baseVersion) throw new StaleEditError(passage);
    storeCorrections(ctx, article, new Map([[idx, textOf(passage)]]), change);
  });
}

/**
 * Replaces a passage's corrected text; line breaks become spaces, empty text deletes the
 * passage. The person says what kind of error the edit corrects.
 */
export function editPassage(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, text: string, baseVersion: number, category: ErrorCategory): void {
  const corrected = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  refuseLongPassage(corrected);
  changePassage(ctx, { actor, kind: 'edit', category }, articleId, idx, baseVersion, () => corrected);
}

/** Puts a passage back to the AI text. */
export function revertPassage(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, baseVersion: number): void {
  changePassage(ctx, { actor, kind: 'revert', category: null }, articleId, idx, baseVersion, (passage) => passage.aiText);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Puts a passage back to its text after an event of its history (its "version N"). Based on
 * the passage's current version like any other change, and itself recorded as one.
 */
export function restorePassage(ctx: ServiceContext, actor: Actor, articleId: number, eventId: number, baseVersion: number): number {
  const event = ctx.repos.passageEvents.find(articleId, eventId);
  if (!event) throw new NotFoundError(`Article ${articleId} has no change ${eventId} in its history.`);
  changePassage(ctx, { actor, kind: 'restore', category: null }, articleId, event.passageIdx, baseVersion, () => event.afterText);
  return event.passageIdx;
}

const MAX_COMMENT = 4000;

/** Adds a comment to a passage's thread; the review page shows how many each passage has. */
export function addComment(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, body: string): void {
  const text = body.trim();
  if (text === '') throw new ValidationError('The comment is empty.');
  if (text.length > MAX_COMMENT) throw new ValidationError(`A comment has at most ${MAX_COMMENT} characters.`);
  const article = requireArticle(ctx, articleId);
  ctx.repos.transaction(() => {
    if (!ctx.repos.passages.find(article.id, idx)) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
    ctx.repos.passageComments.insert({ articleId: article.id, passageIdx: idx, userId: actor.id, body: text, now: ctx.now() });
    storeReviewFragments(ctx, article, ctx.repos.passages.ofArticle(article.id));
  });
}

/** Says a correction marked for re-review still holds after a re-import, keeping its text. */
export function confirmPassage(ctx: ServiceContext, articleId: number, idx: number, baseVersion: number): void {
  const article = requireArticle(ctx, articleId);
  ctx.repos.transaction(() => {
    const passage = ctx.repos.passages.find(article.id, idx);
    if (!passage) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
    if (passage.version !== baseVersion) throw new StaleEditError(passage);
    if (!passage.needsReview) return;
    ctx.repos.passages.updateAll(article.id, [{ ...passage, needsReview: false }]);
    storeReviewFragments(ctx, article, ctx.repos.passages.ofArticle(article.id));
  });
}

/** The passage with a proposal waiting, at the version the editor's decision was made from. */
function requireProposal(ctx: ServiceContext, articleId: number, idx: number, baseVersion: number): StoredPassage {
  const passage = ctx.repos.passages.find(articleId, idx);
  if (!passage) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
  if (passage.version !== baseVersion) throw new StaleEditError(passage);
  if (passage.correctedText === passage.approvedText) throw new ConflictError('No proposed correction waits on this passage any more.');
  return passage;
}

/** An editor approves a passage's proposed correction: exports take it from now on. */
export function approveProposal(ctx: ServiceContext, articleId: number, idx: number, baseVersion: number): void {
  const article = requireArticle(ctx, articleId);
  ctx.repos.transaction(() => {
    const passage = requireProposal(ctx, article.id, idx, baseVersion);
    ctx.repos.passages.updateAll(article.id, [{ ...passage, approvedText: passage.correctedText }]);
    ctx.repos.passageEvents.settle(article.id, idx, 'approved');
    storeReviewFragments(ctx, article, ctx.repos.passages.ofArticle(article.id));
  });
}

/** An editor rejects a passage's proposed correction: its text goes back to the approved one; a comment tells the translator why. */
export function rejectProposal(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, baseVersion: number, comment?: string): void {
  const article = requireArticle(ctx, articleId);
  ctx.repos.transaction(() => {
    const passage = requireProposal(ctx, article.id, idx, baseVersion);
    if (comment?.trim()) addComment(ctx, actor, article.id, idx, `Proposal not taken: ${comment}`);
    storeCorrections(ctx, article, new Map([[idx, passage.approvedText]]), { actor, kind: 'reject', category: null });
  });
}
