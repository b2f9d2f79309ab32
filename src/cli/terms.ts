import { loadConfig } from '../config.js';
import type { ImportMode } from '../reference/import-plan.js';
import type { TermFileFormat } from '../reference/term-files.js';
import { applyTermImport, previewTermImport, termbaseDownload, type TermImportPreview } from '../services/term-files.js';
import { existingDatabase, writeOut } from './export.js';
import { readArticle, type CliIO } from './io.js';
import { withServices } from './services.js';

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The plan as `workbench terms import` prints it: a summary line, then one line a term added, changed or removed. */
export function describePlan({ file, plan }: TermImportPreview): string {
  const lines = [
    `${file.file} (${file.format}, ${count(file.entries.length, 'term')}): ${plan.added.length} to add, ${plan.changed.length} to change, ` +
      `${plan.removed.length} to remove${plan.mode === 'replace' ? ' (replace)' : ''}, ${plan.unchanged.length} unchanged.`,
    ...plan.added.map((entry) => `  + ${entry.preferred}${entry.variants.length ? ` (${entry.disputed ? 'disputed: also' : 'not'} ${entry.variants.join(', ')})` : ''}`),
    ...plan.changed.map(({ before, fields }) => `  ~ ${before.preferred}: ${fields.join(', ')}`),
    ...plan.removed.map((entry) => `  - ${entry.preferred}`),
    ...file.skipped.map((reason) => `  skipped ${reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `workbench terms export`: the database's termbase as CSV or TBX, to --out FILE (replaced whole) or standard output. */
export async function exportTerms(format: TermFileFormat, target: { dbFile: string | undefined; out: string | undefined }, io: CliIO): Promise<number> {
  const download = await withServices((ctx) => termbaseDownload(ctx, format), existingDatabase(target.dbFile));
  if (target.out === undefined) {
    io.stdout(download.content);
    return 0;
  }
  await writeOut(target.out, new TextEncoder().encode(download.content));
  io.stderr(`${count(download.terms, 'term')} as ${format} → ${target.out}\n`);
  return 0;
}

/**
 * `workbench terms import FILE`: prints what the file would change; without --dry-run applies it
 * in one transaction. A file that cannot be read or would leave a conflict changes nothing.
 */
export async function importTerms(path: string, options: { mode: ImportMode; dryRun: boolean; dbFile: string | undefined }, io: CliIO): Promise<number> {
  const content = await readArticle(path, io);
  return withServices((ctx) => {
    const preview = previewTermImport(ctx, content, path === '-' ? 'standard input' : path, options.mode);
    io.stdout(describePlan(preview));
    if (options.dryRun) {
      io.stdout('Dry run: nothing changed.\n');
      return 0;
    }
    applyTermImport(ctx, null, preview);
    const { plan } = preview;
    io.stdout(`Applied: ${plan.added.length} added, ${plan.changed.length} changed, ${plan.removed.length} removed.\n`);
    return 0;
  }, options.dbFile ?? loadConfig().dbFile);
}
