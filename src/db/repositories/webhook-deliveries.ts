import type { Db } from '../connection.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A delivery a sender has claimed: what it posts, and how many attempts came before. */
export interface ClaimedDelivery {
  id: number;
  deliveryId: string;
  event: string;
  body: Buffer;
  attempts: number;
}

/** A delivery as the admin page lists it. */
export interface DeliverySummary {
  id: number;
  deliveryId: string;
  event: string;
  articleId: number;
  articleTitle: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const SUMMARY_COLUMNS = `d.id, d.delivery_id AS deliveryId, d.event, d.article_id AS articleId, a.title AS articleTitle, d.status,
  d.attempts, d.next_attempt_at AS nextAttemptAt, d.last_error AS lastError, d.created_at AS createdAt, d.delivered_at AS deliveredAt`;

/** Not leased, or its lease ran out (the sender that held it died or hung). */
const UNLEASED = '(lease_until IS NULL OR lease_until <= @now)';

export function webhookDeliveryRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO webhook_deliveries (delivery_id, event, article_id, body, next_attempt_at, created_at)
    VALUES (@deliveryId, @event, @articleId, @body, @now, @now)`);
  // One statement picks and leases the due rows, so two senders (two processes on one database)
  // never both claim a row: SQLite runs it under the write lock.
  const claimDue = db.prepare(`UPDATE webhook_deliveries SET lease_until = @leaseUntil
    WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now AND ${UNLEASED}
                 ORDER BY next_attempt_at LIMIT @limit)
    RETURNING id, delivery_id AS deliveryId, event, body, attempts`);
  // The outcome is written only while the sender still holds its lease; otherwise another sender owns the row now.
  const delivered = db.prepare(`UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, next_attempt_at = NULL,
    lease_until = NULL, last_error = NULL, delivered_at = @now WHERE id = @id AND lease_until = @leaseUntil`);
  const attemptFailed = db.prepare(`UPDATE webhook_deliveries SET status = CASE WHEN @nextAttemptAt IS NULL THEN 'failed' ELSE 'pending' END,
    attempts = attempts + 1, next_attempt_at = @nextAttemptAt, lease_until = NULL, last_error = @error WHERE id = @id AND lease_until = @leaseUntil`);
  const release = db.prepare('UPDATE webhook_deliveries SET lease_until = NULL WHERE id = @id AND lease_until = @leaseUntil');
  const resend = db.prepare(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = @now WHERE id = @id AND ${UNLEASED}`);
  const exists = db.prepare('SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = ?)').pluck();
  const page = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM webhook_deliveries d JOIN articles a ON a.id = d.article_id
    ORDER BY d.id DESC LIMIT @limit OFFSET @offset`);
  const count = db.prepare('SELECT count(*) FROM webhook_deliveries').pluck();

  return {
    insert(delivery: { deliveryId: string; event: string; articleId: number; body: Buffer; now: string }): void {
      insert.run(delivery);
    },
    /** Leases up to `limit` pending deliveries due at `now` until `leaseUntil`, the longest due first. */
    claimDue(now: string, leaseUntil: string, limit: number): ClaimedDelivery[] {
      return claimDue.all({ now, leaseUntil, limit }) as ClaimedDelivery[];
    },
    /** False when the lease was lost meanwhile. */
    markDelivered(id: number, leaseUntil: string, now: string): boolean {
      return delivered.run({ id, leaseUntil, now }).changes === 1;
    },
    /** A failed attempt: tried again at nextAttemptAt, or failed for good when that is null. False when the lease was lost meanwhile. */
    markAttemptFailed(id: number, leaseUntil: string, error: string, nextAttemptAt: string | null): boolean {
      return attemptFailed.run({ id, leaseUntil, error, nextAttemptAt }).changes === 1;
    },
    /** Gives a claimed delivery back unattempted (the server is stopping). */
    release(id: number, leaseUntil: string): void {
      release.run({ id, leaseUntil });
    },
    /** Due again now, with a fresh round of attempts: 'queued', 'in-flight' (a sender holds it), or 'missing'. */
    resend(id: number, now: string): 'queued' | 'in-flight' | 'missing' {
      if (resend.run({ id, now }).changes === 1) return 'queued';
      return exists.get(id) === 1 ? 'in-flight' : 'missing';
    },
    /** Newest first. */
    page(limit: number, offset: number): DeliverySummary[] {
      return page.all({ limit, offset }) as DeliverySummary[];
    },
    count(): number {
      return count.get() as number;
    },
  };
}
