/**
 * A cell a spreadsheet would read as a formula (= + - @, and tab or carriage return, which some
 * take for one) is written with a leading apostrophe, which spreadsheets read as "this is text".
 * Cells already starting with apostrophes before such a character get one more, so that
 * `unguardFormula` undoes exactly what this did and a cell like "'s-Hertogenbosch" is left alone.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function guardFormula(cell: string): string {
  return FORMULA_LIKE.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before `guardFormula`: one apostrophe fewer before a formula character. */
export function unguardFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
