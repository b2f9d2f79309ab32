import type { Db } from '../connection.js';

export type ArticleStatus = 'new' | 'in_review';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['new', 'in_review'];

export interface Article {
  id: number;
  title: string;
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
  aiText: string;
  status: ArticleStatus;
  createdAt: string;
  updatedAt: string;
  openErrors: number;
  openWarnings: number;
  openInfos: number;
}

/** An article as the list shows it: no texts. */
export type ArticleSummary = Omit<Article, 'sourceText' | 'aiText'>;

export interface NewArticle {
  title: string;
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
  aiText: string;
  now: string;
}

export interface ArticleFilter {
  status?: ArticleStatus | undefined;
  /** Only articles with an open finding of this check. */
  check?: string | undefined;
  /** Part of the title, case-insensitive for ASCII. */
  titleContains?: string | undefined;
}

const SUMMARY_COLUMNS = `a.id, a.title, a.target_lang AS targetLang, a.source_lang AS sourceLang, a.status,
  a.created_at AS createdAt, a.updated_at AS updatedAt,
  a.open_errors AS openErrors, a.open_warnings AS openWarnings, a.open_infos AS openInfos`;

// Every filter is optional: a NULL parameter switches its condition off.
const FILTER = `WHERE (@status IS NULL OR a.status = @status)
  AND (@title IS NULL OR a.title LIKE @title ESCAPE '\\')
  AND (@check IS NULL OR EXISTS (
    SELECT 1 FROM findings f WHERE f.check_id = @check AND f.article_id = a.id AND f.dismissed = 0))`;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function articleRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO articles (title, target_lang, source_lang, source_text, ai_text, created_at, updated_at)
    VALUES (@title, @targetLang, @sourceLang, @sourceText, @aiText, @now, @now)`);
  const byId = db.prepare(`SELECT ${SUMMARY_COLUMNS}, a.source_text AS sourceText, a.ai_text AS aiText FROM articles a WHERE a.id = ?`);
  const list = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a ${FILTER}
    ORDER BY a.updated_at DESC, a.id DESC LIMIT @limit OFFSET @offset`);
  const count = db.prepare(`SELECT count(*) FROM articles a ${FILTER}`).pluck();
  const touch = db.prepare(`UPDATE articles SET status = @status, updated_at = @now WHERE id = @id`);
  // Counts computed in SQL from the stored findings, in the same transaction that stored them.
  const recount = db.prepare(`UPDATE articles SET
      open_errors   = (SELECT count(*) FROM findings WHERE article_id = @id AND dismissed = 0 AND severity = 'error'),
      open_warnings = (SELECT count(*) FROM findings WHERE article_id = @id AND dismissed = 0 AND severity = 'warning'),
      open_infos    = (SELECT count(*) FROM findings WHERE article_id = @id AND dismissed = 0 AND severity = 'info')
    WHERE id = @id`);
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM articles)').pluck();

  const filterParams = (filter: ArticleFilter) => ({
    status: filter.status ?? null,
    check: filter.check ?? null,
    title: filter.titleContains ? likePattern(filter.titleContains) : null,
  });

  return {
    insert(article: NewArticle): number {
      return Number(insert.run(article).lastInsertRowid);
    },
    find(id: number): Article | undefined {
      return byId.get(id) as Article | undefined;
    },
    list(filter: ArticleFilter, limit: number, offset: number): ArticleSummary[] {
      return list.all({ ...filterParams(filter), limit, offset }) as ArticleSummary[];
    },
    count(filter: ArticleFilter): number {
      return count.get(filterParams(filter)) as number;
    },
    touch(id: number, status: ArticleStatus, now: string): void {
      touch.run({ id, status, now });
    },
    recount(id: number): void {
      recount.run({ id });
    },
    isEmpty(): boolean {
      return any.get() === 0;
    },
  };
}
