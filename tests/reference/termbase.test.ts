import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TERMBASE_FILE } from '../../src/reference/load.js';
import { createTermbase, loadTermbase, parseTermbase, withoutPossessive, type Termbase } from '../../src/reference/termbase.js';
import { tokenize } from '../../src/text/segment.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';
import { termbaseErrorOf } from '../helpers/termbase-error.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/termbases/${name}`, import.meta.url));
const HEADER = 'preferred,variants,exceptions,note,category\n';

function hits(termbase: Termbase, text: string): string[] {
  return termbase.findVariants(text, tokenize(text)).map((m) => `${text.slice(m.start, m.end)}→${m.entry.preferred}`);
}

describe('parseTermbase: CSV', () => {
  it('reads the documented header, pipe-separated lists, quoted cells and a BOM (a legacy category read as a kind)', () => {
    const termbase = loadTermbase(fixture('newsroom.csv'));
    expect(termbase.entries).toEqual([
      { preferred: 'Zelenskyy', variants: ['Zelensky', 'Zelenskiy'], exceptions: [], note: 'AP spelling, our house style since 2022', kind: 'person' },
      { preferred: 'per cent', variants: ['percent'], exceptions: [], note: 'British house style: two words', kind: 'other' },
      { preferred: 'Kryvyi Rih', variants: ['Krivoy Rog', 'Krivoi Rog'], exceptions: ['Krivoy Rog Basin'], kind: 'place' },
    ]);
  });

  it('accepts a header with only some columns, in any order', () => {
    const termbase = parseTermbase('variants,preferred\nKiev | Kiyv ,Kyiv\n', 'terms.csv');
    expect(termbase.entries).toEqual([{ preferred: 'Kyiv', variants: ['Kiev', 'Kiyv'], exceptions: [] }]);
  });

  it('tells CSV from JSON by content when the extension says nothing', () => {
    expect(parseTermbase(`${HEADER}Kyiv,Kiev,,,\n`, 'terms.txt').entries[0]?.preferred).toBe('Kyiv');
    expect(parseTermbase('{"entries":[{"preferred":"Kyiv","variants":["Kiev"]}]}', 'terms.txt').entries[0]?.preferred).toBe('Kyiv');
  });

  it('names the line of a row without a preferred form', () => {
    const error = termbaseErrorOf(() => parseTermbase(`${HEADER}Kyiv,Kiev,,,\n\n,Kharkov,,,\n`, 'terms.csv'));
    expect(error.message).toBe('Termbase terms.csv, line 4: the preferred form is missing.');
    expect(error).toMatchObject({ file: 'terms.csv', location: 'line 4' });
  });

  it('rejects an unknown column', () => {
    expect(() => parseTermbase('preferred,variant\nKyiv,Kiev\n', 'terms.csv')).toThrow(/line 1: the header must name the columns preferred,variants,exceptions,note,kind,language,disputed,category/);
  });

  it('reads kind, language and disputed, and names the line of a value it cannot take', () => {
    const termbase = parseTermbase('preferred,variants,kind,language,disputed\nZelenskyy,Zelensky,Person,en-GB,yes\nKyiv,Kiev,place,,\n', 'terms.csv');
    expect(termbase.entries).toEqual([
      { preferred: 'Zelenskyy', variants: ['Zelensky'], exceptions: [], kind: 'person', language: 'en-GB', disputed: true },
      { preferred: 'Kyiv', variants: ['Kiev'], exceptions: [], kind: 'place' },
    ]);
    expect(() => parseTermbase('preferred,kind\nKyiv,city\n', 'terms.csv')).toThrow('Termbase terms.csv, line 2: the kind "city" is not one of place, person, organisation, other.');
    expect(() => parseTermbase('preferred,language\nKyiv,english\n', 'terms.csv')).toThrow('line 2: "english" is not a language code such as en, uk or ru.');
    expect(() => parseTermbase('preferred,disputed\nKyiv,maybe\n', 'terms.csv')).toThrow('line 2: "disputed" must be true or false.');
  });

  it('rejects a CSV file it cannot parse', () => {
    expect(() => parseTermbase(`${HEADER}"Kyiv,Kiev\n`, 'terms.csv')).toThrow(/terms\.csv: is not valid CSV \(Quote Not Closed/);
  });

  it('rejects a file with a header and no rows', () => {
    expect(() => parseTermbase(HEADER, 'terms.csv')).toThrow('Termbase terms.csv: the file has no entries.');
  });
});

describe('parseTermbase: JSON', () => {
  it('reads {"source", "entries"} and fills in missing lists', () => {
    const termbase = loadTermbase(fixture('newsroom.json'));
    expect(termbase.entries).toEqual([
      { preferred: 'Sergei Lavrov', variants: ['Sergey Lavrov'], exceptions: [], note: 'Reuters spelling', kind: 'person' },
      { preferred: 'Kyiv', variants: ['Kiev'], exceptions: ['Kiev Rus'] },
    ]);
  });

  it('trims stray spaces from every form', () => {
    const termbase = parseTermbase('[{"preferred":" Kryvyi  Rih ","variants":[" Krivoy Rog "],"exceptions":[" Krivoy Rog Basin",""]}]', 'terms.json');
    expect(termbase.entries).toEqual([{ preferred: 'Kryvyi Rih', variants: ['Krivoy Rog'], exceptions: ['Krivoy Rog Basin'] }]);
  });

  it('names the entry without a preferred form', () => {
    const error = termbaseErrorOf(() => parseTermbase('{"entries":[{"preferred":"Kyiv","variants":["Kiev"]},{"variants":["Kharkov"]}]}', 'terms.json'));
    expect(error.message).toBe('Termbase terms.json, entry 2: the preferred form is missing.');
  });

  it('reads kind, language and disputed, and names the entry of a value it cannot take', () => {
    const termbase = parseTermbase('[{"preferred":"Zelenskyy","variants":["Zelensky"],"kind":"person","language":"en","disputed":true}]', 'terms.json');
    expect(termbase.entries).toEqual([{ preferred: 'Zelenskyy', variants: ['Zelensky'], exceptions: [], kind: 'person', language: 'en', disputed: true }]);
    expect(() => parseTermbase('[{"preferred":"Kyiv"},{"preferred":"Lviv","disputed":"perhaps"}]', 'terms.json')).toThrow('Termbase terms.json, entry 2: "disputed" must be true or false.');
    expect(() => parseTermbase('[{"preferred":"Kyiv","kind":3}]', 'terms.json')).toThrow('entry 1: "kind" must be a string.');
  });

  it('rejects invalid JSON', () => {
    expect(() => parseTermbase('{"entries": [', 'terms.json')).toThrow(/Termbase terms\.json: is not valid JSON/);
  });

  it('rejects an unknown field, which is usually a typo', () => {
    expect(() => parseTermbase('[{"preferred":"Kyiv","variant":["Kiev"]}]', 'terms.json')).toThrow('Termbase terms.json, entry 1: unknown field "variant"; the fields are preferred, variants, exceptions, note, kind, language, disputed, category.');
  });

  it('rejects variants that are not a list of strings', () => {
    expect(() => parseTermbase('[{"preferred":"Kyiv","variants":"Kiev"}]', 'terms.json')).toThrow('entry 1: "variants" must be a list of strings.');
  });

  it('rejects JSON without entries', () => {
    expect(() => parseTermbase('{"terms": []}', 'terms.json')).toThrow('expected {"entries": [...]} or an array of entries.');
    expect(() => parseTermbase('{"entries": []}', 'terms.json')).toThrow('the file has no entries.');
  });
});

describe('termbase validation', () => {
  it('rejects an empty file', () => {
    expect(() => parseTermbase('\uFEFF \n', 'terms.csv')).toThrow('Termbase terms.csv: the file is empty.');
  });

  it('rejects a file that cannot be read', () => {
    expect(() => loadTermbase(fixture('missing.csv'))).toThrow(/missing\.csv: cannot be read/);
  });

  it('rejects a variant equal to its preferred form', () => {
    expect(() => parseTermbase(`${HEADER}Kyiv,Kiev|kyiv,,,\n`, 'terms.csv')).toThrow('Termbase terms.csv, line 2: the variant "kyiv" is the preferred form itself.');
  });

  it('rejects a variant listed under two entries, naming both', () => {
    expect(() => parseTermbase(`${HEADER}Kyiv,Kiev,,,\nKyjiw,Kiev,,,\n`, 'terms.csv')).toThrow('Termbase terms.csv, line 3: the variant "Kiev" is also listed under "Kyiv" (line 2).');
  });

  it("rejects a variant that is another entry's preferred form", () => {
    expect(() =>
      createTermbase([
        { preferred: 'Kyiv', variants: ['Kiev'], exceptions: [] },
        { preferred: 'Kiev', variants: ['Kiew'], exceptions: [] },
      ]),
    ).toThrow('entry 1: the variant "Kiev" is the preferred form of entry 2.');
  });

  it('rejects a preferred form listed twice', () => {
    expect(() =>
      createTermbase([
        { preferred: 'Kyiv', variants: ['Kiev'], exceptions: [] },
        { preferred: 'kyiv', variants: ['Kiyv'], exceptions: [] },
      ]),
    ).toThrow('entry 2: "kyiv" is already the preferred form of entry 1.');
  });

  it('rejects a variant listed twice in one entry', () => {
    expect(() => createTermbase([{ preferred: 'Kyiv', variants: ['Kiev', 'KIEV'], exceptions: [] }])).toThrow('the variant "KIEV" is listed twice.');
  });

  it('rejects a variant that does not begin and end with a letter or digit', () => {
    expect(() => createTermbase([{ preferred: 'Kyiv', variants: ['Kiev.'], exceptions: [] }])).toThrow('the variant "Kiev." must begin and end with a letter or digit.');
  });

  it("rejects an exception that contains none of the entry's variants", () => {
    expect(() => createTermbase([{ preferred: 'Kyiv', variants: ['Kiev'], exceptions: ['Kievan Rus'] }])).toThrow('the exception "Kievan Rus" contains none of the variants of "Kyiv".');
  });

  it('rejects a preferred form that contains a variant, which a fix would never settle', () => {
    expect(() =>
      createTermbase([
        { preferred: 'Kryvyi Rih', variants: ['Krivoy Rog'], exceptions: [] },
        { preferred: 'Rih town', variants: ['Rih'], exceptions: [] },
      ]),
    ).toThrow('entry 1: the preferred form "Kryvyi Rih" contains the variant "Rih", so a fix would never settle.');
  });
});

describe('matching', () => {
  const termbase = createTermbase([
    { preferred: 'Kryvyi Rih', variants: ['Krivoy Rog'], exceptions: [] },
    { preferred: 'Kryvyi', variants: ['Krivoy'], exceptions: [] },
    { preferred: 'Kyiv', variants: ['Kiev'], exceptions: ['chicken Kiev', 'Kiev Rus'] },
    { preferred: 'per cent', variants: ['percent'], exceptions: [] },
  ]);

  it('prefers the longest variant and backs off to a shorter one', () => {
    expect(hits(termbase, 'Krivoy Rog, Krivoy Bay, Krivoy\u00a0Rog')).toEqual(['Krivoy Rog→Kryvyi Rih', 'Krivoy→Kryvyi', 'Krivoy\u00a0Rog→Kryvyi Rih']);
  });

  it('does not join words across a line break', () => {
    expect(hits(termbase, 'Krivoy\nRog')).toEqual(['Krivoy→Kryvyi']);
  });

  it('matches whole words only', () => {
    expect(hits(termbase, 'Kievan, Kiev2, Kiev_Post, XKiev, Kiev-based, Kiev’s')).toEqual(['Kiev→Kyiv', 'Kiev→Kyiv']);
  });

  it('skips a capitalised variant written in lower case, not a lower-case one written capitalised', () => {
    expect(hits(termbase, 'kiev Kiev KIEV percent Percent')).toEqual(['Kiev→Kyiv', 'KIEV→Kyiv', 'percent→per cent', 'Percent→per cent']);
  });

  it('skips variants inside an exception phrase, whatever its case or spacing', () => {
    expect(hits(termbase, 'CHICKEN KIEV, chicken\u00a0 Kiev, Kiev Rus, Kiev rose')).toEqual(['Kiev→Kyiv']);
  });

  it('looks up entries by any form, possessive or not', () => {
    expect(termbase.entryFor("Kiev's")?.preferred).toBe('Kyiv');
    expect(termbase.entryFor('KYIV')?.preferred).toBe('Kyiv');
    expect(termbase.entryFor('krivoy  rog')?.preferred).toBe('Kryvyi Rih');
    expect(termbase.entryFor('Lviv')).toBeUndefined();
    expect(withoutPossessive('Kharkiv’s')).toBe('Kharkiv');
  });

  it('compiles one global pattern that finds every variant', () => {
    expect(termbase.variantPattern.flags).toBe('giu');
    expect([...'Kiev and Krivoy Rog'.matchAll(termbase.variantPattern)].map((m) => m[0])).toEqual(['Kiev', 'Krivoy Rog']);
  });

  it('matches nothing with no variants', () => {
    expect(hits(createTermbase([{ preferred: 'Kyiv', variants: [], exceptions: [] }]), 'Kyiv Kiev')).toEqual([]);
  });
});

describe('the starter termbase', () => {
  const starter = loadTermbase(DEFAULT_TERMBASE_FILE);

  it('explains and classifies every entry', () => {
    for (const entry of starter.entries) {
      expect(entry.note, entry.preferred).toMatch(/\S/);
      expect(entry.kind, entry.preferred).toMatch(/^(place|person|organisation|other)$/);
      expect(entry.variants.length, entry.preferred).toBeGreaterThan(0);
    }
  });

  it('enforces what the style guides agree on', () => {
    const expected: Record<string, string> = {
      Kiev: 'Kyiv', Kharkov: 'Kharkiv', Odessa: 'Odesa', Zaporozhye: 'Zaporizhzhia', Zaporizhia: 'Zaporizhzhia',
      Lugansk: 'Luhansk', Energodar: 'Enerhodar', Donbass: 'Donbas', Chernigov: 'Chernihiv', 'Krivoy Rog': 'Kryvyi Rih',
      Lvov: 'Lviv', Rovno: 'Rivne', Vinnitsa: 'Vinnytsia', Ternopol: 'Ternopil', Severodonetsk: 'Sievierodonetsk',
    };
    for (const [variant, preferred] of Object.entries(expected)) expect(starter.entryFor(variant)?.preferred, variant).toBe(preferred);
  });

  it('leaves disputed names and English words alone', () => {
    for (const word of ['Zelensky', 'Zelenskiy', 'Zelenskyy', 'Chernobyl', 'Dnieper', 'Nikolaev', 'Luck', 'Vladimir', 'Romanov', 'Ukraine', 'Liman']) {
      expect(starter.entryFor(word), word).toBeUndefined();
    }
  });

  it('finds variants in time near-linear in the text', () => {
    const paragraph = 'Officials in Kyiv said the convoy left Kharkiv for Odesa on Monday, while Kiev denied it. ';
    const corpus = (copies: number) => ({ copies, text: paragraph.repeat(copies) });
    expect(starter.findVariants(corpus(100).text, tokenize(corpus(100).text))).toHaveLength(100);
    const growth = growthOf(2_000, corpus, ({ text }) => starter.findVariants(text, tokenize(text)));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('building a termbase', () => {
  it('costs about as much per term for thousands of terms with exceptions as for hundreds', () => {
    const terms = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ preferred: `Placename${i}ka`, variants: [`Plasename${i}ka`, `Placenam${i}a`], exceptions: [`Old Plasename${i}ka Road`] }));
    expect(hits(createTermbase(terms(3)), 'From Plasename2ka to Old Plasename1ka Road.')).toEqual(['Plasename2ka→Placename2ka']);
    expect(growthOf(500, terms, (entries) => createTermbase(entries))).toBeLessThan(GROWTH_LIMIT);
  });
});
