import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { InputError } from '../errors.js';
import { exportArticle, type ExportChoice } from '../services/export.js';
import { writeFileAtomic, type CliIO } from './io.js';
import { withServices } from './services.js';

export interface ExportTarget {
  /** The database file; WORKBENCH_DB when not given. */
  dbFile: string | undefined;
  /** The file to write; standard output when not given. */
  out: string | undefined;
}

/** The database to export from; refused when it does not exist, rather than created empty. */
function existingDatabase(dbFile: string | undefined): string {
  const file = dbFile ?? loadConfig().dbFile;
  if (!existsSync(file)) throw new InputError(`${file}: no such database (give it with --db FILE or WORKBENCH_DB)`);
  return file;
}

async function writeOut(file: string, bytes: Uint8Array): Promise<void> {
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
