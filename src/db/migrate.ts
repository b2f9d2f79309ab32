import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './connection.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

const MIGRATION_FILE = /^\d{4}_[\w-]+\.sql$/;

/**
 * Applies the migrations not yet recorded, in file-name order, each in its own transaction
 * together with its record, so a failing migration leaves the database as it was.
 * Foreign keys are off while migrating, as SQLite's procedure for rebuilding a table asks (a
 * dropped parent table would otherwise cascade its deletes), and each migration must leave no
 * dangling reference (PRAGMA foreign_key_check) before it commits. Returns the names applied.
 */
export function migrate(db: Db, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name       TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const pending = readdirSync(dir).filter((f) => MIGRATION_FILE.test(f) && !applied.has(f)).sort();
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const name of pending) {
      const sql = readFileSync(join(dir, name), 'utf8');
      db.transaction(() => {
        db.exec(sql);
        const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (dangling.length > 0) throw new Error(`${name} leaves ${dangling.length} rows of ${dangling[0]!.table} without their ${dangling[0]!.parent}.`);
        record.run(name, new Date().toISOString());
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return pending;
}
