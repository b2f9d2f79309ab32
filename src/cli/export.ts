import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { loadConfig } from '../config.js';
import type { ArticleFilter } from '../db/repositories/articles.js';
import { InputError, UsageError } from '../errors.js';
import { exportArticle, type ExportChoice } from '../services/export.js';
import { writeExportZip } from '../services/export-zip.js';
import { writeFileAtomic, type CliIO } from './io.js';
import { withServices } from './services.js';

export interface ExportTarget {
  /** The database file; WORKBENCH_DB when not given. */
  dbFile: string | undefined;
  /** The file to write; standard output when not given. */
  out: string | undefined;
}

/** The database to export from; refused when it does not exist, rather than created empty. */
export function existingDatabase(dbFile: string | undefined): string {
  const file = dbFile ?? loadConfig().dbFile;
  if (!existsSync(file)) throw new InputError(`${file}: no such database (give it with --db FILE or WORKBENCH_DB)`);
  return file;
}

export async function writeOut(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, bytes);
  } catch (error) {
    throw new InputError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * `workbench export ID --format F`: one article as the page and the API export it, byte for byte,
 * to --out FILE (replaced whole, never left half written) or to standard output.
 */
export async function exportOne(id: number, choice: ExportChoice, target: ExportTarget, io: CliIO): Promise<number> {
  const file = await withServices((ctx) => exportArticle(ctx, id, choice), existingDatabase(target.dbFile));
  if (target.out === undefined) {
    io.stdout(file.bytes);
    return 0;
  }
  await writeOut(target.out, file.bytes);
  io.stderr(`Article ${id} as ${choice.format.id} (${choice.text} text, ${file.bytes.length} bytes) → ${target.out}\n`);
  return 0;
}

/** Articles between two progress lines of `workbench export --all`. */
const PROGRESS_EVERY = 100;

/**
 * `workbench export --all --format F --out FILE.zip`: the selected articles in one ZIP, as the
 * list page's "Export these articles" gives it, with a progress line on stderr every 100 articles
 * and at the end. FILE is written through a temporary sibling, so it is whole or untouched.
 */
export async function exportAll(filter: ArticleFilter, choice: ExportChoice, target: ExportTarget, io: CliIO): Promise<number> {
  const out = target.out;
  if (out === undefined || out === '-') throw new UsageError('export --all writes a ZIP file: give it with --out FILE.zip');
  const temporary = `${out}.${process.pid}.tmp`;
  const manifest = await withServices(async (ctx) => {
    const total = ctx.repos.articles.count(filter);
    const progress = (count: number) => {
      if (count % PROGRESS_EVERY === 0 || count === total) io.stderr(`[${count}/${total}] articles exported\n`);
    };
    try {
      const written = await writeExportZip(ctx, filter, choice, createWriteStream(temporary), { onArticle: progress });
      await rename(temporary, out);
      return written;
    } catch (error) {
      await rm(temporary, { force: true });
      const { syscall, code } = error as NodeJS.ErrnoException;
      // A file system's refusal is the user's to fix; anything else is not.
      if (syscall === undefined) throw error;
      throw new InputError(`${out}: cannot write (${code ?? syscall})`);
    }
  }, existingDatabase(target.dbFile));
  const count = manifest.articles.length;
  io.stderr(`${count} article${count === 1 ? '' : 's'} as ${choice.format.id} (${choice.text} text) and manifest.json → ${out}\n`);
  return 0;
}
