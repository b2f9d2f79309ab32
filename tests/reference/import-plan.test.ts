import { describe, expect, it } from 'vitest';
import { TermbaseError } from '../../src/errors.js';
import { changedFields, planImport } from '../../src/reference/import-plan.js';
import { readTermFile } from '../../src/reference/term-files.js';
import type { TermEntry } from '../../src/reference/termbase.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const current: TermEntry[] = [
  { preferred: 'Kyiv', variants: ['Kiev'], exceptions: ['chicken Kiev'], note: 'House style', kind: 'place' },
  { preferred: 'Kharkiv', variants: ['Kharkov'], exceptions: [], kind: 'place' },
  { preferred: 'Odesa', variants: ['Odessa'], exceptions: [], kind: 'place', language: 'en' },
];

const HEADER = 'preferred,variants,exceptions,note,kind,language,disputed\n';
const file = (rows: string) => readTermFile(HEADER + rows, 'terms.csv');

describe('planImport', () => {
  const csv = file(
    [
      // Unchanged: the same entry, its defaults written out.
      'Odesa,Odessa,,,place,en,false',
      // Changed: matched case-insensitively; a new variant and note.
      'KYIV,Kiev|Kiyv,chicken Kiev,House style since 2019,place,en,false',
      // Added.
      'Mykolaiv,Nikolayev,,,place,en,false',
    ].join('\n'),
  );

  it('merge: adds new terms, changes matched ones naming the fields, keeps the others', () => {
    const plan = planImport(current, csv, 'merge');
    expect(plan.added.map((e) => e.preferred)).toEqual(['Mykolaiv']);
    expect(plan.changed.map((c) => [c.before.preferred, c.after.preferred, c.fields])).toEqual([['Kyiv', 'KYIV', ['preferred', 'variants', 'note']]]);
    expect(plan.unchanged.map((e) => e.preferred)).toEqual(['Odesa']);
    expect(plan.removed).toEqual([]);
    expect(plan.result.map((e) => e.preferred)).toEqual(['KYIV', 'Kharkiv', 'Odesa', 'Mykolaiv']);
  });

  it('replace: also removes the terms the file does not have', () => {
    const plan = planImport(current, csv, 'replace');
    expect(plan.removed.map((e) => e.preferred)).toEqual(['Kharkiv']);
    expect(plan.result.map((e) => e.preferred)).toEqual(['KYIV', 'Odesa', 'Mykolaiv']);
  });

  it('refuses an import that would leave a conflict with a term it keeps, naming the line', () => {
    let error: unknown;
    try {
      planImport(current, file('Charkiw,Kharkov,,,place,en,false'), 'merge');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TermbaseError);
    expect((error as TermbaseError).message).toBe('Termbase terms.csv, line 2: the variant "Kharkov" is also listed under "Kharkiv" ("Kharkiv" already in the termbase).');
    // With replace, Kharkiv goes, so the same file is fine.
    expect(planImport(current, file('Charkiw,Kharkov,,,place,en,false'), 'replace').added).toHaveLength(1);
  });

  it('costs time linear in the number of terms', () => {
    const entries = (n: number, offset: number) => Array.from({ length: n }, (_, i) => ({ preferred: `Place${i + offset}`, variants: [`Plase${i + offset}`], exceptions: [] }));
    const growth = growthOf(
      200,
      (n) => ({ now: entries(n, 0), incoming: { file: 't.csv', entries: entries(n, n / 2), locations: [] } }),
      ({ now, incoming }) => planImport(now, incoming, 'merge'),
    );
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('changedFields', () => {
  it('fills in the defaults and ignores the order of forms', () => {
    const entry: TermEntry = { preferred: 'Kyiv', variants: ['Kiev', 'Kiyv'], exceptions: ['a Kiev', 'b Kiev'] };
    expect(changedFields(entry, { ...entry, variants: ['Kiyv', 'Kiev'], exceptions: ['b Kiev', 'a Kiev'], kind: 'other', language: 'en', disputed: false })).toEqual([]);
    expect(changedFields(entry, { ...entry, kind: 'place', language: 'uk', disputed: true, note: 'x' })).toEqual(['note', 'kind', 'language', 'disputed']);
  });
});
