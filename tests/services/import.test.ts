import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { inProcessReviewer, type Reviewer } from '../../src/services/reviewer.js';
import { reviewArticle } from '../../src/services/review-fragments.js';
import { fragmentHtml, reference, testContext } from '../helpers/app.js';

/** A reviewer whose reviews finish in the reverse order they were asked for, as a pool's may. */
function reversingReviewer(count: number): Reviewer {
  const inProcess = inProcessReviewer(reference);
  let asked = 0;
  return {
    workers: count,
    review: async (state) => {
      await delay(10 * (count - asked++));
      return inProcess.review(state);
    },
    update: inProcess.update,
    close: async () => {},
  };
}

describe('importArticle', () => {
  it('imports new articles side by side, each under the id its page was rendered with, in the order they were started', async () => {
    const { ctx: base } = testContext();
    const ctx = { ...base, reviewer: reversingReviewer(5) };
    const texts = ['One', 'Two', 'Three', 'Four', 'Five'].map((n) => `${n} talks in Kiev\n\nThe envoy met officials in ${n.toLowerCase()} rounds.`);
    const ids = (await Promise.all(texts.map((text) => importArticle(ctx, { text })))).map((r) => r.id);

    expect(ids).toEqual([1, 2, 3, 4, 5]);
    for (const id of ids) {
      // Stored when imported, not rendered on the first view: the page was rendered with this id.
      expect(ctx.repos.articles.findForReview(id, false)!.fragments).toBeDefined();
      const { fragments } = await reviewArticle(ctx, { role: 'editor' }, id);
      expect(fragmentHtml(fragments.passages)).toContain(`/articles/${id}/passages/1/edit`);
    }
  });

  it('gives the next article the id of an import that was refused, leaving no gap', async () => {
    const { ctx: base } = testContext();
    let refuse = true;
    const inProcess = inProcessReviewer(reference);
    const ctx = {
      ...base,
      reviewer: { ...inProcess, review: async (state: Parameters<Reviewer['review']>[0]) => (refuse ? Promise.reject(new Error('worker died')) : inProcess.review(state)) },
    };
    await expect(importArticle(ctx, { text: 'Refused' })).rejects.toThrow('worker died');
    refuse = false;
    expect((await importArticle(ctx, { text: 'Kept' })).id).toBe(1);
  });
});
