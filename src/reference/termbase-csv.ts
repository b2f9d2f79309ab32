import { stringify } from 'csv-stringify/sync';
import { TermbaseError } from '../errors.js';
import { guardFormula } from '../lib/spreadsheet-cell.js';
import type { TermEntry } from './termbase.js';

/** The columns parseTermbase reads, in the order a person filling in a spreadsheet thinks of them. */
const COLUMNS = ['preferred', 'variants', 'exceptions', 'note', 'kind', 'language', 'disputed'] as const;

/** Separates the forms of one cell; a form cannot contain it. */
const FORM_SEPARATOR = '|';

/**
 * The termbase as the CSV file parseTermbase reads back to the same entries: one row an entry,
 * every column written (the defaults too, so the file shows what they are), forms joined by `|`.
 * Throws TermbaseError for a form containing `|`, which the file could not tell from two.
 */
export function termbaseCsv(entries: readonly TermEntry[], file = 'the CSV export'): string {
  const cell = (entry: TermEntry, forms: readonly string[]): string => {
    const split = forms.find((form) => form.includes(FORM_SEPARATOR));
    if (split !== undefined) throw new TermbaseError(file, `"${entry.preferred}"`, `the form "${split}" contains "${FORM_SEPARATOR}", which separates forms in a CSV cell.`);
    return forms.join(FORM_SEPARATOR);
  };
  const rows = entries.map((entry) => ({
    preferred: entry.preferred,
    variants: cell(entry, entry.variants),
    exceptions: cell(entry, entry.exceptions),
    note: entry.note ?? '',
    kind: entry.kind ?? 'other',
    language: entry.language ?? 'en',
    disputed: entry.disputed ? 'true' : 'false',
  }));
  // The byte order mark makes Excel read the file as UTF-8 (names in any script); a cell that
  // would read as a formula is guarded, and parseTermbase takes the guard off again.
  return stringify(rows, { header: true, columns: [...COLUMNS], bom: true, cast: { string: guardFormula } });
}
