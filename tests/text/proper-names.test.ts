import { describe, expect, it } from 'vitest';
import { readProperNames, type NameMention, type ProperNames } from '../../src/text/proper-names.js';
import { segment } from '../../src/text/segment.js';

/** The candidates in text order. */
function candidates(found: ProperNames): NameMention[] {
  return found.spellings.flatMap((s) => s.mentions).sort((a, b) => a.start - b.start);
}

function names(text: string): (NameMention & { introducedFrom: number | undefined })[] {
  const found = readProperNames(text, segment(text));
  return candidates(found)
    .filter(found.isName)
    .map((m) => ({ ...m, introducedFrom: found.introducedFrom(m) }));
}

function spellings(text: string): string[] {
  return names(text).map((n) => n.spelling);
}

describe('readProperNames', () => {
  it('takes capitalised words inside a sentence, four letters or longer', () => {
    expect(spellings('The talks in Geneva with Rubio and the EU ended.')).toEqual(['Geneva', 'Rubio']);
  });

  it('leaves out ordinary words capitalised at a sentence start', () => {
    expect(spellings('These talks failed. However, the envoy stayed. Although late, he came.')).toEqual([]);
  });

  it('takes a sentence-initial word that is capitalised inside a sentence elsewhere', () => {
    expect(spellings('The officials met Kellogg on Monday. Kellogg said little. Officials said more.')).toEqual(['Kellogg', 'Monday', 'Kellogg']);
  });

  it('takes a sentence-initial word that is never written in lower case', () => {
    expect(spellings('Vitkoff said the talks went well.')).toEqual(['Vitkoff']);
  });

  it('leaves out a sentence-initial word written in lower case elsewhere', () => {
    expect(spellings('Residents fled. The residents of the town returned.')).toEqual([]);
  });

  it('treats a word after an opening quotation mark or a colon as a sentence start', () => {
    expect(spellings('He said: "Nothing will change," and the nothing that followed was long.')).toEqual([]);
  });

  it('treats every headline word as a sentence start', () => {
    const text = 'Talks With Zelenskyy Resume\n\nThe talks will resume, and the president will speak.';
    expect(spellings(text)).toEqual(['Zelenskyy']);
  });

  it('skips acronyms', () => {
    expect(spellings('The NATO summit and the OSCE mission met in Vienna.')).toEqual(['Vienna']);
  });

  it('keeps a possessive outside the span', () => {
    const text = "The plan was Witkoff's idea.";
    const [mention] = names(text);
    expect(mention?.spelling).toBe('Witkoff');
    expect(text.slice(mention!.start, mention!.end)).toBe('Witkoff');
  });

  it('notes a first name or title written just before a name', () => {
    const text = 'It was envoy Witkoff, then Steve Witkoff, then Mr. Witkoff, then Trump\'s Witkoff, then Moscow, Witkoff.';
    expect(names(text).map((n) => [n.spelling, n.introducedFrom === undefined ? undefined : text.slice(n.introducedFrom, n.end)])).toEqual([
      ['Witkoff', 'envoy Witkoff'],
      ['Steve', undefined],
      ['Witkoff', 'Steve Witkoff'],
      ['Witkoff', 'Mr. Witkoff'],
      ['Trump', undefined],
      ['Witkoff', undefined],
      ['Moscow', undefined],
      ['Witkoff', undefined],
    ]);
  });

  it('does not take a word from the previous sentence for a first name', () => {
    const text = 'He flew to Moscow. Witkoff said the talks went well.';
    expect(names(text).find((n) => n.spelling === 'Witkoff')?.introducedFrom).toBeUndefined();
  });

  it('does not take a weekday or an ordinary word for a first name', () => {
    const text = 'On Tuesday Witkoff arrived. In Witkoff’s view the talks went well.';
    expect(names(text).filter((n) => n.introducedFrom !== undefined)).toEqual([]);
  });

  it('offers uncertain sentence-start words as candidates, and settles them only when asked', () => {
    const text = 'Residents fled. The residents of the town returned. These days, Witkoff said, are hard.';
    const found = readProperNames(text, segment(text));
    expect(candidates(found).map((m) => [m.spelling, found.isName(m)])).toEqual([
      ['Residents', false],
      ['Witkoff', true],
    ]);
  });

  it('settles many uncertain sentence-start words alike, however many are asked about', () => {
    const text =
      'Residents fled. Farmers stayed. Engineers left. Doctors worked. Teachers waited. Kramarenko spoke. Drivers honked. ' +
      'The residents, farmers, engineers, doctors, teachers and drivers were tired.';
    const found = readProperNames(text, segment(text));
    expect(candidates(found).map((m) => [m.spelling, found.isName(m)])).toEqual([
      ['Residents', false],
      ['Farmers', false],
      ['Engineers', false],
      ['Doctors', false],
      ['Teachers', false],
      ['Kramarenko', true],
      ['Drivers', false],
    ]);
  });

  it('notes the name after a word, as a surname follows a first name', () => {
    const text = "Later Mikhail Podolyak and Zelensky's aide spoke.";
    expect(names(text).map((n) => [n.spelling, n.nameAfter])).toEqual([
      ['Mikhail', 'Podolyak'],
      ['Podolyak', undefined],
      ['Zelensky', undefined],
    ]);
  });
});
