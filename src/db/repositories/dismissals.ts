import type { Db } from '../connection.js';

export interface Dismissal {
  fingerprint: string;
  check: string;
  reason: string;
}

export function dismissalRepository(db: Db) {
  const upsert = db.prepare(`INSERT INTO dismissals (article_id, fingerprint, check_id, reason, created_at)
    VALUES (@articleId, @fingerprint, @check, @reason, @now)
    ON CONFLICT (article_id, fingerprint) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at`);

  const ofArticle = db.prepare('SELECT fingerprint, reason FROM dismissals WHERE article_id = ?');

  return {
    /** The article's dismissed fingerprints and the reason given for each. */
    ofArticle(articleId: number): Map<string, string> {
      return new Map((ofArticle.all(articleId) as { fingerprint: string; reason: string }[]).map((r) => [r.fingerprint, r.reason]));
    },
    /** Call inside a transaction when dismissing several. */
    save(articleId: number, dismissal: Dismissal, now: string): void {
      upsert.run({ articleId, ...dismissal, now });
    },
  };
}
