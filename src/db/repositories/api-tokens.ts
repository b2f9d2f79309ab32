import type { Db } from '../connection.js';
import type { Role } from './users.js';

export interface ApiToken {
  id: number;
  userId: number;
  userName: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const COLUMNS = `t.id, t.user_id AS userId, u.name AS userName, t.label, t.created_at AS createdAt,
  t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt`;

export function apiTokenRepository(db: Db) {
  const insert = db.prepare('INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (@userId, @label, @tokenHash, @now)');
  const all = db.prepare(`SELECT ${COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC`);
  // Only live tokens of enabled users authenticate.
  const owner = db.prepare(`SELECT t.id, u.id AS userId, u.name, u.role, t.last_used_at AS lastUsedAt FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0`);
  const used = db.prepare('UPDATE api_tokens SET last_used_at = @now WHERE id = @id');
  const revoke = db.prepare('UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL');

  return {
    insert(token: { userId: number; label: string; tokenHash: string; now: string }): number {
      return Number(insert.run(token).lastInsertRowid);
    },
    all(): ApiToken[] {
      return all.all() as ApiToken[];
    },
    owner(tokenHash: string): { id: number; userId: number; name: string; role: Role; lastUsedAt: string | null } | undefined {
      return owner.get(tokenHash) as { id: number; userId: number; name: string; role: Role; lastUsedAt: string | null } | undefined;
    },
    markUsed(id: number, now: string): void {
      used.run({ id, now });
    },
    /** False when there is no such live token. */
    revoke(id: number, now: string): boolean {
      return revoke.run({ id, now }).changes === 1;
    },
  };
}
