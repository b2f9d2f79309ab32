import { describe, expect, it } from 'vitest';
import { addNameKeys, isNearVariant, nameKey, nameKeys, relatedKeys } from '../../src/text/name-key.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

/** Whether two spellings share a key or have keys one romanisation slip apart. */
function sameName(a: string, b: string): boolean {
  const keysOfB = nameKeys(b);
  return nameKeys(a).some((x) => keysOfB.some((y) => x === y || isNearVariant(x, y)));
}

describe('nameKeys', () => {
  it.each([
    ['Witkoff', 'Vitkoff'],
    ['Zelensky', 'Zelenskyy'],
    ['Zelensky', 'Zelenskiy'],
    ['Zelensky', 'Zelenskyi'],
    ['Zelensky', 'Zelenskyj'],
    ['Zelensky', 'Zełenski'],
    ['Zelensky', 'Zelenski'],
    ['Zaporizhzhia', 'Zaporizhia'],
    ['Kharkiv', 'Charkiw'],
    ['Kellogg', 'Kellog'],
    ['Odesa', 'Odessa'],
    ['Orban', 'Orbán'],
    ['Vucic', 'Vučić'],
    ['Chornobyl', 'Čornobyl'],
    ['Yanukovych', 'Janukowytsch'],
    ['Yanukovych', 'Janukowycz'],
    ['Klitschko', 'Klychko'],
    ['Klitschko', 'Klitchko'],
    ['Shcherbakov', 'Szczerbakow'],
    ['Shcherbakov', 'Schtscherbakow'],
    ['Lubinets', 'Lubinetz'],
    ['Merz', 'Mertz'],
    ['Andriy', 'Andrii'],
    ['Andriy', 'Andrij'],
    ['Mykolaiv', 'Mykolayiv'],
    ['Yulia', 'Yuliya'],
    ['Kyiv', 'Kyjiw'],
    ['Bakhmut', 'Bachmut'],
    ['Oleksandr', 'Olexandr'],
    ['Kukharenko', 'Koukharenko'],
    ['Ilich', "Il'ich"],
  ])('gives %s and %s one key', (a, b) => {
    expect(nameKeys(a).some((k) => nameKeys(b).includes(k))).toBe(true);
  });

  it('keeps both readings of a written "ch"', () => {
    expect(nameKeys('Charkiw')).toEqual(['чarkiv', 'хarkiv']);
    expect(nameKeys('Kharkiv')).toEqual(['хarkiv']);
    expect(nameKeys('Chernihiv')).toContain(nameKeys('Tschernihiw')[0]);
  });

  it('keys a háček letter both as the English digraph and with the mark dropped', () => {
    expect(nameKeys('Vučić')).toEqual(['vuчic', 'vucic']);
  });

  it('keeps doubled vowels, which make other names', () => {
    expect(nameKeys('Cameroon')).not.toEqual(nameKeys('Cameron'));
  });

  it('gives a readable key in Latin letters', () => {
    expect(nameKey('Witkoff')).toBe('vitkof');
    expect(nameKey('Kharkiv')).toBe('kharkiv');
    expect(nameKey('Zaporozhye')).toBe('zaporozia');
  });
});

describe('isNearVariant', () => {
  it.each([
    ['Zaporizhia', 'Zaporozhye'],
    ['Kharkiv', 'Kharkov'],
    ['Kharkiv', 'Charków'],
    ['Chornobyl', 'Chernobyl'],
    ['Selenskyj', 'Zelensky'],
    ['Luhansk', 'Lugansk'],
    ['Bakhmut', 'Bahmut'],
    ['Sybiha', 'Sibiga'],
    ['Oleksandr', 'Oleksander'],
    ['Vinnytsia', 'Vinnitsa'],
    ['Marcus', 'Markus'],
    ['Hrynchuk', 'Grinchuk'],
    ['Hlukhiv', 'Glukhiv'],
  ])('joins %s and %s', (a, b) => {
    expect(sameName(a, b)).toBe(true);
  });

  it.each([
    ['Ivanov', 'Ivanova'],
    ['Petrov', 'Petrova'],
    ['Zelensky', 'Zelenska'],
    ['Markov', 'Marko'],
    ['Russia', 'Russian'],
    ['Russia', 'Prussia'],
    ['Ukraine', 'Ukrainian'],
    ['Karlov', 'Karpov'],
    ['Ireland', 'Iceland'],
    ['Marina', 'Mariana'],
    ['Slovakia', 'Slovenia'],
    ['Austria', 'Australia'],
    ['Peskov', 'Petrov'],
    ['Iran', 'Iraq'],
    ['Kyiv', 'Kiev'],
    ['German', 'Herman'],
    ['Garrison', 'Harrison'],
    ['Chester', 'Hester'],
    ['Walton', 'Wilton'],
    ['Sweden', 'Swedes'],
    ['Though', 'Through'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it('needs six letters for a fuzzy match', () => {
    expect(isNearVariant('kiev', 'kiiv')).toBe(false);
    expect(isNearVariant('lviv', 'lvov')).toBe(false);
  });
});

describe('addNameKeys', () => {
  it('adds the keys of one spelling after those already there, without repeating its own', () => {
    const keys = ['vucic'];
    expect(addNameKeys('Vučić', keys)).toBe(2);
    expect(keys).toEqual(['vucic', 'vuчic', 'vucic']);
    expect(addNameKeys('Kharkiv', keys)).toBe(1);
    expect(addNameKeys('Charkiw', keys)).toBe(2);
    expect(keys.slice(3)).toEqual(['хarkiv', 'чarkiv', 'хarkiv']);
  });

  it('reads ASCII capitals as lower case, like the keys of the lower-cased spelling', () => {
    for (const spelling of ['KHARKIV', 'SchTSCHerbakow', 'ZaporOZHYE', 'MERZ', 'ChernihiV']) {
      expect(nameKeys(spelling)).toEqual(nameKeys(spelling.toLowerCase()));
    }
  });
});

describe('relatedKeys', () => {
  it('finds the same near pairs as comparing every pair', () => {
    const keys = ['hrinчuk', 'grinчuk', 'herman', 'german', 'zaporizia', 'zaporozia', 'хarkiv', 'хarkov', 'selenski', 'zelenski', 'zelenska', 'ivanov', 'ivanova', 'karlov', 'karpov', 'oleksandr', 'oleksander', 'kelog'];
    const everyPair = keys.flatMap((a, i) => keys.slice(i + 1).filter((b) => isNearVariant(a, b)).map((b) => [a, b].sort().join('/')));
    // In either order: a shorter key may come before or after its variant with a letter more.
    for (const list of [keys, [...keys].reverse()]) {
      const found = relatedKeys(list).map(([a, b]) => [list[a]!, list[b]!].sort().join('/'));
      expect(found.sort()).toEqual(everyPair.sort());
      expect(found).toEqual(expect.arrayContaining(['zaporizia/zaporozia', 'хarkiv/хarkov', 'selenski/zelenski', 'oleksander/oleksandr']));
    }
  });

  it('pairs each repeat of a key with its first copy, and near keys by their first copies', () => {
    const keys = ['vitkof', 'kiev', 'selenski', 'kiev', 'vitkof', 'zelenski', 'kiev', 'selenski'];
    expect(relatedKeys(keys).sort(([a, b], [c, d]) => a - c || b - d)).toEqual([
      [0, 4],
      [1, 3],
      [1, 6],
      [2, 5],
      [2, 7],
    ]);
  });

  it('grows near-linearly with the keys, though they all share an initial and a length', () => {
    // Keys of one crowded bucket: "b", a letter, "e" or "i" (a pair of near variants), and five
    // more letters, the six counting in base 26.
    const keysOf = (count: number) =>
      Array.from({ length: count }, (_, i) => {
        let letters = '';
        for (let n = Math.floor(i / 2), k = 0; k < 6; k++, n = Math.floor(n / 26)) letters += String.fromCharCode(97 + (n % 26));
        return `b${letters[0]}${i % 2 === 0 ? 'e' : 'i'}${letters.slice(1)}`;
      });
    expect(relatedKeys(keysOf(4))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // A few thousand keys at most, which the processor's cache holds: past that, every look-up
    // in a table grows dearer.
    expect(growthOf(1000, keysOf, relatedKeys)).toBeLessThan(GROWTH_LIMIT);
  });
});
