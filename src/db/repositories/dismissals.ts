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
  const fingerprints = db.prepare('SELECT fingerprint FROM dismissals WHERE article_id = ?').pluck();

  return {
    /** Call inside a transaction when dismissing several. */
    save(articleId: number, dismissal: Dismissal, now: string): void {
      upsert.run({ articleId, ...dismissal, now });
    },
    /** The fingerprints dismissed in an article, which a re-check lists without counting them against its caps. */
    fingerprintsOf(articleId: number): Set<string> {
      return new Set(fingerprints.all(articleId) as string[]);
    },
  };
}
