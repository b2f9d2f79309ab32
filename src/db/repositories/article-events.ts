import type { Db } from '../connection.js';

export type ArticleEventKind = 'submitted' | 'approved' | 'sent_back' | 'assigned' | 'reimported';

export interface ArticleEvent {
  id: number;
  /** Null for a re-import from the command line. */
  userName: string | null;
  kind: ArticleEventKind;
  comment: string | null;
  createdAt: string;
}

/** An editor's send-back that still stands: the article was not submitted again since. */
export interface SendBack {
  articleId: number;
  title: string;
  userName: string | null;
  comment: string;
  createdAt: string;
}

export function articleEventRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO article_events (article_id, user_id, kind, comment, created_at)
    VALUES (@articleId, @userId, @kind, @comment, @now)`);
  const ofArticle = db.prepare(`SELECT e.id, u.name AS userName, e.kind, e.comment, e.created_at AS createdAt
    FROM article_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.article_id = ? ORDER BY e.id DESC`);
  // The latest submit or send-back of each article decides: a send-back stands until the next submit.
  const standingSendBacks = `SELECT a.id AS articleId, a.title, u.name AS userName, e.comment, e.created_at AS createdAt
    FROM articles a
    JOIN article_events e ON e.id = (SELECT max(id) FROM article_events WHERE article_id = a.id AND kind IN ('submitted', 'sent_back'))
    LEFT JOIN users u ON u.id = e.user_id
    WHERE e.kind = 'sent_back'`;
  const sendBackOf = db.prepare(`${standingSendBacks} AND a.id = ?`);
  const sendBacksTo = db.prepare(`${standingSendBacks} AND a.assignee_id = @assigneeId ORDER BY e.id DESC LIMIT @limit`);

  return {
    insert(event: { articleId: number; userId: number | null; kind: ArticleEventKind; comment: string | null; now: string }): void {
      insert.run(event);
    },
    /** Newest first. */
    ofArticle(articleId: number): ArticleEvent[] {
      return ofArticle.all(articleId) as ArticleEvent[];
    },
    /** The article's send-back, while it stands. */
    standingSendBack(articleId: number): SendBack | undefined {
      return sendBackOf.get(articleId) as SendBack | undefined;
    },
    /** The standing send-backs of the articles assigned to someone, newest first. */
    standingSendBacksTo(assigneeId: number, limit: number): SendBack[] {
      return sendBacksTo.all({ assigneeId, limit }) as SendBack[];
    },
  };
}
