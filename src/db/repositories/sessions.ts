import type { Db } from '../connection.js';
import type { Role } from './users.js';

export interface StoredSession {
  idHash: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** The signed-in user, or null before login. */
  user: { id: number; name: string; role: Role } | null;
}

interface SessionRow {
  idHash: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  userId: number | null;
  name: string | null;
  role: Role | null;
}

export function sessionRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)
    VALUES (@idHash, @userId, @csrfToken, @now, @now)`);
  // A disabled user's sessions read as signed out.
  const find = db.prepare(`SELECT s.id_hash AS idHash, s.csrf_token AS csrfToken, s.created_at AS createdAt,
      s.last_seen_at AS lastSeenAt, u.id AS userId, u.name, u.role
    FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.disabled = 0 WHERE s.id_hash = ?`);
  const touch = db.prepare('UPDATE sessions SET last_seen_at = @now WHERE id_hash = @idHash');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeOfUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const removeIdle = db.prepare('DELETE FROM sessions WHERE last_seen_at < @idleSince OR created_at < @createdSince');

  return {
    insert(session: { idHash: string; userId: number | null; csrfToken: string; now: string }): void {
      insert.run(session);
    },
    find(idHash: string): StoredSession | undefined {
      const row = find.get(idHash) as SessionRow | undefined;
      if (!row) return undefined;
      const { userId, name, role, ...rest } = row;
      return { ...rest, user: userId !== null && name !== null && role !== null ? { id: userId, name, role } : null };
    },
    touch(idHash: string, now: string): void {
      touch.run({ idHash, now });
    },
    remove(idHash: string): void {
      remove.run(idHash);
    },
    removeOfUser(userId: number): void {
      removeOfUser.run(userId);
    },
    /** Deletes sessions idle since, or created before, the times given. */
    removeExpired(idleSince: string, createdSince: string): number {
      return removeIdle.run({ idleSince, createdSince }).changes;
    },
  };
}
