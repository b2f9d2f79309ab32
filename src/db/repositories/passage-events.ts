import type { ErrorCategory } from '../../checks/types.js';
import type { Db } from '../connection.js';

export type ChangeKind = 'edit' | 'revert' | 'fix' | 'spelling' | 'restore' | 'reject';
export type ChangeStatus = 'proposed' | 'approved' | 'rejected';

export interface PassageEvent {
  id: number;
  passageIdx: number;
  version: number;
  userName: string;
  kind: ChangeKind;
  /** The kind of error a correction fixes; null for a revert or a restore. */
  category: ErrorCategory | null;
  status: ChangeStatus;
  beforeText: string;
  afterText: string;
  createdAt: string;
}

export function passageEventRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO passage_events (article_id, passage_idx, version, user_id, kind, category, status, before_text, after_text, created_at)
    VALUES (@articleId, @passageIdx, @version, @userId, @kind, @category, @status, @beforeText, @afterText, @now)`);
  const settle = db.prepare(`UPDATE passage_events SET status = @status WHERE article_id = @articleId AND passage_idx = @passageIdx AND status = 'proposed'`);
  const COLUMNS = `e.id, e.passage_idx AS passageIdx, e.version, u.name AS userName, e.kind, e.category, e.status,
    e.before_text AS beforeText, e.after_text AS afterText, e.created_at AS createdAt`;
  const ofArticle = db.prepare(`SELECT ${COLUMNS} FROM passage_events e JOIN users u ON u.id = e.user_id
    WHERE e.article_id = ? ORDER BY e.id DESC`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM passage_events e JOIN users u ON u.id = e.user_id
    WHERE e.article_id = ? AND e.id = ?`);

  const textAt = db.prepare(`SELECT after_text FROM passage_events WHERE article_id = ? AND passage_idx = ? AND version = ? ORDER BY id DESC LIMIT 1`).pluck();
  const latestOfPassage = db.prepare(`SELECT ${COLUMNS} FROM passage_events e JOIN users u ON u.id = e.user_id
    WHERE e.article_id = ? AND e.passage_idx = ? ORDER BY e.id DESC LIMIT 1`);

  // newIndex is a JSON array: the new index of each old passage, or -1 for one that is gone.
  const remap = db.prepare(`UPDATE passage_events SET passage_idx = coalesce(json_extract(@newIndex, '$[' || passage_idx || ']'), -1)
    WHERE article_id = @articleId AND passage_idx >= 0`);

  return {
    /** Call inside a transaction, after a re-import moved passages: the new index of each old one, -1 when it is gone. */
    remap(articleId: number, newIndex: readonly number[]): void {
      remap.run({ articleId, newIndex: JSON.stringify(newIndex) });
    },
    /** Returns the event's id. */
    insert(event: Omit<PassageEvent, 'id' | 'userName' | 'createdAt'> & { articleId: number; userId: number; now: string }): number {
      return Number(insert.run(event).lastInsertRowid);
    },
    /** Call inside a transaction: an editor's decision on every proposal of a passage. */
    settle(articleId: number, passageIdx: number, status: Exclude<ChangeStatus, 'proposed'>): void {
      settle.run({ articleId, passageIdx, status });
    },
    /** Newest first. */
    ofArticle(articleId: number): PassageEvent[] {
      return ofArticle.all(articleId) as PassageEvent[];
    },
    find(articleId: number, id: number): PassageEvent | undefined {
      return one.get(articleId, id) as PassageEvent | undefined;
    },
    /** A passage's text as a change left it at `version`; undefined when no recorded change did (the import or a re-import). */
    textAt(articleId: number, passageIdx: number, version: number): string | undefined {
      return textAt.get(articleId, passageIdx, version) as string | undefined;
    },
    /** A passage's latest change. */
    latestOf(articleId: number, passageIdx: number): PassageEvent | undefined {
      return latestOfPassage.get(articleId, passageIdx) as PassageEvent | undefined;
    },
  };
}
