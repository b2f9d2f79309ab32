import { ARTICLE_STATUSES, type ArticleFilter } from '../db/repositories/articles.js';
import { compressChunk, type CompressedChunk } from '../lib/http/gzip-assembly.js';
import { VersionedCache } from '../lib/versioned-cache.js';
import { exportFormats } from '../export/index.js';
import { CHECK_IDS, listArticles, listVersion } from '../services/articles.js';
import { ANY_STATUS } from '../services/export-zip.js';
import type { ServiceContext } from '../services/context.js';
import { compileFragment } from './compile.js';
import { openCounts, STATUS_LABELS, timeOf } from './view-helpers.js';

const listTemplate = compileFragment('article-list');
const PAGES_CACHED = 200;

/** The list page's link to page n of the same filters. */
export function listHref(filter: ArticleFilter, n: number): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.check) query.set('check', filter.check);
  if (filter.titleContains) query.set('q', filter.titleContains);
  query.set('page', String(n));
  return `/articles?${query}`;
}

/** The status filter's choices, in the list's order. */
const STATUS_CHOICES = ARTICLE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/**
 * The list page below the site header (its heading, the filter form, the count line, table and
 * page links), compressed, for a filter and page: it is the same for everyone. A rendered page
 * is kept until anything in the database changes (its data version), so reading the list again
 * costs one tiny query, and a change anyone makes shows at once.
 */
export function articleListRenderer(ctx: ServiceContext): (filter: ArticleFilter, page: number) => CompressedChunk {
  const cache = new VersionedCache<CompressedChunk>(PAGES_CACHED);
  return (filter, requested) => {
    const version = listVersion(ctx);
    const key = listHref(filter, requested);
    const cached = cache.get(key, version);
    if (cached) return cached;
    const page = listArticles(ctx, filter, requested);
    const html = listTemplate.render({
      page,
      filter: { status: filter.status ?? '', check: filter.check ?? '', q: filter.titleContains ?? '' },
      statuses: STATUS_CHOICES,
      checkIds: CHECK_IDS,
      statusLabels: STATUS_LABELS,
      previousHref: page.page > 1 ? listHref(filter, page.page - 1) : null,
      nextHref: page.page < page.pageCount ? listHref(filter, page.page + 1) : null,
      openCounts,
      timeOf,
      exportFormats,
      anyStatus: ANY_STATUS,
    });
    return cache.set(key, version, compressChunk(html));
  };
}
