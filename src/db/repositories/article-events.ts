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

export function articleEventRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO article_events (article_id, user_id, kind, comment, created_at)
    VALUES (@articleId, @userId, @kind, @comment, @now)`);
  const ofArticle = db.prepare(`SELECT e.id, u.name AS userName, e.kind, e.comment, e.created_at AS createdAt
    FROM article_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.article_id = ? ORDER BY e.id DESC`);

  return {
    insert(event: { articleId: number; userId: number | null; kind: ArticleEventKind; comment: string | null; now: string }): void {
      insert.run(event);
    },
    /** Newest first. */
    ofArticle(articleId: number): ArticleEvent[] {
      return ofArticle.all(articleId) as ArticleEvent[];
    },
  };
}
