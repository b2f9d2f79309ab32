import type { ArticleStatus, ArticleSummary } from '../db/repositories/articles.js';
import { escapeHtml } from '../lib/diff/index.js';
import { INVISIBLE_CHARACTER } from '../text/invisible.js';

export const STATUS_LABELS: Record<ArticleStatus, string> = { new: 'New', in_review: 'In review', awaiting_approval: 'Awaiting approval', approved: 'Approved' };

/**
 * Small pieces of markup many views repeat, as functions on the views' locals: a list page
 * calls one fifty times, where an EJS include would copy the whole locals object each time.
 * They build HTML from numbers, fixed words and the timestamps the workbench stores, so their
 * output needs no escaping; article text goes through escapeHtml, which shows its invisible
 * characters as markers where `<%= %>` would pass them to the browser unseen.
 */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** An article's open findings in words ("1 error 3 warnings"), each coloured by its severity. */
export function openCounts(a: Pick<ArticleSummary, 'openErrors' | 'openWarnings' | 'openInfos'>): string {
  const parts: string[] = [];
  if (a.openErrors) parts.push(`<span class="count count-error">${plural(a.openErrors, 'error', 'errors')}</span>`);
  if (a.openWarnings) parts.push(`<span class="count count-warning">${plural(a.openWarnings, 'warning', 'warnings')}</span>`);
  if (a.openInfos) parts.push(`<span class="count count-info">${plural(a.openInfos, 'note', 'notes')}</span>`);
  return parts.length > 0 ? parts.join(' ') : 'none open';
}

/** A stored ISO timestamp as a <time> element, to the minute. */
export function timeOf(iso: string): string {
  const minute = iso.slice(0, 16);
  return `<time datetime="${minute}Z">${minute.replace('T', ' ')}</time>`;
}

/** Whether a text holds invisible characters, which a form field cannot show as markers. */
export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE_CHARACTER.test(text);
}

export const viewHelpers = { openCounts, timeOf, escapeHtml, hasInvisibleCharacters };
