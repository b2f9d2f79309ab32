import { afterEach, describe, expect, it } from 'vitest';
import { ReviewTooCostlyError } from '../../src/errors.js';
import { splitPassages } from '../../src/services/passage-layout.js';
import type { ArticleState } from '../../src/services/review-state.js';
import { inProcessReviewer, workerReviewer, type Reviewer, type WorkerReviewerOptions } from '../../src/services/reviewer.js';
import { reference } from '../helpers/app.js';
import { longArticle } from '../helpers/sqlite-dump.js';

// Worker threads run compiled JavaScript: the one `npm test` builds into dist/ first.
const script = new URL('../../dist/services/review-worker.js', import.meta.url);

function stateOf(text: string): ArticleState {
  const passages = splitPassages(text, null).map((p) => ({ ...p, approvedText: p.correctedText, version: 1, needsReview: false }));
  return { article: { id: 1, targetLang: 'en', sourceLang: null, sourceText: null, separateTitle: false }, passages, dismissals: new Map(), comments: new Map() };
}

/** About 300 KB of ordinary copy with a slip in every paragraph: a second or more of checking, far past the budget below. */
const largeState = () => stateOf(Array.from({ length: 80 }, (_, i) => longArticle(i, 30)).join('\n\n'));
const smallState = () => stateOf('Talks in Kiev ended.\n\nVitkoff met Witkoff.');

const open: Reviewer[] = [];
function pool(options: Partial<WorkerReviewerOptions>): Reviewer {
  const reviewer = workerReviewer({ termbaseFile: undefined, budgetMs: 10_000, memoryMb: 512, workers: 1, script, ...options });
  open.push(reviewer);
  return reviewer;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe('the worker reviewer', () => {
  it('finds and renders what the reviewer on this thread does', async () => {
    const state = smallState();
    const inWorker = await pool({}).review(state);
    const here = await inProcessReviewer(reference).review(state);
    expect(inWorker.findings).toEqual(here.findings);
    expect(inWorker.findings.map((f) => f.check)).toEqual(expect.arrayContaining(['terms', 'name-variants']));
    expect(Buffer.from(inWorker.rendering!.passages)).toEqual(Buffer.from(here.rendering!.passages));
    expect(Buffer.from(inWorker.rendering!.findings)).toEqual(Buffer.from(here.rendering!.findings));
  });

  it('reads an updated termbase from the next review on, in every worker and in one started later', async () => {
    const reviewer = pool({ workers: 2, memoryMb: 64 });
    const state = stateOf('Talks in Lemberg ended.');
    const termsOf = async () => (await reviewer.review(state)).findings.filter((f) => f.check === 'terms').map((f) => f.fix?.text);
    expect(await termsOf()).toEqual([]);
    reviewer.update({ terms: [{ preferred: 'Lviv', variants: ['Lemberg'], exceptions: [] }] });
    expect(await Promise.all([termsOf(), termsOf()])).toEqual([['Lviv'], ['Lviv']]);
    // A worker ended for running out of memory is replaced by one that starts with the update.
    await expect(reviewer.review(stateOf(Array.from({ length: 1500 }, (_, i) => longArticle(i, 30)).join('\n\n')))).rejects.toThrow(ReviewTooCostlyError);
    expect(await Promise.all([termsOf(), termsOf()])).toEqual([['Lviv'], ['Lviv']]);
  });

  it('reads an updated termbase on this thread too', async () => {
    const reviewer = inProcessReviewer(reference);
    reviewer.update({ terms: [{ preferred: 'Lviv', variants: ['Lemberg'], exceptions: [] }] });
    const { findings } = await reviewer.review(stateOf('Talks in Lemberg and Kiev ended.'));
    expect(findings.filter((f) => f.check === 'terms').map((f) => f.fix?.text)).toEqual(['Lviv']);
  });

  it('refuses a review past its time budget, and goes on reviewing with a new worker', async () => {
    const reviewer = pool({ budgetMs: 300 });
    await expect(reviewer.review(largeState())).rejects.toThrow(ReviewTooCostlyError);
    await expect(reviewer.review(largeState())).rejects.toThrow('took longer than 0.3 s');
    const after = await reviewer.review(smallState());
    expect(after.findings.length).toBeGreaterThan(0);
  });

  it('refuses a review that needs more memory than a worker may have', async () => {
    const reviewer = pool({ memoryMb: 64 });
    const huge = stateOf(Array.from({ length: 1500 }, (_, i) => longArticle(i, 30)).join('\n\n'));
    await expect(reviewer.review(huge)).rejects.toThrow('needed more than 64 MB');
    expect((await reviewer.review(smallState())).findings.length).toBeGreaterThan(0);
  });

  it('leaves the event loop free while it reviews', async () => {
    const reviewer = pool({});
    await reviewer.review(smallState()); // the worker is ready
    // A timer set once the review has started fires before the review ends: this thread is not
    // held while the worker checks. The reviewer on this thread holds it, so there the order turns.
    expect(await orderOf(reviewer.review(largeState()))).toEqual(['timer', 'review']);
    expect(await orderOf(inProcessReviewer(reference).review(smallState()))).toEqual(['review', 'timer']);
  });
});

/** In which order a review under way and a timer set just after it started end. */
async function orderOf(review: Promise<unknown>): Promise<string[]> {
  const ended: string[] = [];
  await Promise.all([review.then(() => ended.push('review')), new Promise((resolve) => setTimeout(resolve, 0)).then(() => ended.push('timer'))]);
  return ended;
}
