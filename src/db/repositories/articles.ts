import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import { AUDIENCE_PASSAGES, type AudienceFragments } from './review-fragments.js';

export type ArticleStatus = 'new' | 'in_review' | 'awaiting_approval' | 'approved';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['new', 'in_review', 'awaiting_approval', 'approved'];

export interface Article {
  id: number;
  /** The first line of the approved article (refreshTitle). */
  title: string;
  /** Passage 0 is a title given apart from the text: checked and corrected with it, not a line of the exported text. */
  separateTitle: boolean;
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
  aiText: string;
  status: ArticleStatus;
  /** The translator (or editor) the article is assigned to. */
  assigneeId: number | null;
  assigneeName: string | null;
  createdAt: string;
  updatedAt: string;
  openErrors: number;
  openWarnings: number;
  openInfos: number;
}

/** An article as the list shows it: no texts. */
export type ArticleSummary = Omit<Article, 'sourceText' | 'aiText' | 'separateTitle'>;

export interface NewArticle {
  separateTitle: boolean;
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
  aiText: string;
  /** The CMS's id for the article, when it sent one. */
  externalId: string | null;
  now: string;
}

export interface ArticleFilter {
  status?: ArticleStatus | undefined;
  /** Only articles with an open finding of this check. */
  check?: string | undefined;
  /** Part of the title, case-insensitive for ASCII. */
  titleContains?: string | undefined;
  /** Only articles changed at or after this time (an ISO timestamp, as updated_at holds them). */
  updatedSince?: string | undefined;
}

const SUMMARY_COLUMNS = `a.id, a.title, a.target_lang AS targetLang, a.source_lang AS sourceLang, a.status,
  a.assignee_id AS assigneeId, (SELECT name FROM users WHERE id = a.assignee_id) AS assigneeName,
  a.created_at AS createdAt, a.updated_at AS updatedAt,
  a.open_errors AS openErrors, a.open_warnings AS openWarnings, a.open_infos AS openInfos`;

/**
 * The WHERE clause of the filters given, and their parameters. Only the filters given become
 * conditions, so SQLite walks the index that serves them: an "@x IS NULL OR …" condition keeps
 * it from using any, and the unfiltered list and count would read every article row.
 */
function filterClause(filter: ArticleFilter): { where: string; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filter.status !== undefined) {
    conditions.push('a.status = @status');
    params.status = filter.status;
  }
  if (filter.titleContains) {
    conditions.push("a.title LIKE @title ESCAPE '\\'");
    params.title = likePattern(filter.titleContains);
  }
  if (filter.updatedSince !== undefined) {
    conditions.push('a.updated_at >= @since');
    params.since = filter.updatedSince;
  }
  if (filter.check !== undefined) {
    conditions.push('EXISTS (SELECT 1 FROM findings f WHERE f.check_id = @check AND f.article_id = a.id AND f.dismissed = 0)');
    params.check = filter.check;
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function articleRepository(db: Db) {
  // The title is set from the passages by refreshTitle, in the transaction that stores them.
  const insert = db.prepare(`INSERT INTO articles (id, title, separate_title, target_lang, source_lang, external_id, created_at, updated_at)
    VALUES (@id, '', @separateTitle, @targetLang, @sourceLang, @externalId, @now, @now)`);
  const nextId = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM articles').pluck();
  const exists = db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?)').pluck();
  const contentVersion = db.prepare('SELECT content_version FROM articles WHERE id = ?').pluck();
  const byExternalId = db.prepare('SELECT id FROM articles WHERE external_id = ?').pluck();
  const externalIdOf = db.prepare('SELECT external_id FROM articles WHERE id = ?').pluck();
  const updateArticle = db.prepare(`UPDATE articles SET separate_title = @separateTitle, target_lang = @targetLang, source_lang = @sourceLang, updated_at = @now,
    status = CASE WHEN status = 'new' THEN 'new' ELSE 'in_review' END WHERE id = @id`);
  const updateTexts = db.prepare('UPDATE article_texts SET ai_text = @aiText, source_text = @sourceText WHERE article_id = @id');
  const insertTexts = db.prepare('INSERT INTO article_texts (article_id, ai_text, source_text) VALUES (@articleId, @aiText, @sourceText)');
  const byId = db.prepare(`SELECT ${SUMMARY_COLUMNS}, a.separate_title AS separateTitle, t.source_text AS sourceText, t.ai_text AS aiText
    FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`);
  const summaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?`);
  const forReviewById = db.prepare(`SELECT ${SUMMARY_COLUMNS}, a.content_version AS articleVersion,
      f.render_key AS renderKey, f.content_version AS contentVersion, ${AUDIENCE_PASSAGES} AS passages, f.findings
    FROM articles a LEFT JOIN review_fragments f ON f.article_id = a.id WHERE a.id = @id`);
  // One statement per combination of filters, prepared when first used.
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  // A change starts the review of a new article and reopens an approved one; one awaiting approval stays there.
  const touch = db.prepare(`UPDATE articles SET updated_at = @now,
    status = CASE WHEN status IN ('new', 'approved') THEN 'in_review' ELSE status END WHERE id = @id`);
  const setStatus = db.prepare('UPDATE articles SET status = @status, updated_at = @now WHERE id = @id');
  const assign = db.prepare('UPDATE articles SET assignee_id = @assigneeId, updated_at = @now WHERE id = @id');
  // Counts computed in SQL from the stored findings, in the same transaction that stored them.
  const recount = db.prepare(`UPDATE articles SET
      open_errors   = (SELECT count(*) FROM findings WHERE article_id = @id AND dismissed = 0 AND severity = 'error'),
      open_warnings = (SELECT count(*) FROM findings WHERE article_id = @id AND dismissed = 0 AND severity = 'warning'),
      open_infos    = (SELECT count(*) FROM findings WHERE article_id = @id AND dismissed = 0 AND severity = 'info')
    WHERE id = @id`);
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM articles)').pluck();
  // The first line of the approved article, at most 200 characters (a longer one is cut, with an
  // ellipsis); unchanged when every passage is deleted. Migration 0011 derived it the same way.
  const refreshTitle = db.prepare(`UPDATE articles SET title = coalesce((
      SELECT CASE WHEN length(p.approved_text) <= 200 THEN p.approved_text ELSE substr(p.approved_text, 1, 199) || '…' END
      FROM passages p WHERE p.article_id = @id AND p.approved_text <> '' ORDER BY p.idx LIMIT 1
    ), title) WHERE id = @id`);

  return {
    /** The id a new article would get now: its review page is rendered with it before it is stored. */
    nextId(): number {
      return nextId.get() as number;
    },
    exists(id: number): boolean {
      return exists.get(id) === 1;
    },
    /** Call inside a transaction: the article row and its texts are two rows. */
    insert(id: number, article: NewArticle): void {
      insert.run({ id, ...article, separateTitle: article.separateTitle ? 1 : 0 });
      insertTexts.run({ articleId: id, aiText: article.aiText, sourceText: article.sourceText });
    },
    /** Raised by the database at every write of what the review page shows (migration 0010); undefined when there is no such article. */
    contentVersion(id: number): number | undefined {
      return contentVersion.get(id) as number | undefined;
    },
    find(id: number): Article | undefined {
      const row = byId.get(id) as (Omit<Article, 'separateTitle'> & { separateTitle: number }) | undefined;
      return row && { ...row, separateTitle: row.separateTitle === 1 };
    },
    /** The article without its texts: all a page header needs. */
    findSummary(id: number): ArticleSummary | undefined {
      return summaryById.get(id) as ArticleSummary | undefined;
    },
    /** The summary, its content version and the audience's stored review fragments in one read: all the article page needs. */
    findForReview(id: number, approver: boolean): { summary: ArticleSummary; contentVersion: number; fragments: AudienceFragments | undefined } | undefined {
      type Row = ArticleSummary & { articleVersion: number } & { [K in keyof AudienceFragments]: AudienceFragments[K] | null };
      const row = forReviewById.get({ id, approver: approver ? 1 : 0 }) as Row | undefined;
      if (!row) return undefined;
      const { articleVersion, renderKey, contentVersion, passages, findings, ...summary } = row;
      const stored = renderKey !== null && contentVersion !== null && passages !== null && findings !== null;
      return { summary, contentVersion: articleVersion, fragments: stored ? { renderKey, contentVersion, passages, findings } : undefined };
    },
    list(filter: ArticleFilter, limit: number, offset: number): ArticleSummary[] {
      const { where, params } = filterClause(filter);
      const list = prepared(`SELECT ${SUMMARY_COLUMNS} FROM articles a ${where} ORDER BY a.updated_at DESC, a.id DESC LIMIT @limit OFFSET @offset`);
      return list.all({ ...params, limit, offset }) as ArticleSummary[];
    },
    /**
     * Up to `limit` ids of articles the filter selects, after `afterId`, in id order: keyset pages.
     * NOT INDEXED walks the rows from `afterId` on: the status index would make SQLite read and
     * sort every matching article for each page, so paging through all of them would be quadratic;
     * this way all pages together read each row once.
     */
    idsAfter(filter: ArticleFilter, afterId: number, limit: number): number[] {
      const { where, params } = filterClause(filter);
      const ids = prepared(`SELECT a.id FROM articles a NOT INDEXED ${where ? `${where} AND` : 'WHERE'} a.id > @after ORDER BY a.id LIMIT @limit`);
      return ids.pluck().all({ ...params, after: afterId, limit }) as number[];
    },
    count(filter: ArticleFilter): number {
      const { where, params } = filterClause(filter);
      return prepared(`SELECT count(*) FROM articles a ${where}`).pluck().get(params) as number;
    },
    /** The article imported under the CMS's id, if any. */
    idOfExternal(externalId: string): number | undefined {
      return byExternalId.get(externalId) as number | undefined;
    },
    /** The CMS's id the article was imported under; null when none was given. */
    externalIdOf(id: number): string | null {
      return (externalIdOf.get(id) as string | null | undefined) ?? null;
    },
    /** Call inside a transaction: a re-import's new texts; an article under review goes back into review. */
    update(id: number, article: Omit<NewArticle, 'externalId'>): void {
      updateArticle.run({ id, separateTitle: article.separateTitle ? 1 : 0, targetLang: article.targetLang, sourceLang: article.sourceLang, now: article.now });
      updateTexts.run({ id, aiText: article.aiText, sourceText: article.sourceText });
    },
    /** Records a change of the article's text or findings. */
    touch(id: number, now: string): void {
      touch.run({ id, now });
    },
    setStatus(id: number, status: ArticleStatus, now: string): void {
      setStatus.run({ id, status, now });
    },
    assign(id: number, assigneeId: number | null, now: string): void {
      assign.run({ id, assigneeId, now });
    },
    recount(id: number): void {
      recount.run({ id });
    },
    /** Call inside the transaction that stored the article's passages: its title follows its approved first line. */
    refreshTitle(id: number): void {
      refreshTitle.run({ id });
    },
    isEmpty(): boolean {
      return any.get() === 0;
    },
  };
}
