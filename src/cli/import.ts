import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { loadConfig } from '../config.js';
import { deferDurability, makeDurable, openDatabase } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { BusyError, formatBytes, InputError, TooLargeError, UsageError, WorkbenchError } from '../errors.js';
import { ACCEPTED_EXTENSIONS, extractText } from '../import/formats.js';
import type { ReferenceData } from '../reference/index.js';
import { batchedWrites } from '../services/change-writes.js';
import { createServiceContext } from '../services/context.js';
import { startTermbase } from '../services/termbase.js';
import { importArticle, type ImportResult } from '../services/import.js';
import { inProcessReviewer, workerReviewer } from '../services/reviewer.js';
import type { CliIO } from './io.js';

export interface ImportOptions {
  title?: string | undefined;
  sourceFile?: string | undefined;
  sourceLang?: string | undefined;
  targetLang?: string | undefined;
  externalId?: string | undefined;
}

/**
 * A file's bytes, refused unread when it is larger than the web app takes an upload. Read
 * synchronously: this command serves no one else meanwhile, and the promise API's round trips
 * (open, stat, read, close) cost more than reading a news article.
 */
function readBytes(file: string, maxBytes: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const { size } = fstatSync(fd);
    if (size > maxBytes) throw new TooLargeError(`${file} is ${formatBytes(size)}; a file to import may be at most ${formatBytes(maxBytes)}.`);
    return readFileSync(fd);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(error)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file or directory`);
  }
}

/** Imports of a directory under way at once, besides those waiting to be committed: enough to keep every review worker busy while this thread reads and stores. */
const IMPORTS_IN_FLIGHT_PER_WORKER = 2;
/**
 * A directory's reviewed articles are committed together, up to this many or what is ready within
 * COMMIT_WAIT_MS, each in a savepoint (change-writes.ts batchedWrites): one commit per article was
 * the largest part of this thread's work.
 */
const ARTICLES_PER_COMMIT = 32;
const COMMIT_WAIT_MS = 20;

/**
 * Imports one file, or every importable file of a directory (each atomic, committed a batch at a
 * time, a progress line each on stderr, in the directory's order), into WORKBENCH_DB; prints each
 * new article's id once it is committed. A directory's files are checked in the server's worker
 * threads, with its time and memory budget per article, while this thread reads and stores.
 * An id printed is safe from a crash of the process at once, and from a power cut once the
 * command has finished: the commits do not wait for the disk, one sync at the end does
 * (connection.ts deferDurability); a sync per article was over a third of a directory's import.
 * Returns 0, or 2 when a file of a directory could not be imported.
 */
export async function importFiles(path: string, options: ImportOptions, termsFile: string | undefined, reference: ReferenceData, io: CliIO): Promise<number> {
  const directory = await isDirectory(path);
  if (directory && (options.title || options.sourceFile || options.externalId)) throw new UsageError('--title, --source and --external-id go with a single FILE, not a directory');
  const files = directory
    ? (await readdir(path)).filter((f) => (ACCEPTED_EXTENSIONS as readonly string[]).includes(extname(f).toLowerCase())).sort().map((f) => join(path, f))
    : [path];
  if (directory && files.length === 0) throw new InputError(`${path} holds no ${ACCEPTED_EXTENSIONS.join(', ')} files`);
  const config = loadConfig();
  const textOf = async (file: string) => extractText(file, readBytes(file, config.maxUploadBytes), config.maxBodyBytes);
  const source = options.sourceFile ? await textOf(options.sourceFile) : undefined;

  const db = openDatabase(config.dbFile);
  const reviewer = directory ? workerReviewer({ termbaseFile: termsFile, ...config.review }) : inProcessReviewer(reference);
  let failed = 0;
  let durable = false;
  let batched: ReturnType<typeof batchedWrites> | undefined;
  try {
    migrate(db);
    deferDurability(db);
    const base = createServiceContext(db, reference, reviewer);
    // --terms checks this import against a file, as `check` does; otherwise the database's termbase.
    if (termsFile === undefined) startTermbase(base, config.termbaseFile);
    if (directory) batched = batchedWrites(base.repos, { most: ARTICLES_PER_COMMIT, waitMs: COMMIT_WAIT_MS });
    const ctx = batched ? { ...base, writes: batched } : base;
    // Files are read one after another, so new articles reserve their ids in the directory's order.
    let lastRead: Promise<unknown> = Promise.resolve();
    const importFile = (file: string): Promise<ImportResult> => {
      const read = lastRead.then(() => textOf(file));
      lastRead = read.catch(() => {});
      return read.then((text) => importArticle(ctx, { text, title: options.title, source, sourceLang: options.sourceLang, targetLang: options.targetLang, externalId: options.externalId }));
    };
    // Started ahead of the one reported next, reported in order.
    const inFlight: Promise<ImportResult>[] = [];
    const window = directory ? IMPORTS_IN_FLIGHT_PER_WORKER * reviewer.workers + ARTICLES_PER_COMMIT : 1;
    for (let next = 0; next < files.length || inFlight.length > 0; ) {
      while (next < files.length && inFlight.length < window) {
        const started = importFile(files[next++]!);
        // Reported (and rethrown) in order below; this keeps an early failure from counting as unhandled.
        started.catch(() => {});
        inFlight.push(started);
      }
      const i = next - inFlight.length;
      const file = files[i]!;
      try {
        const { id, findings } = await inFlight.shift()!;
        io.stdout(`${id}\n`);
        if (directory) io.stderr(`[${i + 1}/${files.length}] ${file} → article ${id} (${findings.length} finding${findings.length === 1 ? '' : 's'})\n`);
      } catch (error) {
        if (!directory || !(error instanceof WorkbenchError)) throw error;
        failed++;
        io.stderr(`[${i + 1}/${files.length}] ${file}: not imported: ${error.message}\n`);
      }
    }
  } finally {
    // After an error, imports still under way are not stored; the ids printed before it were.
    batched?.close();
    durable = makeDurable(db);
    db.close();
    await reviewer.close();
  }
  if (!durable) throw new BusyError('The articles are stored, but another process kept the database busy, so the last ones may not survive a power cut yet (a process crash cannot lose them).');
  if (directory) io.stderr(`Synced to disk: the ${files.length - failed} imported article${files.length - failed === 1 ? ' is' : 's are'} safe from a power cut too.\n`);
  return failed > 0 ? 2 : 0;
}
