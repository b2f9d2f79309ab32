import type { Db } from '../connection.js';

export type Role = 'translator' | 'editor' | 'admin';
export const ROLES: readonly Role[] = ['translator', 'editor', 'admin'];

export interface User {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

interface UserRow extends Omit<User, 'disabled'> {
  disabled: number;
}

const COLUMNS = 'id, name, role, disabled, created_at AS createdAt';
const fromRow = (row: UserRow | undefined): User | undefined => (row ? { ...row, disabled: row.disabled === 1 } : undefined);

export function userRepository(db: Db) {
  const insert = db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (@name, @role, @passwordHash, @now)');
  const byId = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const byName = db.prepare(`SELECT ${COLUMNS} FROM users WHERE name = ?`);
  const hashByName = db.prepare('SELECT id, password_hash AS passwordHash, disabled FROM users WHERE name = ?');
  const all = db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY name`);
  const active = db.prepare(`SELECT ${COLUMNS} FROM users WHERE disabled = 0 ORDER BY name`);
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM users)').pluck();
  const activeAdmins = db.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck();
  const setRole = db.prepare('UPDATE users SET role = @role WHERE id = @id');
  const setDisabled = db.prepare('UPDATE users SET disabled = @disabled WHERE id = @id');
  const setPassword = db.prepare('UPDATE users SET password_hash = @passwordHash WHERE id = @id');

  return {
    insert(user: { name: string; role: Role; passwordHash: string; now: string }): number {
      return Number(insert.run(user).lastInsertRowid);
    },
    find(id: number): User | undefined {
      return fromRow(byId.get(id) as UserRow | undefined);
    },
    findByName(name: string): User | undefined {
      return fromRow(byName.get(name) as UserRow | undefined);
    },
    /** What a login needs; kept apart so the hash never travels with a User. */
    credentials(name: string): { id: number; passwordHash: string; disabled: boolean } | undefined {
      const row = hashByName.get(name) as { id: number; passwordHash: string; disabled: number } | undefined;
      return row && { ...row, disabled: row.disabled === 1 };
    },
    all(): User[] {
      return (all.all() as UserRow[]).map((row) => fromRow(row)!);
    },
    active(): User[] {
      return (active.all() as UserRow[]).map((row) => fromRow(row)!);
    },
    isEmpty(): boolean {
      return any.get() === 0;
    },
    activeAdminCount(): number {
      return activeAdmins.get() as number;
    },
    setRole(id: number, role: Role): void {
      setRole.run({ id, role });
    },
    setDisabled(id: number, disabled: boolean): void {
      setDisabled.run({ id, disabled: disabled ? 1 : 0 });
    },
    setPassword(id: number, passwordHash: string): void {
      setPassword.run({ id, passwordHash });
    },
  };
}
