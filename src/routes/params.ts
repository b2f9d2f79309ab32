import { ARTICLE_STATUSES, type ArticleFilter, type ArticleStatus } from '../db/repositories/articles.js';
import { NotFoundError, ValidationError, WorkbenchError } from '../errors.js';
import { isKnownCheck } from '../services/articles.js';
import type { ProposalPick } from '../services/review.js';

/** A positive integer path parameter; anything else names nothing that exists. */
export function idParam(value: string | string[] | undefined, what = 'article'): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new NotFoundError(`There is no ${what} “${String(value ?? '')}”.`);
  return Number(value);
}

/** A single text field of a parsed form or query, undefined when absent; one sent more than once is refused, as no value of it is the one meant. */
export function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) throw new ValidationError(`The field “${name}” was sent more than once; send it once.`);
  return typeof value === 'string' ? value : undefined;
}

/** The article list's filters and page, as the list page and the API read them from a query; unknown filter values are ignored. */
export function articleListQuery(query: unknown): { filter: ArticleFilter; page: number } {
  const status = field(query, 'status');
  const check = field(query, 'check');
  return {
    filter: {
      status: ARTICLE_STATUSES.includes(status as ArticleStatus) ? (status as ArticleStatus) : undefined,
      check: check && isKnownCheck(check) ? check : undefined,
      titleContains: field(query, 'q')?.trim() || undefined,
    },
    page: pageParam(field(query, 'page')),
  };
}

/** A page number: absent or empty is the first page; a fraction, a sign or a word names no page. */
export function pageParam(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (!/^\d{1,9}$/.test(value)) throw new ValidationError(`The page “${value}” is not a page number: give a whole number such as 2.`);
  return Number(value);
}

/** The error when it is the requester's to fix (a 4xx), for a form to show again with it; anything else goes on to the error handler. */
export function requesterError(error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError && error.status < 500) return error;
  throw error;
}

/** The passage version a form was made from; a form without one cannot be checked, so it is refused. */
export function baseVersion(body: unknown): number {
  const value = field(body, 'version');
  if (value === undefined || !/^\d{1,9}$/.test(value)) throw new ValidationError('This form does not say which version of the passage it was made from. Reload the page and make the change again.');
  return Number(value);
}

/**
 * The proposals a form chose: each `pick` is "article:passage:version", as the queue and the
 * review page write them (a checkbox each, or hidden fields for all of an article's).
 */
export function proposalPicks(body: unknown): ProposalPick[] {
  const value = (body as Record<string, unknown> | undefined)?.pick;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (values.length === 0) throw new ValidationError('Choose at least one proposed correction.');
  return values.map((v) => {
    const match = typeof v === 'string' ? /^(\d{1,15}):(\d{1,9}):(\d{1,9})$/.exec(v) : null;
    if (!match) throw new ValidationError('A chosen proposal is not one this workbench wrote; reload the page and choose again.');
    return { articleId: Number(match[1]), idx: Number(match[2]), version: Number(match[3]) };
  });
}
