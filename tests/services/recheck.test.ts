import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { ReviewTooCostlyError } from '../../src/errors.js';
import { unpackFragment } from '../../src/render/review-fragments.js';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { drainRecheck, recheckProgress, startRecheckThread, type Rechecker } from '../../src/services/recheck.js';
import { dismissFinding } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import type { Reviewer } from '../../src/services/reviewer.js';
import { createTerm, startTermbase, updateTerm, type TermInput } from '../../src/services/termbase.js';
import { contextOver, fragmentHtml, testContext, testUser } from '../helpers/app.js';

// Worker threads run compiled JavaScript: the one `npm test` builds into dist/ first.
const RECHECK_WORKER = new URL('../../dist/services/recheck-worker.js', import.meta.url);

const YAREMCHE: TermInput = { preferred: 'Yaremche', variants: ['Jaremcze'], exceptions: [] };
const BUKOVEL: TermInput = { preferred: 'Bukovel', variants: ['Bukowel'], exceptions: [] };

/** A context whose database holds the starter termbase, as the server's does, reviewing with `reviewer` when given. */
function seeded(reviewer?: (inner: Reviewer) => Reviewer): ServiceContext {
  const { ctx: base } = testContext();
  const ctx = reviewer ? { ...base, reviewer: reviewer(base.reviewer) } : base;
  startTermbase(ctx, undefined);
  return ctx;
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

/** A reviewer that, once `hold` is called, holds each review until `release` is called, and counts the reviews held of each article. */
function heldReviewer() {
  const reviews = new Map<number, number>();
  const held: (() => void)[] = [];
  let holding = false;
  const wrap = (inner: Reviewer): Reviewer => ({
    ...inner,
    async review(state) {
      if (holding) {
        reviews.set(state.article.id, (reviews.get(state.article.id) ?? 0) + 1);
        await new Promise<void>((resolve) => held.push(resolve));
      }
      return inner.review(state);
    },
  });
  return { wrap, reviews, held, hold: () => (holding = true), release: () => held.splice(0).forEach((resolve) => resolve()) };
}

const running: Rechecker[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

describe('the re-check of the articles a termbase change affects', () => {
  it('gives open and approved articles the findings of the new termbase, keeps dismissals and statuses, and leaves the others alone', async () => {
    const ctx = seeded();
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

    // The change itself queues the articles that hold one of its forms.
    createTerm(ctx, editor, YAREMCHE);
    expect(recheckProgress(ctx)).toMatchObject({ running: true, total: 2, done: 0, failed: 0, startedBy: 'editor', finishedAt: null });
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
    expect(recheckProgress(ctx)).toMatchObject({ running: false, total: 2, done: 2, failed: 0, finishedAt: expect.any(String) });
  });

  it('takes the articles of a change made while it runs into the same job, and checks again one queued anew while it was being checked', async () => {
    const held = heldReviewer();
    const ctx = seeded(held.wrap);
    const editor = testUser(ctx, 'editor');
    const first = await imported(ctx, 'One\n\nJaremcze and Bukowel in winter.');
    const second = await imported(ctx, 'Two\n\nJaremcze in spring.');
    const third = await imported(ctx, 'Three\n\nBukowel in summer.');

    held.hold();
    createTerm(ctx, editor, YAREMCHE);
    const startedAt = recheckProgress(ctx)!.startedAt;
    const drained = drainRecheck(ctx);
    await vi.waitFor(() => expect(held.held).toHaveLength(1));
    // The first article is being checked without Bukovel when the next change comes.
    createTerm(ctx, testUser(ctx, 'admin'), BUKOVEL);
    expect(recheckProgress(ctx)).toMatchObject({ total: 3, done: 0, startedAt, startedBy: 'editor' });
    while (recheckProgress(ctx)!.running) {
      held.release();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await drained;

    expect(Object.fromEntries(held.reviews)).toEqual({ [first]: 2, [second]: 1, [third]: 1 });
    expect(termFixes(ctx, first)).toEqual(['Yaremche', 'Bukovel']);
    expect(termFixes(ctx, third)).toEqual(['Bukovel']);
    expect(recheckProgress(ctx)).toMatchObject({ total: 3, done: 3, startedAt });

    // A change after the job finished starts a new one.
    updateTerm(ctx, testUser(ctx, 'admin'), ctx.repos.terms.all().find((t) => t.preferred === 'Yaremche')!.id, { ...YAREMCHE, note: 'Hutsul spelling' });
    expect(recheckProgress(ctx)).toMatchObject({ running: true, total: 2, done: 0, startedBy: 'admin' });
    expect(recheckProgress(ctx)!.startedAt > startedAt).toBe(true);
  });

  it('counts an article it could not check as failed, keeps its findings, and goes on with the others', async () => {
    let costly = 0;
    const ctx = seeded((inner) => ({
      ...inner,
      review: (state) => (state.article.id === costly ? Promise.reject(new ReviewTooCostlyError('took longer than 10 s')) : inner.review(state)),
    }));
    costly = await imported(ctx, 'Long\n\nJaremcze, at length.');
    const fine = await imported(ctx, 'Short\n\nJaremcze.');
    const findingsBefore = ctx.repos.findings.ofArticle(costly);
    createTerm(ctx, null, YAREMCHE);
    const logged: unknown[] = [];
    await drainRecheck(ctx, undefined, (error) => logged.push(error));

    expect(logged).toEqual([expect.any(ReviewTooCostlyError)]);
    expect(ctx.repos.findings.ofArticle(costly)).toEqual(findingsBefore);
    expect(termFixes(ctx, fine)).toEqual(['Yaremche']);
    expect(recheckProgress(ctx)).toMatchObject({ total: 2, done: 2, failed: 1, startedBy: null, finishedAt: expect.any(String) });
  });

  it('runs in the server in a thread of its own, started when articles wait, over its own connection and with the termbase as the database has it', async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'wb-recheck-')), 'workbench.sqlite'));
    migrate(db);
    const { ctx } = contextOver(db);
    startTermbase(ctx, undefined);
    const stale = await imported(ctx, 'News\n\nTalks in Kiev today.');
    const id = await imported(ctx, 'More news\n\nTalks in Kiev and Jaremcze today.');
    // Findings gone stale and the article left queued, as by a server stopped mid-job.
    ctx.repos.transaction(() => {
      ctx.repos.findings.replace(stale, []);
      ctx.repos.recheckQueue.enqueue([stale], null, ctx.now());
    });
    const rechecker = startRecheckThread(ctx, { dbFile: db.name, termbaseFile: undefined, budgetMs: 10_000, memoryMb: 512 }, console.error, RECHECK_WORKER);
    running.push(rechecker);
    await vi.waitFor(() => expect(recheckProgress(ctx)).toMatchObject({ total: 1, done: 1, finishedAt: expect.any(String) }), { timeout: 10_000 });
    expect(termFixes(ctx, stale)).toEqual(['Kyiv']);
    // Changed over this connection: the next thread reads the new termbase from the database.
    createTerm(ctx, testUser(ctx, 'editor'), YAREMCHE);
    await vi.waitFor(() => expect(recheckProgress(ctx)).toMatchObject({ total: 1, done: 1, failed: 0, finishedAt: expect.any(String) }), { timeout: 10_000 });
    expect(termFixes(ctx, id)).toEqual(['Kyiv', 'Yaremche']);
  });
});
