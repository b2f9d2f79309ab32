/**
 * The keyset pages a ZIP export reads the articles in: every selected article once, in id order,
 * and all pages together cost about as much as one pass over the articles (growth at 4x, as
 * tests/helpers/growth.ts measures it), not a read of every match for each page.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleFilter } from '../../src/db/repositories/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { testContext } from '../helpers/app.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const PAGE = 100;

/** `count` article rows (no passages: the pages read only the articles table), every other one approved. */
function articles(count: number): ServiceContext {
  const { ctx } = testContext();
  const now = ctx.now();
  ctx.repos.transaction(() => {
    for (let id = 1; id <= count; id++) {
      ctx.repos.articles.insert(id, { separateTitle: false, targetLang: 'en', sourceLang: null, sourceText: null, aiText: `Article ${id}`, externalId: null, now });
      if (id % 2 === 0) ctx.repos.articles.setStatus(id, 'approved', now);
    }
  });
  return ctx;
}

function allPages(ctx: ServiceContext, filter: ArticleFilter): number[] {
  const ids: number[] = [];
  for (let page = ctx.repos.articles.idsAfter(filter, 0, PAGE); page.length > 0; page = ctx.repos.articles.idsAfter(filter, page.at(-1)!, PAGE)) ids.push(...page);
  return ids;
}

describe('articles in keyset pages', () => {
  it('gives each selected article once, in id order', () => {
    const ctx = articles(450);
    expect(allPages(ctx, { status: 'approved' })).toEqual(Array.from({ length: 225 }, (_, i) => 2 * (i + 1)));
    expect(allPages(ctx, {})).toHaveLength(450);
  });

  it('costs near-linear in the number of articles, with the status filter the ZIP export uses by default', () => {
    const growth = growthOf(3000, articles, (ctx) => allPages(ctx, { status: 'approved' }));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});
