import type { ArticleName } from '../../text/article-names.js';
import type { ArticleStatus } from './articles.js';
import type { Db } from '../connection.js';

/** A spelling of a name across the approved articles: what established spellings are worked out from. */
export interface ApprovedSpelling {
  key: string;
  spelling: string;
  /** Approved articles that write it. */
  articles: number;
  uses: number;
  /** When the latest of those articles was approved (its last change, which approval is). */
  lastApproved: string;
}

/** A name across the archive: its key, how many articles write it, and how contested its spelling is. */
export interface NameGroupSummary {
  key: string;
  articles: number;
  spellingCount: number;
  uses: number;
  /** The uses of its commonest spelling. */
  leadingUses: number;
}

/** Which names a list holds. */
export interface NameFilter {
  minSpellings: number;
  minArticles: number;
}

/** A spelling of one name across the archive. */
export interface SpellingCount {
  key: string;
  spelling: string;
  articles: number;
  uses: number;
}

/** A passage of an article's working text, for a rebuild of the index. */
export interface WorkingPassage {
  articleId: number;
  idx: number;
  gapBefore: string;
  correctedText: string;
}

/** An article that writes a spelling. */
export interface ArticleOfSpelling {
  spelling: string;
  articleId: number;
  title: string;
  status: ArticleStatus;
  uses: number;
}

export function nameRepository(db: Db) {
  const clear = db.prepare('DELETE FROM article_names WHERE article_id = ?');
  const insert = db.prepare('INSERT INTO article_names (article_id, name_key, spelling, uses) VALUES (?, ?, ?, ?)');
  const complete = db.prepare('SELECT complete FROM names_index_state WHERE id = 1').pluck();
  const setComplete = db.prepare('UPDATE names_index_state SET complete = ? WHERE id = 1');
  const approvedSpellings = db.prepare(`SELECT n.name_key AS key, n.spelling, count(*) AS articles, sum(n.uses) AS uses, max(a.updated_at) AS lastApproved
    FROM article_names n JOIN articles a ON a.id = n.article_id
    WHERE a.status = 'approved'
    GROUP BY n.name_key, n.spelling`);
  // Per name: its spellings' totals, then the name's, and its articles; the share of its leading
  // spelling orders the contested first. Two passes over the table (no index by name: see 0020).
  const groups = db.prepare(`WITH spellings AS (
      SELECT name_key, sum(uses) AS uses FROM article_names GROUP BY name_key, spelling
    ), names AS (
      SELECT name_key, count(*) AS spellingCount, sum(uses) AS uses, max(uses) AS leadingUses FROM spellings GROUP BY name_key
    ), articles AS (
      SELECT name_key, count(DISTINCT article_id) AS articles FROM article_names GROUP BY name_key
    )
    SELECT n.name_key AS key, n.spellingCount, n.uses, n.leadingUses, a.articles
    FROM names n JOIN articles a ON a.name_key = n.name_key
    WHERE n.spellingCount >= @minSpellings AND a.articles >= @minArticles
    ORDER BY CASE WHEN n.spellingCount > 1 AND a.articles >= 2 THEN 0 ELSE 1 END, CAST(n.leadingUses AS REAL) / n.uses, a.articles DESC, n.name_key`);
  const spellingsOf = db.prepare(`SELECT name_key AS key, spelling, count(*) AS articles, sum(uses) AS uses
    FROM article_names WHERE name_key IN (SELECT value FROM json_each(?))
    GROUP BY name_key, spelling ORDER BY name_key, uses DESC, spelling`);
  const articleIds = db.prepare('SELECT id FROM articles ORDER BY id').pluck();
  const workingPassages = db.prepare(`SELECT article_id AS articleId, idx, gap_before AS gapBefore, corrected_text AS correctedText
    FROM passages WHERE article_id BETWEEN ? AND ? ORDER BY article_id, idx`);
  const contentVersions = db.prepare('SELECT id, content_version AS contentVersion FROM articles WHERE id BETWEEN ? AND ?');
  const approvalsVersion = db.prepare(`SELECT count(*) || '/' || coalesce(max(updated_at), '') FROM articles WHERE status = 'approved'`).pluck();
  const articlesOf = db.prepare(`SELECT n.spelling, n.article_id AS articleId, a.title, a.status, n.uses
    FROM article_names n JOIN articles a ON a.id = n.article_id
    WHERE n.name_key = ? ORDER BY n.spelling, a.updated_at DESC, a.id DESC`);

  return {
    /** Call inside the transaction that stores the article's findings: its names as the change leaves it. */
    replace(articleId: number, names: readonly ArticleName[]): void {
      clear.run(articleId);
      for (const n of names) insert.run(articleId, n.key, n.spelling, n.uses);
    },
    markComplete(): void {
      setComplete.run(1);
    },
    /** Whether every article is in the index (false after the migration on a database with articles). */
    isComplete(): boolean {
      return complete.get() === 1;
    },
    /** Every article's id, for a rebuild. */
    articleIds(): number[] {
      return articleIds.all() as number[];
    },
    /** The passages of the articles with ids from `first` to `last`, as their working text is made of, in order. */
    workingPassages(first: number, last: number): WorkingPassage[] {
      return workingPassages.all(first, last) as WorkingPassage[];
    },
    /** The content versions of the articles with ids from `first` to `last` (articles.contentVersion), by id. */
    contentVersions(first: number, last: number): Map<number, number> {
      return new Map((contentVersions.all(first, last) as { id: number; contentVersion: number }[]).map((r) => [r.id, r.contentVersion]));
    },
    /** Changes when an article is approved or leaves approval (any change of an approved article reopens it). */
    approvalsVersion(): string {
      return approvalsVersion.get() as string;
    },
    approvedSpellings(): ApprovedSpelling[] {
      return approvedSpellings.all() as ApprovedSpelling[];
    },
    /**
     * Every name across the archive with at least `minSpellings` spellings in at least
     * `minArticles` articles: the contested first (more than one spelling, in two articles or
     * more), the lowest share of the leading spelling first; then the rest, the most written first.
     */
    groups(filter: NameFilter): NameGroupSummary[] {
      return groups.all(filter) as NameGroupSummary[];
    },
    /** The spellings of these names, each name's commonest first. */
    spellingsOf(keys: readonly string[]): SpellingCount[] {
      return spellingsOf.all(JSON.stringify(keys)) as SpellingCount[];
    },
    /** The articles that write a name, by spelling, the latest changed first. */
    articlesOf(key: string): ArticleOfSpelling[] {
      return articlesOf.all(key) as ArticleOfSpelling[];
    },
  };
}
