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

/**
 * For a bulk write (`workbench import DIR`): its commits no longer wait for the disk
 * (synchronous=NORMAL; WAL still keeps each commit whole and safe from a process crash, but a power
 * cut may lose the last ones). Each commit was an fsync, over a third of an import's time. The
 * writer calls makeDurable before it reports success.
 */
export function deferDurability(db: Db): void {
  db.pragma('synchronous = NORMAL');
}

/**
 * Makes every commit so far survive a power cut: a FULL checkpoint syncs the WAL, copies it into
 * the database file and syncs that (waiting up to the busy timeout for readers and writers of other
 * processes), then commits wait for the disk again. False when another process kept it from
 * checkpointing everything.
 */
export function makeDurable(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(FULL)') as { busy: number; log: number; checkpointed: number }[];
  db.pragma('synchronous = FULL');
  return result!.busy === 0 && result!.checkpointed === result!.log;
}

/** SQLite's "database is locked": another connection kept the write lock past the busy timeout. */
export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}
