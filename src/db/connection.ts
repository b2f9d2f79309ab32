import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the workbench database with the settings every connection needs: WAL so readers never
 * wait for the writer, synchronous=FULL so a committed review survives a power cut, foreign
 * keys enforced, and a busy timeout so the CLI importing beside the server waits instead of failing.
 * ":memory:" gives a private in-memory database (tests).
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** SQLite's "database is locked": another connection kept the write lock past the busy timeout. */
export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}
