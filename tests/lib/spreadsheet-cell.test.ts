import { describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula } from '../../src/lib/spreadsheet-cell.js';

describe('guardFormula', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-5 degrees', "'-5 degrees"],
    ['@handle', "'@handle"],
    ['\tindented', "'\tindented"],
    ["'=already text", "''=already text"],
    ["'s-Hertogenbosch", "'s-Hertogenbosch"],
    ['Kyiv', 'Kyiv'],
    ['', ''],
  ])('writes %j as %j, and unguardFormula gives it back', (cell, written) => {
    expect(guardFormula(cell)).toBe(written);
    expect(unguardFormula(written)).toBe(cell);
  });
});
