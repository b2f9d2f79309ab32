import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { ReviewTooCostlyError } from '../../src/errors.js';
import { unpackFragment } from '../../src/render/review-fragments.js';
import type { TermEntry } from '../../src/reference/termbase.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { drainRecheck, queueRecheck, recheckProgress, startRechecker, startRecheckThread, type Rechecker } from '../../src/services/recheck.js';
import { dismissFinding } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import type { Reviewer } from '../../src/services/reviewer.js';
import { contextOver, fragmentHtml, reference, testContext, testUser } from '../helpers/app.js';

// Worker threads run compiled JavaScript: the one `npm test` builds into dist/ first.
const RECHECK_WORKER = new URL('../../dist/services/recheck-worker.js', import.meta.url);

const YAREMCHE: TermEntry = { preferred: 'Yaremche', variants: ['Jaremcze'], exceptions: [] };
const BUKOVEL: TermEntry = { preferred: 'Bukovel', variants: ['Bukowel'], exceptions: [] };

/** The termbase change the tests make: the starter's terms and these, as the reviewer reads them from now on. */
function addTerms(ctx: ServiceContext, ...entries: TermEntry[]): void {
  ctx.reviewer.update({ terms: [...reference.termbase.entries, ...entries] });
}

async function imported(ctx: ServiceContext, text: string): Promise<number> {
  return (await importArticle(ctx, { text, targetLang: 'en' })).id;
}

const termFixes = (ctx: ServiceContext, id: number) =>
  ctx.repos.findings
    .ofArticle(id)
    .filter((f) => f.check === 'terms')
    .map((f) => f.fix?.text);

/** The findings panel as the re-check stored it, and whether it shows the article as it now stands. */
function storedPanel(ctx: ServiceContext, id: number): { html: string; current: boolean } {
  const stored = ctx.repos.reviewFragments.find(id, false)!;
  return { html: fragmentHtml(unpackFragment(stored.findings)), current: stored.contentVersion === ctx.repos.articles.contentVersion(id) };
}

/** A reviewer on this thread that holds each review until `release` is called, and counts the reviews of each article. */
function heldReviewer(inner: Reviewer) {
  const reviews = new Map<number, number>();
  const held: (() => void)[] = [];
  const reviewer: Reviewer = {
    ...inner,
    async review(state) {
      reviews.set(state.article.id, (reviews.get(state.article.id) ?? 0) + 1);
      await new Promise<void>((resolve) => held.push(resolve));
      return inner.review(state);
    },
  };
  return { reviewer, reviews, held, release: () => held.splice(0).forEach((resolve) => resolve()) };
}

const running: Rechecker[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

describe('the re-check of the articles a termbase change affects', () => {
  it('gives open and approved articles the findings of the new termbase, keeps dismissals and statuses, and leaves the others alone', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const open = await imported(ctx, 'Trip notes\n\nWe drove from Jaremcze to Kiev. Vitkoff met Witkoff there.');
    const dismissed = ctx.repos.findings.ofArticle(open).find((f) => f.check === 'terms')!;
    await dismissFinding(ctx, editor, open, dismissed.fingerprint, 'A quotation');
    const approved = await imported(ctx, 'Archive\n\nThe old posters of Jaremcze were shown.');
    takeStep(ctx, editor, approved, 'submit', undefined, true);
    takeStep(ctx, editor, approved, 'approve');
    const unaffected = await imported(ctx, 'Elsewhere\n\nTalks in Kiev went on.');
    const unaffectedVersion = ctx.repos.articles.contentVersion(unaffected);
    const before = { open: ctx.repos.articles.find(open)!, approved: ctx.repos.articles.find(approved)! };
    expect(before.open.status).toBe('in_review');

    addTerms(ctx, YAREMCHE);
    expect(queueRecheck(ctx, ['Yaremche', 'Jaremcze'], editor)).toBe(2);
    expect(recheckProgress(ctx)).toMatchObject({ total: 2, done: 0, failed: 0, startedBy: 'editor', finishedAt: null });
    await drainRecheck(ctx);

    expect(termFixes(ctx, open)).toEqual(['Yaremche', 'Kyiv']);
    expect(ctx.repos.findings.ofArticle(open).find((f) => f.fingerprint === dismissed.fingerprint)).toMatchObject({ dismissed: true, dismissalReason: 'A quotation' });
    expect(termFixes(ctx, approved)).toEqual(['Yaremche']);
    // The re-check is no one's work on the text: statuses and last changes stay as they were.
    expect(ctx.repos.articles.find(approved)).toMatchObject({ status: 'approved', updatedAt: before.approved.updatedAt, openErrors: 1 });
    expect(ctx.repos.articles.find(open)).toMatchObject({ status: 'in_review', updatedAt: before.open.updatedAt });
    for (const id of [open, approved]) {
      const panel = storedPanel(ctx, id);
      expect(panel.current).toBe(true);
      expect(panel.html).toContain('Replace with “Yaremche”');
    }
    expect(ctx.repos.articles.contentVersion(unaffected)).toBe(unaffectedVersion);
    expect(recheckProgress(ctx)).toMatchObject({ total: 2, done: 2, failed: 0, finishedAt: expect.any(String) });
  });

  it('takes the articles of a change made while it runs into the same job, and checks again one queued anew while it was being checked', async () => {
    const { ctx: base } = testContext();
    const held = heldReviewer(base.reviewer);
    const editor = testUser(base, 'editor');
    const first = await imported(base, 'One\n\nJaremcze and Bukowel in winter.');
    const second = await imported(base, 'Two\n\nJaremcze in spring.');
    const third = await imported(base, 'Three\n\nBukowel in summer.');
    const ctx = { ...base, reviewer: held.reviewer };

    addTerms(ctx, YAREMCHE);
    queueRecheck(ctx, ['Jaremcze'], editor);
    const startedAt = recheckProgress(ctx)!.startedAt;
    const drained = drainRecheck(ctx);
    await vi.waitFor(() => expect(held.held).toHaveLength(1));
    // The first article is being checked with Yaremche only when the next change comes.
    addTerms(ctx, YAREMCHE, BUKOVEL);
    expect(queueRecheck(ctx, ['Bukowel'], testUser(ctx, 'admin'))).toBe(2);
    expect(recheckProgress(ctx)).toMatchObject({ total: 3, done: 0, startedAt, startedBy: 'editor' });
    while (recheckProgress(ctx)!.finishedAt === null) {
      held.release();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await drained;

    expect(Object.fromEntries(held.reviews)).toEqual({ [first]: 2, [second]: 1, [third]: 1 });
    expect(termFixes(ctx, first)).toEqual(['Yaremche', 'Bukovel']);
    expect(termFixes(ctx, third)).toEqual(['Bukovel']);
    expect(recheckProgress(ctx)).toMatchObject({ total: 3, done: 3, startedAt });

    // A change after the job finished starts a new one.
    queueRecheck(ctx, ['Jaremcze'], testUser(ctx, 'admin'));
    expect(recheckProgress(ctx)).toMatchObject({ total: 2, done: 0, startedBy: 'admin', finishedAt: null });
    expect(recheckProgress(ctx)!.startedAt > startedAt).toBe(true);
  });

  it('counts an article it could not check as failed, keeps its findings, and goes on with the others', async () => {
    const { ctx: base } = testContext();
    const costly = await imported(base, 'Long\n\nJaremcze, at length.');
    const fine = await imported(base, 'Short\n\nJaremcze.');
    const findingsBefore = base.repos.findings.ofArticle(costly);
    const reviewer: Reviewer = {
      ...base.reviewer,
      review: (state) => (state.article.id === costly ? Promise.reject(new ReviewTooCostlyError('took longer than 10 s')) : base.reviewer.review(state)),
    };
    const ctx = { ...base, reviewer };
    addTerms(ctx, YAREMCHE);
    queueRecheck(ctx, ['Jaremcze'], null);
    const logged: unknown[] = [];
    await drainRecheck(ctx, undefined, (error) => logged.push(error));

    expect(logged).toEqual([expect.any(ReviewTooCostlyError)]);
    expect(ctx.repos.findings.ofArticle(costly)).toEqual(findingsBefore);
    expect(termFixes(ctx, fine)).toEqual(['Yaremche']);
    expect(recheckProgress(ctx)).toMatchObject({ total: 2, done: 2, failed: 1, startedBy: null, finishedAt: expect.any(String) });
  });

  it('runs in the background, taking up what a restart or another process left queued and what is queued later', async () => {
    const { ctx } = testContext();
    const id = await imported(ctx, 'News\n\nJaremcze today.');
    const later = await imported(ctx, 'More news\n\nBukowel today.');
    addTerms(ctx, YAREMCHE, BUKOVEL);
    ctx.repos.transaction(() => ctx.repos.recheckQueue.enqueue([id], null, ctx.now()));
    running.push(startRechecker(ctx));
    await vi.waitFor(() => expect(termFixes(ctx, id)).toEqual(['Yaremche']));
    queueRecheck(ctx, ['Bukowel'], null);
    await vi.waitFor(() => expect(termFixes(ctx, later)).toEqual(['Bukovel']));
    expect(recheckProgress(ctx)).toMatchObject({ total: 1, done: 1 });
  });

  it('runs in a thread of its own in the server, over its own connection to the database file', async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'wb-recheck-')), 'workbench.sqlite'));
    migrate(db);
    const { ctx } = contextOver(db);
    const id = await imported(ctx, 'News\n\nTalks in Kiev today.');
    // Findings gone stale, as after a termbase change: the thread's re-check stores them as the termbase has it.
    ctx.repos.transaction(() => ctx.repos.findings.replace(id, []));
    ctx.repos.transaction(() => ctx.repos.recheckQueue.enqueue([id], null, ctx.now()));
    const thread = startRecheckThread({ dbFile: db.name, termbaseFile: undefined, budgetMs: 10_000, memoryMb: 512 }, console.error, RECHECK_WORKER);
    running.push(thread);
    await vi.waitFor(() => expect(recheckProgress(ctx)).toMatchObject({ total: 1, done: 1, failed: 0, finishedAt: expect.any(String) }), { timeout: 10_000 });
    expect(termFixes(ctx, id)).toEqual(['Kyiv']);
    await thread.stop();
  });
});
