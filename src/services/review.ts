import { findCheck } from '../checks/index.js';
import { reachedCaps } from '../checks/run-checks.js';
import { ERROR_CATEGORIES, type ErrorCategory, type TextEdit } from '../checks/types.js';
import type { Article, ArticleSummary } from '../db/repositories/articles.js';
import type { StoredFinding } from '../db/repositories/findings.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import type { Actor, ServiceContext } from './context.js';
import { ConflictError, NotFoundError, StaleEditError, ValidationError } from '../errors.js';
import { mergeWords } from '../lib/diff/index.js';
import { inCaseOf } from '../text/letter-case.js';
import { applyArticleEdits, correctedArticle, refuseLongPassage } from './passage-layout.js';
import { changeArticle, correctionsChange, type ArticleChange, type ArticleSnapshot, type Change } from './article-change.js';
import { LATEST_COMMENTS } from './review-state.js';

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

function requireFinding(ctx: ServiceContext, articleId: number, fingerprint: string): StoredFinding {
  const finding = ctx.repos.findings.find(articleId, fingerprint);
  // A finding disappears when an earlier change fixed it; a stale page asks for it again.
  if (!finding) throw new NotFoundError('That finding is no longer reported; the text may have changed since the page was loaded.');
  return finding;
}

/**
 * The corrections a set of edits of the article text makes. An editor's one-click change applies
 * to the approved text, so it is refused on a passage whose translator's proposal still waits:
 * the finding's offsets are in the working text, which holds the unapproved proposal.
 */
function editsAsCorrections(snapshot: ArticleSnapshot, actor: Actor, edits: readonly TextEdit[]): Map<number, string> {
  const corrections = applyArticleEdits(snapshot.passages, edits);
  if (actor.role !== 'translator') {
    const waiting = snapshot.passages.find((p) => corrections.has(p.idx) && p.correctedText !== p.approvedText);
    if (waiting) throw new ConflictError(`A proposed correction waits on passage ${waiting.idx + 1}: approve or reject it first, then apply this.`);
  }
  return corrections;
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

/**
 * How to take an applied fix back: restore the passage's text after an earlier change of its
 * history (`restoreEvent`), or revert it to the AI text when that is what it was (null).
 */
export interface FixUndo {
  idx: number;
  /** The passage's version after the fix: the undo is based on it, so it refuses once someone changed the passage again. */
  version: number;
  restoreEvent: number | null;
}

/** What applying a fix changed: the passages, and how to undo it (null when there is no earlier text to go back to). */
export interface AppliedFix {
  passages: number[];
  undo: FixUndo | null;
}

/** The way back to a passage's text before a change: its latest change's text, or the AI text. */
function undoOf(ctx: ServiceContext, articleId: number, before: StoredPassage): FixUndo | null {
  const latest = ctx.repos.passageEvents.latestOf(articleId, before.idx);
  const version = before.version + 1;
  if (latest && latest.afterText === before.correctedText) return { idx: before.idx, version, restoreEvent: latest.id };
  return before.correctedText === before.aiText ? { idx: before.idx, version, restoreEvent: null } : null;
}

/** Applies a finding's fix, or the suggestion at `suggestion` (an index) when given. */
export function applyFinding(ctx: ServiceContext, actor: Actor, articleId: number, fingerprint: string, suggestion?: number): Promise<AppliedFix> {
  return changeArticle(ctx, articleId, (snapshot) => {
    const finding = requireFinding(ctx, articleId, fingerprint);
    const edit = suggestion === undefined ? finding.fix : finding.suggestions[suggestion]?.edit;
    if (!edit) throw new ValidationError(suggestion === undefined ? 'This finding has no fix to apply.' : 'There is no such suggestion.');
    const corrections = editsAsCorrections(snapshot, actor, [edit]);
    const changed = snapshot.passages.filter((p) => corrections.has(p.idx) && corrections.get(p.idx) !== p.correctedText);
    const undo = changed.length === 1 ? undoOf(ctx, articleId, changed[0]!) : null;
    const change = correctionsChange(ctx, snapshot, corrections, { actor, kind: 'fix', category: categoryOf(finding) });
    const record = (now: string): AppliedFix => {
      change.record(now);
      return { passages: changed.map((p) => p.idx), undo };
    };
    return { ...change, record };
  });
}

/**
 * Uses one spelling of an inconsistency group at each of its open flagged occurrences, in the
 * case each is written in ("KIEV" becomes "KYIV"), and for the group's other allowed spellings,
 * which are not flagged. Only these change: a variant in a context the termbase allows ("chicken
 * Kiev") is not flagged, and a dismissed one was judged right. Findings are listed up to a cap
 * per check; when the group's check reached it, the re-check lists the occurrences past it, and
 * they are changed in a further round.
 */
export async function applyGroupSpelling(ctx: ServiceContext, actor: Actor, articleId: number, group: string, spelling: string): Promise<number[]> {
  const changed = new Set<number>();
  for (;;) {
    const listedAtCap = checkAtCap(ctx.repos.findings.ofArticle(articleId), group);
    for (const idx of await changeArticle(ctx, articleId, (snapshot) => groupSpellingChange(ctx, snapshot, actor, group, spelling))) changed.add(idx);
    if (!listedAtCap || toRespell(ctx.repos.findings.ofArticle(articleId), group, spelling).length === 0) return [...changed].sort((a, b) => a - b);
  }
}

/** The open findings of a group whose text the spelling changes. */
function toRespell(findings: readonly StoredFinding[], group: string, spelling: string): StoredFinding[] {
  return findings.filter((f) => f.group === group && !f.dismissed && inCaseOf(f.text, spelling, spelling) !== f.text);
}

/** Whether the check of a group lists as many open findings as it may, so that more may be past the cap. */
function checkAtCap(findings: readonly StoredFinding[], group: string): boolean {
  const check = findings.find((f) => f.group === group)?.check;
  return check !== undefined && reachedCaps(findings).checks.has(check);
}

/** The change one spelling makes, answering the passages whose text it changed. */
function groupSpellingChange(ctx: ServiceContext, snapshot: ArticleSnapshot, actor: Actor, group: string, spelling: string): ArticleChange<number[]> {
  const findings = ctx.repos.findings.ofArticle(snapshot.article.id);
  const members = findings.filter((f) => f.group === group);
  const alternatives = new Set(members.flatMap((f) => f.alternatives));
  if (alternatives.size === 0 || members.every((f) => f.dismissed)) throw new NotFoundError('That group of findings is no longer reported.');
  if (!alternatives.has(spelling)) throw new ValidationError(`“${spelling}” is not one of the spellings this group may use.`);
  const flagged = toRespell(findings, group, spelling).map((f) => ({ start: f.start, end: f.end, text: inCaseOf(f.text, spelling, spelling) }));
  // The spelling a name group prefers is not flagged; when another one is chosen, its occurrences change too.
  const unflagged = [...alternatives].filter((a) => a !== spelling && !members.some((f) => f.text === a));
  const others = unflagged.length === 0 ? [] : occurrences(correctedArticle(snapshot.passages).text, unflagged).map((m) => ({ ...m, text: spelling }));
  const corrections = editsAsCorrections(snapshot, actor, [...flagged, ...others]);
  const changed = snapshot.passages.filter((p) => corrections.has(p.idx) && corrections.get(p.idx) !== p.correctedText).map((p) => p.idx);
  const change = correctionsChange(ctx, snapshot, corrections, { actor, kind: 'spelling', category: categoryOf(members[0]!) });
  return {
    ...change,
    record: (now) => {
      change.record(now);
      return changed;
    },
  };
}

/** Where the words are written in the text as whole words. */
function occurrences(text: string, words: readonly string[]): { start: number; end: number }[] {
  const longestFirst = [...words].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\d])(?:${longestFirst.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\d])`, 'gu');
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Dismissals of findings as one action (of the history, and undone as one unit): a dismissal is
 * kept by fingerprint and survives re-checks. `check` names the check for a dismissal of all its findings.
 */
function dismissalsChange(ctx: ServiceContext, snapshot: ArticleSnapshot, actor: Actor, findings: readonly StoredFinding[], reason: string, check: string | null): ArticleChange<number> {
  const dismissals = new Map(snapshot.dismissals);
  for (const f of findings) dismissals.set(f.fingerprint, reason);
  const articleId = snapshot.article.id;
  return {
    state: { ...snapshot, dismissals },
    touches: true,
    record: (now) => {
      const actionId = ctx.repos.dismissals.recordAction({ articleId, userId: actor.id, kind: 'dismiss', check, reason, undoes: null, count: findings.length, now });
      for (const f of findings) ctx.repos.dismissals.save(articleId, { fingerprint: f.fingerprint, check: f.check, reason, actionId }, now);
      return findings.length;
    },
  };
}

/** Dismisses one finding. */
export async function dismissFinding(ctx: ServiceContext, actor: Actor, articleId: number, fingerprint: string, reason?: string): Promise<void> {
  await changeArticle(ctx, articleId, (snapshot) => dismissalsChange(ctx, snapshot, actor, [requireFinding(ctx, articleId, fingerprint)], cleanReason(reason), null));
}

/** Dismisses every open finding of one check in the article. Returns how many. */
export function dismissCheck(ctx: ServiceContext, actor: Actor, articleId: number, check: string, reason?: string): Promise<number> {
  return changeArticle(ctx, articleId, (snapshot) => {
    const open = ctx.repos.findings.ofArticle(articleId).filter((f) => f.check === check && !f.dismissed);
    if (open.length === 0) throw new NotFoundError(`There are no open ${check} findings in this article.`);
    return dismissalsChange(ctx, snapshot, actor, open, cleanReason(reason), check);
  });
}

/**
 * Removes standing dismissals as one undo, recorded in the history: the findings they hid are
 * open again, and a dismissal whose finding is no longer reported (the text changed) goes too,
 * so the finding is open if its text comes back. An undo with nothing left to undo is refused (409).
 */
function undoChange(ctx: ServiceContext, snapshot: ArticleSnapshot, actor: Actor, fingerprints: readonly string[], undoes: number | null): ArticleChange<number> {
  if (fingerprints.length === 0) throw new ConflictError('That dismissal was already undone (or replaced by a later one); nothing changed.');
  const dismissals = new Map(snapshot.dismissals);
  for (const fingerprint of fingerprints) dismissals.delete(fingerprint);
  const articleId = snapshot.article.id;
  return {
    state: { ...snapshot, dismissals },
    touches: true,
    record: (now) => {
      ctx.repos.dismissals.recordAction({ articleId, userId: actor.id, kind: 'undo', check: null, reason: null, undoes, count: fingerprints.length, now });
      for (const fingerprint of fingerprints) ctx.repos.dismissals.remove(articleId, fingerprint);
      return fingerprints.length;
    },
  };
}

/** Undoes the dismissal of one finding (by fingerprint), whichever action made it. */
export function undoFindingDismissal(ctx: ServiceContext, actor: Actor, articleId: number, fingerprint: string): Promise<number> {
  return changeArticle(ctx, articleId, (snapshot) => {
    const dismissal = ctx.repos.dismissals.find(articleId, fingerprint);
    return undoChange(ctx, snapshot, actor, dismissal ? [fingerprint] : [], dismissal?.actionId ?? null);
  });
}

/** Undoes a dismissal action of the history as one unit: those of its dismissals that still stand. Returns how many. */
export function undoDismissalAction(ctx: ServiceContext, actor: Actor, articleId: number, actionId: number): Promise<number> {
  return changeArticle(ctx, articleId, (snapshot) => {
    if (!ctx.repos.dismissals.hasAction(articleId, actionId)) throw new NotFoundError(`Article ${articleId} has no dismissal ${actionId} in its history.`);
    return undoChange(ctx, snapshot, actor, ctx.repos.dismissals.standingOf(articleId, actionId), actionId);
  });
}

/** The passage a change is based on, if it is still at the version the change was made from: otherwise someone saved it meanwhile. */
function requirePassageAt(snapshot: ArticleSnapshot, idx: number, baseVersion: number): StoredPassage {
  const passage = snapshot.passages.find((p) => p.idx === idx);
  if (!passage) throw new NotFoundError(`Article ${snapshot.article.id} has no passage ${idx}.`);
  if (passage.version !== baseVersion) throw new StaleEditError(passage);
  return passage;
}

/**
 * Sets a passage's corrected text, if it is still at the version the change was made from:
 * otherwise the change is refused rather than lost or losing theirs.
 */
function changePassage(ctx: ServiceContext, change: Change, articleId: number, idx: number, baseVersion: number, textOf: (passage: StoredPassage) => string): Promise<void> {
  return changeArticle(ctx, articleId, (snapshot) => {
    const passage = requirePassageAt(snapshot, idx, baseVersion);
    return correctionsChange(ctx, snapshot, new Map([[idx, textOf(passage)]]), change);
  });
}

/** The text a passage had at a version: the import's AI text at version 1, else what the change that made the version left. */
function textAtVersion(ctx: ServiceContext, articleId: number, passage: StoredPassage, version: number): string | undefined {
  return ctx.repos.passageEvents.textAt(articleId, passage.idx, version) ?? (version === 1 ? passage.aiText : undefined);
}

/**
 * Replaces a passage's corrected text; line breaks become spaces, empty text deletes the
 * passage. The person says what kind of error the edit corrects. When someone saved the
 * passage after it was opened, changes to different words are merged without asking (true is
 * returned); changes to the same or touching words are refused with StaleEditError.
 */
export async function editPassage(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, text: string, baseVersion: number, category: ErrorCategory): Promise<boolean> {
  const corrected = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  refuseLongPassage(corrected);
  return changeArticle(ctx, articleId, (snapshot) => {
    const passage = snapshot.passages.find((p) => p.idx === idx);
    if (!passage) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
    const stale = passage.version !== baseVersion;
    let result = corrected;
    if (stale) {
      const base = baseVersion < passage.version ? textAtVersion(ctx, articleId, passage, baseVersion) : undefined;
      const merged = base === undefined ? undefined : mergeWords(base, passage.correctedText, corrected);
      if (merged === undefined) throw new StaleEditError(passage);
      refuseLongPassage(merged);
      result = merged;
    }
    const change = correctionsChange(ctx, snapshot, new Map([[idx, result]]), { actor, kind: 'edit', category });
    return {
      ...change,
      record: (now) => {
        change.record(now);
        return stale;
      },
    };
  });
}

/** Puts a passage back to the AI text. */
export function revertPassage(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, baseVersion: number): Promise<void> {
  return changePassage(ctx, { actor, kind: 'revert', category: null }, articleId, idx, baseVersion, (passage) => passage.aiText);
}

/**
 * Puts a passage back to its text after an event of its history (its "version N"). Based on
 * the passage's current version like any other change, and itself recorded as one.
 */
export async function restorePassage(ctx: ServiceContext, actor: Actor, articleId: number, eventId: number, baseVersion: number): Promise<number> {
  const event = ctx.repos.passageEvents.find(articleId, eventId);
  if (!event) throw new NotFoundError(`Article ${articleId} has no change ${eventId} in its history.`);
  await changePassage(ctx, { actor, kind: 'restore', category: null }, articleId, event.passageIdx, baseVersion, () => event.afterText);
  return event.passageIdx;
}

const MAX_COMMENT = 4000;

function cleanComment(body: string): string {
  const text = body.trim();
  if (text === '') throw new ValidationError('The comment is empty.');
  if (text.length > MAX_COMMENT) throw new ValidationError(`A comment has at most ${MAX_COMMENT} characters.`);
  return text;
}

/** Adds a comment to a change: the review page shows how many each passage has. */
function withComment<T>(ctx: ServiceContext, change: ArticleChange<T>, actor: Actor, idx: number, body: string): ArticleChange<T> {
  const { state } = change;
  const before = state.comments.get(idx) ?? { count: 0, latest: [] };
  const userName = ctx.repos.users.find(actor.id)?.name ?? '';
  const brief = { count: before.count + 1, latest: [...before.latest, { userName, body }].slice(-LATEST_COMMENTS) };
  const comments = new Map(state.comments).set(idx, brief);
  return {
    ...change,
    state: { ...state, comments },
    record: (now) => {
      const result = change.record(now);
      ctx.repos.passageComments.insert({ articleId: state.article.id, passageIdx: idx, userId: actor.id, body, now });
      return result;
    },
  };
}

/** A change that leaves the text as it is: a comment, a confirmation, an approval re-render the review page only. */
function unchanged<T = void>(snapshot: ArticleSnapshot, record: (now: string) => T = () => undefined as T): ArticleChange<T> {
  return { state: snapshot, touches: false, record };
}

/** Adds a comment to a passage's thread. */
export function addComment(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, body: string): Promise<void> {
  const text = cleanComment(body);
  return changeArticle(ctx, articleId, (snapshot) => {
    if (!snapshot.passages.some((p) => p.idx === idx)) throw new NotFoundError(`Article ${articleId} has no passage ${idx}.`);
    return withComment(ctx, unchanged(snapshot), actor, idx, text);
  });
}

/** Says a correction marked for re-review still holds after a re-import, keeping its text. */
export function confirmPassage(ctx: ServiceContext, articleId: number, idx: number, baseVersion: number): Promise<void> {
  return changeArticle(ctx, articleId, (snapshot) => {
    const passage = requirePassageAt(snapshot, idx, baseVersion);
    const confirmed = { ...passage, needsReview: false };
    return unchanged({ ...snapshot, passages: snapshot.passages.map((p) => (p.idx === idx ? confirmed : p)) }, () => ctx.repos.passages.updateAll(articleId, [confirmed]));
  });
}

/** The passage with a proposal waiting, at the version the editor's decision was made from. */
function requireProposal(snapshot: ArticleSnapshot, idx: number, baseVersion: number): StoredPassage {
  const passage = requirePassageAt(snapshot, idx, baseVersion);
  if (passage.correctedText === passage.approvedText) throw new ConflictError('No proposed correction waits on this passage any more.');
  return passage;
}

/** Approvals of passages' proposals as one change: exports take them from now on, and each passage's proposals are settled as approved in its history. */
function approvalsChange(ctx: ServiceContext, snapshot: ArticleSnapshot, proposed: readonly StoredPassage[]): ArticleChange<void> {
  const articleId = snapshot.article.id;
  const approved = new Map(proposed.map((p) => [p.idx, { ...p, approvedText: p.correctedText }]));
  return unchanged({ ...snapshot, passages: snapshot.passages.map((p) => approved.get(p.idx) ?? p) }, () => {
    ctx.repos.passages.updateAll(articleId, [...approved.values()]);
    for (const idx of approved.keys()) ctx.repos.passageEvents.settle(articleId, idx, 'approved');
  });
}

/**
 * The approvals of all the proposals waiting in the article, as a change, when they are exactly
 * the ones the editor saw (passage index → version); refused (409) when one changed or another
 * came meanwhile, so nothing is approved unseen.
 */
export function approvalsOfAllWaiting(ctx: ServiceContext, snapshot: ArticleSnapshot, seen: ReadonlyMap<number, number>): ArticleChange<void> {
  const waiting = snapshot.passages.filter((p) => p.correctedText !== p.approvedText);
  const unseen = waiting.find((p) => seen.get(p.idx) !== p.version);
  if (unseen || waiting.length !== seen.size) {
    const where = unseen ? ` (passage ${unseen.idx + 1})` : '';
    throw new ConflictError(`The proposals changed since the page was loaded${where}, so nothing was approved. Reload the page to see them as they are now.`);
  }
  return approvalsChange(ctx, snapshot, waiting);
}

/** Rejections of passages' proposals as one change: their text goes back to the approved one; a comment on each tells the translator why. */
function rejectionsChange(ctx: ServiceContext, actor: Actor, snapshot: ArticleSnapshot, proposed: readonly StoredPassage[], note: string | null): ArticleChange<void> {
  const change = correctionsChange(ctx, snapshot, new Map(proposed.map((p) => [p.idx, p.approvedText])), { actor, kind: 'reject', category: null });
  return note === null ? change : proposed.reduce((withNotes, p) => withComment(ctx, withNotes, actor, p.idx, note), change);
}

const rejectionNote = (comment: string | undefined) => (comment?.trim() ? cleanComment(`Proposal not taken: ${comment.trim()}`) : null);

/** An editor approves a passage's proposed correction: exports take it from now on. */
export function approveProposal(ctx: ServiceContext, articleId: number, idx: number, baseVersion: number): Promise<void> {
  return changeArticle(ctx, articleId, (snapshot) => approvalsChange(ctx, snapshot, [requireProposal(snapshot, idx, baseVersion)]));
}

/** An editor rejects a passage's proposed correction: its text goes back to the approved one; a comment tells the translator why. */
export function rejectProposal(ctx: ServiceContext, actor: Actor, articleId: number, idx: number, baseVersion: number, comment?: string): Promise<void> {
  const note = rejectionNote(comment);
  return changeArticle(ctx, articleId, (snapshot) => rejectionsChange(ctx, actor, snapshot, [requireProposal(snapshot, idx, baseVersion)], note));
}

/** A proposal an editor chose from a page: its article and passage, at the version the page showed. */
export interface ProposalPick {
  articleId: number;
  idx: number;
  version: number;
}

/**
 * An editor approves or rejects several proposals at once: those of one article in one change.
 * A proposal changed since the page showed it (its passage is at another version, or no
 * proposal waits on it any more) is skipped, never decided unseen; the counts say how many.
 */
export async function decideProposals(ctx: ServiceContext, actor: Actor, decision: 'approve' | 'reject', picks: readonly ProposalPick[], comment?: string): Promise<{ decided: number; skipped: number }> {
  const note = decision === 'reject' ? rejectionNote(comment) : null;
  const byArticle = new Map<number, Map<number, number>>();
  for (const pick of picks) {
    const versions = byArticle.get(pick.articleId) ?? new Map<number, number>();
    byArticle.set(pick.articleId, versions.set(pick.idx, pick.version));
  }
  let decided = 0;
  for (const [articleId, versions] of byArticle) {
    decided += await changeArticle(ctx, articleId, (snapshot) => {
      const proposed = snapshot.passages.filter((p) => versions.get(p.idx) === p.version && p.correctedText !== p.approvedText);
      if (proposed.length === 0) return unchanged(snapshot, () => 0);
      const change = decision === 'approve' ? approvalsChange(ctx, snapshot, proposed) : rejectionsChange(ctx, actor, snapshot, proposed, note);
      return {
        ...change,
        record: (now) => {
          change.record(now);
          return proposed.length;
        },
      };
    });
  }
  const chosen = [...byArticle.values()].reduce((n, versions) => n + versions.size, 0);
  return { decided, skipped: chosen - decided };
}
