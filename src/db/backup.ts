import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError, UsageError, WorkbenchError } from '../errors.js';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  /** Replace `target` when it exists (never when it is the database itself, or not a regular file). */
  force?: boolean | undefined;
  /** Pages copied per step of the online backup; between steps the source is not locked. */
  pagesPerStep?: number | undefined;
  /** Called after each step (tests use it to write between steps). */
  onStep?: ((progress: BackupProgress) => void) | undefined;
}

export interface BackupResult {
  /** The backup file, as given. */
  file: string;
  bytes: number;
  pages: number;
}

const DEFAULT_PAGES_PER_STEP = 1024;
/**
 * SQLite restarts an online backup whenever another connection writes to the source between
 * two steps; after this many restarts the rest is copied in one step (one read transaction,
 * which in WAL mode does not block the writers), so a busy server cannot starve the backup.
 */
const MAX_RESTARTS = 3;
const ALL_PAGES = 0x7fffffff;

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The path with its directory's symbolic links resolved, for a file that may not exist yet. */
function resolvedPath(path: string): string {
  return join(realpathSync(dirname(path)), basename(path));
}

function removeQuietly(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/** fsync of the directory, so the rename survives a power cut (not possible on every platform). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; the rename is still atomic.
  }
}

/** Refuses a backup that cannot be taken or would overwrite what it must not. */
function checkPaths(dbFile: string, target: string, force: boolean): void {
  const db = statOrUndefined(dbFile);
  if (!db) throw new InputError(`${dbFile}: no such database, nothing to back up (WORKBENCH_DB)`);
  if (!db.isFile()) throw new InputError(`${dbFile}: the database is not a file`);
  const dir = statOrUndefined(dirname(target));
  if (!dir) throw new InputError(`${dirname(target)}: no such directory`);
  if (!dir.isDirectory()) throw new InputError(`${dirname(target)} is not a directory`);

  const existing = statOrUndefined(target);
  const database = realpathSync(dbFile);
  const resolvedTarget = existing ? realpathSync(target) : resolvedPath(target);
  const sameFile = existing !== undefined && existing.dev === db.dev && existing.ino === db.ino;
  if (sameFile || ['', '-wal', '-shm', '-journal'].some((suffix) => resolvedTarget === `${database}${suffix}`)) {
    throw new UsageError(`${target} is the database itself (or one of its files); back up to another file`);
  }
  if (existing?.isDirectory()) throw new UsageError(`${target} is a directory; give the backup's file name`);
  // The backup is renamed over FILE: over /dev/null or a pipe that would replace the device or pipe itself.
  if (existing && !existing.isFile()) throw new UsageError(`${target} is not a regular file (a device, pipe or socket); give the backup's file name`);
  if (existing && !force) throw new UsageError(`${target} already exists (--force replaces it)`);
}

function copyPages(source: Database.Database, temporary: string, options: BackupOptions): Promise<BackupProgress> {
  const pagesPerStep = Math.max(1, Math.floor(options.pagesPerStep ?? DEFAULT_PAGES_PER_STEP));
  let restarts = 0;
  let previousRemaining = Infinity;
  return source.backup(temporary, {
    progress: (progress) => {
      if (progress.remainingPages >= previousRemaining) restarts++;
      previousRemaining = progress.remainingPages;
      options.onStep?.(progress);
      return restarts >= MAX_RESTARTS ? ALL_PAGES : pagesPerStep;
    },
  });
}

/**
 * Verifies the finished copy: switches it from WAL to a rollback journal so it is one
 * self-contained file (opening a WAL file, even read-only, leaves -wal and -shm files beside
 * it), then reopens it read-only for `PRAGMA integrity_check` and its page count.
 */
function verifyCopy(temporary: string): number {
  const writable = new Database(temporary, { fileMustExist: true });
  try {
    writable.pragma('journal_mode = DELETE');
  } finally {
    writable.close();
  }
  const copy = new Database(temporary, { readonly: true, fileMustExist: true });
  try {
    const problems = copy.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new WorkbenchError(`the backup failed its integrity check: ${problems.slice(0, 3).join('; ')}`, 500, 2);
    }
    return copy.pragma('page_count', { simple: true }) as number;
  } finally {
    copy.close();
  }
}

/**
 * Takes a consistent online backup of the database `dbFile` into `target` with SQLite's backup
 * API, safe while the server and other connections keep writing. The copy is written to a
 * temporary file beside `target`, verified, and only then renamed into place, so an
 * interrupted or failed backup never leaves a partial file under `target`. Never creates
 * `dbFile`: a missing database is an error.
 */
export async function backupDatabase(dbFile: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  checkPaths(dbFile, target, options.force ?? false);
  const temporary = join(dirname(target), `${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let source: Database.Database | undefined;
  try {
    source = new Database(dbFile, { fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    await copyPages(source, temporary, options);
    source.close();
    source = undefined;
    const pages = verifyCopy(temporary);
    const bytes = statSync(temporary).size;
    renameSync(temporary, target);
    syncDirectory(dirname(target));
    return { file: target, bytes, pages };
  } catch (error) {
    if (error instanceof Database.SqliteError) throw new InputError(`cannot back up ${dbFile} to ${target} (${error.code}: ${error.message})`);
    throw error;
  } finally {
    source?.close();
    removeQuietly(temporary);
  }
}
