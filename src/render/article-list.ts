import type { ArticlePage } from '../services/articles.js';
import { compileFragment } from './compile.js';
import { openCounts, timeOf } from './view-helpers.js';

const listTemplate = compileFragment('article-list');

export interface ArticleListView {
  page: ArticlePage;
  statusLabels: Record<string, string>;
  previousHref: string | null;
  nextHref: string | null;
}

/** The article list's count line, table and page links. */
export function renderArticleList(view: ArticleListView): string {
  return listTemplate.render({ ...view, openCounts, timeOf });
}
