import { TermbaseError } from '../errors.js';
import { createTermbase, formatOf, termbaseEntries, type TermEntry } from './termbase.js';
import { termbaseCsv } from './termbase-csv.js';
import { entriesFromTbx, termbaseTbx } from './termbase-tbx.js';

/** The formats a termbase is exported in (and imported from; JSON, the starter file's, is read too). */
export const TERM_FILE_FORMATS = {
  csv: { extension: 'csv', mediaType: 'text/csv; charset=utf-8', label: 'CSV' },
  tbx: { extension: 'tbx', mediaType: 'application/xml; charset=utf-8', label: 'TBX (TBX-Basic)' },
} as const;
export type TermFileFormat = keyof typeof TERM_FILE_FORMATS;

export function isTermFileFormat(format: string | undefined): format is TermFileFormat {
  return format !== undefined && Object.hasOwn(TERM_FILE_FORMATS, format);
}

/** A termbase file as read: its entries, checked together, and where each is written. */
export interface TermFile {
  /** The name it was given, for messages. */
  file: string;
  format: TermFileFormat | 'json';
  entries: TermEntry[];
  locations: string[];
  /** What was left out of a TBX file, and why (a concept with no term in the termbase's language). */
  skipped: string[];
}

/** TBX by its extension, or by its content when the extension is none of the others. */
function formatOfFile(file: string, content: string): TermFile['format'] {
  if (/\.(tbx|xml)$/i.test(file) || (!/\.(csv|json)$/i.test(file) && /^\uFEFF?\s*</u.test(content))) return 'tbx';
  return formatOf(file, content);
}

/**
 * Reads a termbase file, CSV, JSON or TBX by its extension or else by its content; throws
 * TermbaseError naming the line (and element) that is wrong, conflicts between entries too.
 */
export function readTermFile(content: string, file: string): TermFile {
  const format = formatOfFile(file, content);
  const read = format === 'tbx' ? entriesFromTbx(content, file) : { ...termbaseEntries(content, file, format), skipped: [] };
  if (read.entries.length === 0) throw new TermbaseError(file, undefined, `no concept has a term in the termbase's language (${read.skipped.join('; ')}).`);
  const { entries } = createTermbase(read.entries, { file, locate: (index) => read.locations[index] ?? `entry ${index + 1}` });
  return { file, format, entries: [...entries], locations: read.locations, skipped: read.skipped };
}

/** The termbase as a file of this format. */
export function writeTermFile(entries: readonly TermEntry[], format: TermFileFormat): string {
  return format === 'csv' ? termbaseCsv(entries) : termbaseTbx(entries);
}
