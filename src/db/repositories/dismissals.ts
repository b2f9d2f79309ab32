import type { Db } from '../connection.js';

export interface Dismissal {
  fingerprint: string;
  check: string;
  reason: string;
}

/** A dismissal action of the article's history: a dismissal of one finding or of a check's all, or an undo of one. */
export interface DismissalAction {
  id: number;
  userName: string;
  kind: 'dismiss' | 'undo';
  /** The check whose open findings were all dismissed; null for one finding. */
  check: string | null;
  reason: string | null;
  /** For an undo, the action it undid. */
  undoes: number | null;
  count: number;
  /** For a dismissal, how many of its dismissals still stand (neither undone nor replaced by a later dismissal). */
  standing: number;
  createdAt: string;
}

export function dismissalRepository(db: Db) {
  const upsert = db.prepare(`INSERT INTO dismissals (article_id, fingerprint, check_id, reason, created_at, action_id)
    VALUES (@articleId, @fingerprint, @check, @reason, @now, @actionId)
    ON CONFLICT (article_id, fingerprint) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at, action_id = excluded.action_id`);
  const ofArticle = db.prepare('SELECT fingerprint, reason FROM dismissals WHERE article_id = ?');
  const find = db.prepare('SELECT action_id AS actionId FROM dismissals WHERE article_id = ? AND fingerprint = ?');
  const ofAction = db.prepare('SELECT fingerprint FROM dismissals WHERE article_id = ? AND action_id = ?').pluck();
  const remove = db.prepare('DELETE FROM dismissals WHERE article_id = ? AND fingerprint = ?');
  const insertAction = db.prepare(`INSERT INTO dismissal_actions (article_id, user_id, kind, check_id, reason, undoes, count, created_at)
    VALUES (@articleId, @userId, @kind, @check, @reason, @undoes, @count, @now)`);
  const actionsOf = db.prepare(`SELECT d.id, u.name AS userName, d.kind, d.check_id AS "check", d.reason, d.undoes, d.count, d.created_at AS createdAt,
      CASE d.kind WHEN 'dismiss' THEN (SELECT count(*) FROM dismissals x WHERE x.action_id = d.id) ELSE 0 END AS standing
    FROM dismissal_actions d JOIN users u ON u.id = d.user_id WHERE d.article_id = ? ORDER BY d.id DESC`);
  const findAction = db.prepare("SELECT id FROM dismissal_actions WHERE article_id = ? AND id = ? AND kind = 'dismiss'").pluck();

  return {
    /** The article's dismissed fingerprints and the reason given for each. */
    ofArticle(articleId: number): Map<string, string> {
      return new Map((ofArticle.all(articleId) as { fingerprint: string; reason: string }[]).map((r) => [r.fingerprint, r.reason]));
    },
    /** The dismissal of a fingerprint, with the action that made it (null for one made before actions were recorded). */
    find(articleId: number, fingerprint: string): { actionId: number | null } | undefined {
      return find.get(articleId, fingerprint) as { actionId: number | null } | undefined;
    },
    /** Whether the article has a dismissal action (not an undo) with this id. */
    hasAction(articleId: number, actionId: number): boolean {
      return findAction.get(articleId, actionId) !== undefined;
    },
    /** The fingerprints whose standing dismissal an action made. */
    standingOf(articleId: number, actionId: number): string[] {
      return ofAction.all(articleId, actionId) as string[];
    },
    /** Records a dismissal action or an undo; returns its id. */
    recordAction(action: { articleId: number; userId: number; kind: 'dismiss' | 'undo'; check: string | null; reason: string | null; undoes: number | null; count: number; now: string }): number {
      return Number(insertAction.run(action).lastInsertRowid);
    },
    /** Call inside a transaction when dismissing several. */
    save(articleId: number, dismissal: Dismissal & { actionId: number }, now: string): void {
      upsert.run({ articleId, ...dismissal, now });
    },
    /** Call inside a transaction when removing several. */
    remove(articleId: number, fingerprint: string): void {
      remove.run(articleId, fingerprint);
    },
    /** The article's dismissal actions and undos, newest first. */
    actionsOf(articleId: number): DismissalAction[] {
      return actionsOf.all(articleId) as DismissalAction[];
    },
  };
}
