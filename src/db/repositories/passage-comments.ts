import type { Db } from '../connection.js';

export interface PassageComment {
  id: number;
  passageIdx: number;
  userName: string;
  body: string;
  createdAt: string;
}

/** A passage's comments as the review page shows them in its row: how many, and the latest few, oldest first. */
export interface CommentsBrief {
  count: number;
  latest: { userName: string; body: string }[];
}

export function passageCommentRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO passage_comments (article_id, passage_idx, user_id, body, created_at)
    VALUES (@articleId, @passageIdx, @userId, @body, @now)`);
  const ofPassage = db.prepare(`SELECT c.id, c.passage_idx AS passageIdx, u.name AS userName, c.body, c.created_at AS createdAt
    FROM passage_comments c JOIN users u ON u.id = c.user_id WHERE c.article_id = ? AND c.passage_idx = ? ORDER BY c.id`);
  const latest = db.prepare(`SELECT passageIdx, count, userName, body FROM (
      SELECT c.id, c.passage_idx AS passageIdx, u.name AS userName, c.body,
        count(*) OVER (PARTITION BY c.passage_idx) AS count,
        row_number() OVER (PARTITION BY c.passage_idx ORDER BY c.id DESC) AS recency
      FROM passage_comments c JOIN users u ON u.id = c.user_id WHERE c.article_id = @articleId AND c.passage_idx >= 0)
    WHERE recency <= @latest ORDER BY passageIdx, id`);

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
    /** Each commented passage's comments in brief: how many, and the `latest` most recent. */
    briefs(articleId: number, latestCount: number): Map<number, CommentsBrief> {
      const briefs = new Map<number, CommentsBrief>();
      for (const row of latest.all({ articleId, latest: latestCount }) as { passageIdx: number; count: number; userName: string; body: string }[]) {
        const brief = briefs.get(row.passageIdx) ?? { count: row.count, latest: [] };
        brief.latest.push({ userName: row.userName, body: row.body });
        briefs.set(row.passageIdx, brief);
      }
      return briefs;
    },
  };
}
