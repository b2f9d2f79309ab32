import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/reference/import-plan.js';
import { DEFAULT_TERMBASE_FILE } from '../../src/reference/load.js';
import { readTermFile, writeTermFile } from '../../src/reference/term-files.js';
import { loadTermbase, type TermEntry } from '../../src/reference/termbase.js';
import { entriesFromTbx } from '../../src/reference/termbase-tbx.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';
import { termbaseErrorOf } from '../helpers/termbase-error.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/termbases/${name}`, import.meta.url));
const starter = loadTermbase(DEFAULT_TERMBASE_FILE).entries;

/** Two termbases say the same: the same terms in the same order, no field changed (defaults filled in). */
function expectSameTermbase(actual: readonly TermEntry[], expected: readonly TermEntry[]): void {
  expect(actual.map((e) => e.preferred)).toEqual(expected.map((e) => e.preferred));
  expect(actual.map((entry, i) => changedFields(expected[i]!, entry)).filter((fields) => fields.length)).toEqual([]);
}

/** An XML file's canonical form without the whitespace between elements (comments and the declaration go too). */
function canonical(xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tbx-')), 'file.tbx');
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--noblanks', '--c14n', file], { encoding: 'utf8' });
}

const tbx = (body: string, root = '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n<text>\n<body>\n${body}\n</body>\n</text>\n</tbx>\n`;
const term = (form: string, status: string, extra = '') =>
  `<termSec><term>${form}</term><termNote type="administrativeStatus">${status}-admn-sts</termNote>${extra}</termSec>`;
const concept = (...terms: string[]) => `<conceptEntry>\n<langSec xml:lang="en">\n${terms.join('\n')}\n</langSec>\n</conceptEntry>`;

describe('termbase files: CSV', () => {
  it('round-trips the starter termbase', () => {
    const csv = writeTermFile(starter, 'csv');
    const read = readTermFile(csv, 'terms.csv');
    expect(read.format).toBe('csv');
    expectSameTermbase(read.entries, starter);
  });

  it('quotes commas, quotes and line breaks, and guards formula-like cells so that they still round-trip', () => {
    const entries: TermEntry[] = [
      { preferred: '=HYPERLINK("x")', variants: ['Hyperlynk'], exceptions: ['+Hyperlynk, "quoted"'], note: 'one, "two"\nthree', kind: 'other', language: 'en' },
      { preferred: "'s-Hertogenbosch", variants: ['Den Bosch'], exceptions: [], note: "'=already guarded", kind: 'place', language: 'nl', disputed: true },
      { preferred: '-plus', variants: ['Minus'], exceptions: ['@Minus fans'], note: '@handle' },
    ];
    const csv = writeTermFile(entries, 'csv');
    const cells = (parse(csv, { bom: true }) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain("'=HYPERLINK(\"x\")");
    expect(cells).toContain("'s-Hertogenbosch");
    expectSameTermbase(readTermFile(csv, 'terms.csv').entries, entries);
  });

  it('refuses to write a form that contains the form separator', () => {
    const error = termbaseErrorOf(() => writeTermFile([{ preferred: 'Kyiv', variants: ['Ki|ev'], exceptions: [] }], 'csv'));
    expect(error.message).toContain('"Ki|ev" contains "|"');
  });

  it('names the line of a conflict between rows', () => {
    const csv = 'preferred,variants\nKyiv,Kiev\nKharkiv,Kharkov\nKyjiw,Kiev\n';
    expect(termbaseErrorOf(() => readTermFile(csv, 'terms.csv')).message).toBe('Termbase terms.csv, line 4: the variant "Kiev" is also listed under "Kyiv" (line 2).');
  });
});

describe('termbase files: TBX', () => {
  it('round-trips the starter termbase, and writes well-formed TBX-Basic', () => {
    const xml = writeTermFile(starter, 'tbx');
    const file = join(mkdtempSync(join(tmpdir(), 'tbx-')), 'starter.tbx');
    writeFileSync(file, xml);
    // xmllint exits non-zero (execFileSync throws) on a file that is not well-formed.
    expect(execFileSync('xmllint', ['--noout', file], { encoding: 'utf8' })).toBe('');
    expect(xml).toContain('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">');
    const read = readTermFile(xml, 'starter.tbx');
    expect(read.format).toBe('tbx');
    expectSameTermbase(read.entries, starter);
  });

  it('reads a hand-made file (a term with variants, an exception and a note; a disputed one; another language) and writes it back equal', () => {
    const xml = readFileSync(fixture('hand-made.tbx'), 'utf8');
    const read = readTermFile(xml, 'hand-made.tbx');
    expect(read.entries).toEqual([
      {
        preferred: 'Lozova',
        variants: ['Lozovaya', 'Losovaja'],
        exceptions: ['Lozovaya Railway Museum'],
        note: "Our spelling since the 2019 style memo; the rail junction's old name survives in one museum's title.",
        kind: 'place',
        language: 'en',
      },
      { preferred: 'Oleksandr Usyk', variants: ['Aleksandr Usik'], exceptions: [], note: 'Desks still disagree & the style committee meets in spring.', kind: 'person', language: 'en', disputed: true },
      { preferred: 'Укрзалізниця', variants: ['Укрзализныця'], exceptions: [], kind: 'organisation', language: 'uk' },
    ]);
    expect(canonical(writeTermFile(read.entries, 'tbx'))).toBe(canonical(xml));
  });

  it("reads another tool's file: the langSec of the file's language, statuses it does not use, unknown data categories ignored", () => {
    const read = readTermFile(readFileSync(fixture('other-tool.tbx'), 'utf8'), 'glossary.xml');
    expect(read.entries).toEqual([
      {
        preferred: 'Siverskyi Donets',
        // Superseded is disallowed like deprecated; admitted "Donets" is allowed, so it is no variant.
        variants: ['Seversky Donets'],
        exceptions: ['Seversky Donets Canal'],
        note: 'Transliterated from the Ukrainian name.',
        kind: 'place',
        language: 'en-US',
      },
    ]);
    expect(read.skipped).toEqual(['line 58 (conceptEntry "bread"): no langSec in en-US']);
  });

  it('round-trips a disputed term with one form, and a term of a language of its own', () => {
    const entries: TermEntry[] = [
      { preferred: 'Zelenskyy', variants: [], exceptions: [], kind: 'person', disputed: true },
      { preferred: 'Київ', variants: ['Киев'], exceptions: [], language: 'uk' },
    ];
    expectSameTermbase(readTermFile(writeTermFile(entries, 'tbx'), 't.tbx').entries, entries);
    expectSameTermbase(readTermFile(writeTermFile(entries, 'csv'), 't.csv').entries, entries);
  });

  it('tells TBX by its content when the name does not say', () => {
    expect(readTermFile(tbx(concept(term('Kyiv', 'preferredTerm'), term('Kiev', 'deprecatedTerm'))), 'upload').format).toBe('tbx');
  });

  it.each([
    ['not XML', 'Kyiv,Kiev', 'terms.tbx', /^Termbase terms\.tbx, line 1, <document>: is not well-formed XML \(Non-whitespace before first tag\.\)/],
    ['a tag left open', tbx(concept(term('Kyiv', 'preferredTerm'))).replace('</langSec>', ''), 't.tbx', /line 9, <langSec>: is not well-formed XML \(Unexpected close tag\)/],
    ['an undefined entity', tbx(concept(term('Ky&iv;', 'preferredTerm'))), 't.tbx', /line 7, <term>: is not well-formed XML \(Invalid character entity\)/],
    ['TBX v2', '<martif type="TBX-Basic" xml:lang="en"><text><body/></text></martif>', 't.tbx', /line 1, <martif>: this is TBX v2; only TBX v3/],
    ['another root', '<glossary/>', 't.tbx', /line 1, <glossary>: the root element must be <tbx xmlns="urn:iso:std:iso:30042:ed-2">/],
    ['another dialect', tbx('', '<tbx type="TBX-Core" style="dca" xmlns="urn:iso:std:iso:30042:ed-2">'), 't.tbx', /line 2, <tbx>: the dialect \(type\) must be TBX-Basic, not "TBX-Core"/],
    ['the DCT style', tbx('', '<tbx type="TBX-Basic" style="dct" xmlns="urn:iso:std:iso:30042:ed-2">'), 't.tbx', /line 2, <tbx>: the style must be dca, not "dct"/],
    ['another namespace', tbx('', '<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed:3.0">'), 't.tbx', /the namespace must be urn:iso:std:iso:30042:ed-2/],
    ['no concept', tbx(''), 't.tbx', /^Termbase t\.tbx: the file has no conceptEntry\.$/],
    ['no preferred term', tbx(concept(term('Kiev', 'deprecatedTerm'))), 't.tbx', /^Termbase t\.tbx, line 5, <conceptEntry>: a conceptEntry without a preferred term/],
    ['terms without a status', tbx(concept('<termSec><term>Kyiv</term></termSec>', '<termSec><term>Kiev</term></termSec>')), 't.tbx', /line 5, <conceptEntry>: a conceptEntry without a preferred term/],
    ['two preferred terms', tbx(concept(term('Kyiv', 'preferredTerm'), term('Kyjiw', 'preferredTerm'))), 't.tbx', /line 8, <termSec>: a second preferred term "Kyjiw" \(the first is "Kyiv", line 7\)/],
    ['a term listed twice', tbx(concept(term('Kyiv', 'preferredTerm'), term('Kiev', 'deprecatedTerm'), term('KIEV', 'deprecatedTerm'))), 't.tbx', /line 9, <termSec>: the term "KIEV" is listed twice in this conceptEntry \(first on line 8\)/],
    ['a termSec without a term', tbx(concept(term('Kyiv', 'preferredTerm'), '<termSec><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>')), 't.tbx', /line 8, <termSec>: a termSec needs a <term> with text/],
    ['a langSec without a language', tbx('<conceptEntry><langSec>' + term('Kyiv', 'preferredTerm') + '</langSec></conceptEntry>'), 't.tbx', /line 5, <langSec>: a langSec must say its language/],
    ['a variant under two concepts', tbx(`${concept(term('Kyiv', 'preferredTerm'), term('Kiev', 'deprecatedTerm'))}\n<conceptEntry id="again">\n<langSec xml:lang="en">\n${term('Kyjiw', 'preferredTerm')}\n${term('Kiev', 'deprecatedTerm')}\n</langSec>\n</conceptEntry>`), 't.tbx', /^Termbase t\.tbx, line 11 \(conceptEntry "again"\): the variant "Kiev" is also listed under "Kyiv" \(line 5\)\.$/],
    ['an exception without its variant', tbx(concept(term('Kyiv', 'preferredTerm'), term('Kiev', 'deprecatedTerm', '<descrip type="context">Chicken Kyiv</descrip>'))), 't.tbx', /line 5: the exception "Chicken Kyiv" contains none of the variants of "Kyiv"/],
  ])('refuses %s, naming where', (_, content, file, message) => {
    expect(termbaseErrorOf(() => readTermFile(content, file)).message).toMatch(message);
  });

  it('reads and writes in time linear in the number of terms', () => {
    const entries = (n: number): TermEntry[] =>
      Array.from({ length: n }, (_, i) => ({ preferred: `Place${i}`, variants: [`Plase${i}`, `Plaice${i}`], exceptions: [`Old Plase${i} Road`], note: `Note ${i}` }));
    expect(growthOf(100, entries, (list) => writeTermFile(list, 'tbx'))).toBeLessThan(GROWTH_LIMIT);
    // The reading alone: checking the entries against each other is createTermbase's, tested with it.
    expect(growthOf(100, (n) => writeTermFile(entries(n), 'tbx'), (xml) => entriesFromTbx(xml, 't.tbx'))).toBeLessThan(GROWTH_LIMIT);
  });
});
