import type { ErrorCategory } from '../checks/types.js';
import type { Article } from '../db/repositories/articles.js';
import type { Replacement } from '../db/repositories/learning.js';
import type { ChangeKind } from '../db/repositories/passage-events.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import type { Actor, ServiceContext } from './context.js';
import { BusyError, NotFoundError } from '../errors.js';
import { fixedFindingsChange } from './fixed-findings.js';
import { replacementsOfChange } from './learning.js';
import { LATEST_COMMENTS, type ArticleState, type ReviewedState } from './review-state.js';

/**
 * How every change of an article is stored, in three steps:
 * 1. prepare: read the article as stored and work out, in memory, how the change leaves it;
 * 2. review: check that state and render its review page parts (ctx.reviewer: a worker thread
 *    in the server, with a time budget, so the event loop never waits for the checks);
 * 3. store: in one short transaction, the change's own rows, the findings, the open counts, the
 *    article's names (the archive's names index) and the rendered parts, so readers never see text and findings that disagree, and only if the
 *    article's content version (raised by the database at every write of its passages,
 *    findings, dismissals and comments) is still the one the change was prepared from;
 *    otherwise start again. The rendered parts are stored with the version the change leaves.
 * Changes of one article are queued in this process, so they never have to start again here;
 * a change from another process (the command line's import) may make one start again.
 */

/** A change of passages' corrected text: who made it, how, and the kind of error it corrects, for the history. */
export interface Change {
  actor: Actor;
  kind: ChangeKind;
  category: ErrorCategory | null;
  /** Proposed whoever makes it, for an editor to approve as any proposal (the Names page's house form). */
  proposal?: boolean;
}

/** An article as stored when a change is prepared. */
export interface ArticleSnapshot extends ArticleState {
  article: Article;
  contentVersion: number;
}

/** A change worked out from a snapshot: the article as it leaves it, and the rows that record it. */
export interface ArticleChange<T> {
  state: ArticleState;
  /** Writes the change's own rows (passages, history, dismissals, comments); runs in the transaction that stores the review. */
  record(now: string): T;
  /** Work on the text: the article's last change moves, and a new or approved article goes (back) into review. */
  touches: boolean;
}

/** A change ready to review, and how to store it: undefined from store when the article changed meanwhile. */
export interface PreparedChange<T> {
  state: ArticleState;
  store(reviewed: ReviewedState): { result: T } | undefined;
}

const ATTEMPTS = 3;

/** One queue per article key and database: a change waits for the one before it to be stored. */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

function queued<T>(ctx: ServiceContext, key: string, fn: () => Promise<T>): Promise<T> {
  let byKey = queues.get(ctx.repos);
  if (!byKey) queues.set(ctx.repos, (byKey = new Map()));
  const before = byKey.get(key) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  byKey.set(key, settled);
  void settled.then(() => {
    if (byKey.get(key) === settled) byKey.delete(key);
  });
  return mine;
}

/**
 * Prepares, reviews and stores a change (see above), preparing it again when the article changed
 * meanwhile. Changes with the same key wait for each other; a null key (a new article, which no
 * other change can touch before it is stored) waits for none.
 */
export function commitChange<T>(ctx: ServiceContext, key: string | null, prepare: () => PreparedChange<T>): Promise<T> {
  const commit = async () => {
    for (let attempt = 1; ; attempt++) {
      const change = prepare();
      const reviewed = await ctx.reviewer.review(change.state);
      const stored = await ctx.writes.store(() => change.store(reviewed));
      if (stored) return stored.result;
      if (attempt === ATTEMPTS) throw new BusyError('The article kept changing while this change was checked; nothing was saved. Try again.');
    }
  };
  return key === null ? commit() : queued(ctx, key, commit);
}

/** Everything a change of the article is prepared from. */
export function readSnapshot(ctx: ServiceContext, articleId: number): ArticleSnapshot {
  const { repos } = ctx;
  // Read from one snapshot, so the parts agree with each other and with the content version.
  return repos.snapshot(() => {
    const article = repos.articles.find(articleId);
    if (!article) throw new NotFoundError(`There is no article ${articleId}.`);
    return {
      article,
      contentVersion: repos.articles.contentVersion(articleId)!,
      passages: repos.passages.ofArticle(articleId),
      dismissals: repos.dismissals.ofArticle(articleId),
      comments: repos.passageComments.briefs(articleId, LATEST_COMMENTS),
    };
  });
}

/** A Buffer over the bytes a worker thread sent back (structured cloning makes Buffers plain Uint8Arrays). */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Stores a reviewed state's findings, open counts and rendered parts, the parts marked with the
 * content version the change's writes leave. Call inside the change's transaction, after the
 * change's own rows are written.
 */
export function storeReview(ctx: ServiceContext, articleId: number, reviewed: ReviewedState, touchedAt: string | null): void {
  const { repos } = ctx;
  // What a reviewer's work made go away is what the review report lists as fixed; not what an import did.
  if (touchedAt !== null) {
    const { fixed, reportedAgain } = fixedFindingsChange(repos.findings.summariesOf(articleId), reviewed.findings, repos.findings.fixedOf(articleId));
    repos.findings.saveFixed(articleId, fixed, reportedAgain, touchedAt);
  }
  repos.findings.replace(articleId, reviewed.findings);
  repos.names.replace(articleId, reviewed.names);
  repos.articles.recount(articleId);
  repos.articles.refreshTitle(articleId);
  if (touchedAt !== null) repos.articles.touch(articleId, touchedAt);
  const { rendering } = reviewed;
  if (rendering) {
    repos.reviewFragments.save(articleId, {
      renderKey: rendering.renderKey,
      contentVersion: repos.articles.contentVersion(articleId)!,
      passages: asBuffer(rendering.passages),
      approverPassages: rendering.approverPassages && asBuffer(rendering.approverPassages),
      findings: asBuffer(rendering.findings),
    });
  }
}

/** Whether a change leaves other passages or other working text than the snapshot's: only then is the word index refreshed (an approval or a comment leaves it). */
function workingTextChanged(before: readonly StoredPassage[], after: readonly StoredPassage[]): boolean {
  return before.length !== after.length || after.some((p, i) => p.idx !== before[i]!.idx || p.correctedText !== before[i]!.correctedText);
}

/** Prepares a change of an existing article: `plan` works it out from a snapshot (and throws to refuse it). */
export function prepareArticleChange<T>(ctx: ServiceContext, articleId: number, plan: (snapshot: ArticleSnapshot) => ArticleChange<T>): PreparedChange<T> {
  const snapshot = readSnapshot(ctx, articleId);
  const change = plan(snapshot);
  return {
    state: change.state,
    store: (reviewed) => {
      if (ctx.repos.articles.contentVersion(articleId) !== snapshot.contentVersion) return undefined;
      const now = ctx.now();
      const result = change.record(now);
      if (workingTextChanged(snapshot.passages, change.state.passages)) ctx.repos.wordIndex.refresh(articleId);
      storeReview(ctx, articleId, reviewed, change.touches ? now : null);
      return { result };
    },
  };
}

/** Changes an existing article: `plan` works the change out from a snapshot (and throws to refuse it). */
export function changeArticle<T>(ctx: ServiceContext, articleId: number, plan: (snapshot: ArticleSnapshot) => ArticleChange<T>): Promise<T> {
  return commitChange(ctx, `article:${articleId}`, () => prepareArticleChange(ctx, articleId, plan));
}

/**
 * Corrected passages as a change: the version of each that changed is raised and the change
 * recorded in its history. A translator's change is a proposal: the working text changes, the
 * approved text (exports) does not. An editor's change is approved at once, and settles the
 * passage's open proposals: approved, or rejected when the change is a rejection.
 */
export function correctionsChange(ctx: ServiceContext, snapshot: ArticleSnapshot, corrections: ReadonlyMap<number, string>, change: Change): ArticleChange<void> {
  const status = change.actor.role === 'translator' || change.proposal ? 'proposed' : 'approved';
  const changed: { before: StoredPassage; after: StoredPassage; replacements: Replacement[] }[] = [];
  const passages = snapshot.passages.map((p) => {
    const text = corrections.get(p.idx);
    if (text === undefined || text === p.correctedText) return p;
    // Whoever changes a passage marked for re-review has looked at it again.
    const after = { ...p, correctedText: text, approvedText: status === 'approved' ? text : p.approvedText, version: p.version + 1, needsReview: false };
    // Derived here, before the transaction: the Terms page counts them once the change is approved.
    changed.push({ before: p, after, replacements: replacementsOfChange(change.kind, p.correctedText, text) });
    return after;
  });
  const articleId = snapshot.article.id;
  return {
    state: { ...snapshot, passages },
    touches: true,
    record: (now) => {
      const { repos } = ctx;
      for (const { before, after, replacements } of changed) {
        if (status === 'approved') repos.passageEvents.settle(articleId, before.idx, change.kind === 'reject' ? 'rejected' : 'approved');
        const eventId = repos.passageEvents.insert({
          articleId,
          passageIdx: before.idx,
          version: after.version,
          userId: change.actor.id,
          kind: change.kind,
          category: change.category,
          status,
          beforeText: before.correctedText,
          afterText: after.correctedText,
          now,
        });
        repos.learning.insertReplacements({ id: eventId, articleId, approved: status === 'approved' }, replacements);
      }
      repos.passages.updateAll(articleId, changed.map((c) => c.after));
    },
  };
}
