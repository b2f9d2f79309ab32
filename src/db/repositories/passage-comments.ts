import type { Db } from '../connection.js';

export interface PassageComment {
  id: number;
  passageIdx: number;
  userName: string;
  body: string;
  createdAt: string;
}

export function passageCommentRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO passage_comments (article_id, passage_idx, user_id, body, created_at)
    VALUES (@articleId, @passageIdx, @userId, @body, @now)`);
  const ofPassage = db.prepare(`SELECT c.id, c.passage_idx AS passageIdx, u.name AS userName, c.body, c.created_at AS createdAt
    FROM passage_comments c JOIN users u ON u.id = c.user_id WHERE c.article_id = ? AND c.passage_idx = ? ORDER BY c.id`);
  const counts = db.prepare('SELECT passage_idx AS passageIdx, count(*) AS count FROM passage_comments WHERE article_id = ? GROUP BY passage_idx');

  // newIndex is a JSON array: the new index of each old passage, or -1 for one that is gone.
  const remap = db.prepare(`UPDATE passage_comments SET passage_idx = coalesce(json_extract(@newIndex, '$[' || passage_idx || ']'), -1)
    WHERE article_id = @articleId AND passage_idx >= 0`);

  return {
    /** Call inside a transaction, after a re-import moved passages: the new index of each old one, -1 when it is gone. */
    remap(articleId: number, newIndex: readonly number[]): void {
      remap.run({ articleId, newIndex: JSON.stringify(newIndex) });
    },
    insert(comment: { articleId: number; passageIdx: number; userId: number; body: string; now: string }): void {
      insert.run(comment);
    },
    /** Oldest first, as a thread reads. */
    ofPassage(articleId: number, passageIdx: number): PassageComment[] {
      return ofPassage.all(articleId, passageIdx) as PassageComment[];
    },
    /** How many comments each passage with any has. */
    counts(articleId: number): Map<number, number> {
      return new Map((counts.all(articleId) as { passageIdx: number; count: number }[]).map((r) => [r.passageIdx, r.count]));
    },
  };
}
