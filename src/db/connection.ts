import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the workbench database with the settings every connection needs: WAL so readers never
 * wait for the writer, synchronous=FULL so a committed review survives a power cut, foreign
 * keys enforced, and a busy timeout: how long a write waits for another process's write before it
 * fails with SQLITE_BUSY (the server answers 503 then, and waits less than the command line,
 * since the wait blocks its event loop). ":memory:" gives a private in-memory database (tests).
 */
export function openDatabase(file: string, busyTimeoutMs = 5000): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}

/** SQLite's "database is locked": another connection kept the write lock past the busy timeout. */
export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}
