import { describe, expect, it } from 'vitest';
import { findNumbers, formatNumber, numberConventions, numberToWords, readNumber, spelledNumbers } from '../../src/text/numbers.js';
import { growthOf, GROWTH_LIMIT } from '../helpers/growth.js';

describe('numberConventions', () => {
  it('takes separators from Intl', () => {
    expect(numberConventions('en')).toMatchObject({ group: ',', decimal: '.', spaceGroups: false, languageName: 'English' });
    expect(numberConventions('de')).toMatchObject({ group: '.', decimal: ',', spaceGroups: false, languageName: 'German' });
    expect(numberConventions('fr')).toMatchObject({ group: '\u202f', decimal: ',', spaceGroups: true });
    expect(numberConventions('uk')).toMatchObject({ decimal: ',', spaceGroups: true });
  });

  it('falls back to English for a tag Intl rejects', () => {
    expect(numberConventions('not a tag!')).toMatchObject({ locale: 'en', group: ',', decimal: '.' });
  });
});

describe('readNumber', () => {
  it.each([
    ['1.250.000', 'de', 1250000],
    ['1.250.000', 'en', undefined],
    ['1,250,000', 'en', 1250000],
    ['99,5', 'hr', 99.5],
    ['99,5', 'en', undefined],
    ['700 000', 'ru', 700000],
    ['700\u202f000', 'fr', 700000],
    ['1.234,5', 'de', 1234.5],
    ['4.125', 'en', 4.125],
    ['4.125', 'de', 4125],
    ['0.500', 'de', undefined],
    ['12,34,567', 'en', undefined],
    ['1,2,3', 'en', undefined],
    ['abc', 'en', undefined],
  ])('%s in %s', (raw, lang, value) => {
    expect(readNumber(raw, lang)).toBe(value);
  });
});

describe('findNumbers', () => {
  const kinds = (text: string, lang = 'en') => findNumbers(text, 0, lang).map((n) => `${n.text}:${n.kind}`);

  it('keeps separators and shifts offsets', () => {
    const [token] = findNumbers('about 1.250.000 people', 100, 'en');
    expect(token).toMatchObject({ start: 106, end: 115, text: '1.250.000', runs: ['1', '250', '000'], separators: ['.', '.'] });
    expect(token!.readings).toEqual({ ',': 1250000 });
  });

  it('reads both ways where both are possible', () => {
    expect(findNumbers('700.000', 0, 'en')[0]!.readings).toEqual({ '.': 700, ',': 700000 });
  });

  it('tells dates, times, codes and lists from quantities', () => {
    expect(kinds('on 25.11.2026 and 25.11. at 14.30 Uhr')).toEqual(['25.11.2026:date', '25.11:date', '14.30:time']);
    expect(kinds('iOS 17.4.1, version 2.100, Article 3.2, host 10.100.100.100')).toEqual(['17.4.1:code', '2.100:code', '3.2:code', '10.100.100.100:code']);
    expect(kinds('points 1,2,3, points 1,2 and 3, in 2022,2023')).toEqual(['1,2,3:list', '1,2:list', '3:quantity', '2022,2023:list']);
    expect(kinds('between 1,5 and 2 percent')).toEqual(['1,5:quantity', '2:quantity']);
    expect(kinds('Industrie 4.0 and 4.0 percent')).toEqual(['4.0:code', '4.0:quantity']);
  });

  it('skips numbers glued to words and inside URLs or e-mail addresses', () => {
    expect(kinds('v2.0, A320, https://example.com/a/1.000, www.example.ua/7, desk55@example.com, COVID-19')).toEqual(['19:quantity']);
  });

  it('joins plain-space groups only where the locale groups with spaces', () => {
    expect(kinds('700 000 people', 'ru')).toEqual(['700 000:quantity']);
    expect(kinds('700 000 people', 'en')).toEqual(['700:quantity', '000:quantity']);
    expect(kinds('700\u00a0000 people', 'en')).toEqual(['700\u00a0000:quantity']);
    expect(kinds('в 2022 150 человек', 'ru')).toEqual(['2022:quantity', '150:quantity']);
  });

  it('records glued letters and scale words of the language', () => {
    const text = '100km, 5bn, 1,5 млн і 600 тисяч';
    const [km, bn, mln, thousand] = findNumbers(text, 0, 'uk');
    expect(km).toMatchObject({ text: '100', suffix: 'km' });
    expect(bn!.scale).toBeUndefined();
    expect(mln!.scale?.value).toBe(1e6);
    expect(thousand!.scale).toEqual({ value: 1e3, end: text.length });
    expect(findNumbers('5bn', 0, 'en')[0]!.scale?.value).toBe(1e9);
    // German "Billion" is 10^12
    expect(findNumbers('2 Billionen', 0, 'de')[0]!.scale?.value).toBe(1e12);
  });
});

describe('spelledNumbers', () => {
  const values = (text: string) => spelledNumbers(text).map((n) => [text.slice(n.start, n.end), n.value]);

  it('reads English number words', () => {
    expect(values('ten percent, twenty-five, one hundred and five, a million, two million people')).toEqual([
      ['ten', 10],
      ['twenty-five', 25],
      ['one hundred and five', 105],
      ['a million', 1e6],
      ['two million', 2e6],
    ]);
  });

  it('splits words that do not make one number, and reads ordinals and halves', () => {
    expect(values('one and two, the third day, half, one and a half')).toEqual([
      ['one', 1],
      ['two', 2],
      ['third', 3],
      ['half', 0.5],
      ['one and a half', 1.5],
    ]);
  });

  it('shifts offsets', () => {
    expect(spelledNumbers('Twelve were hurt', 40)).toEqual([{ start: 40, end: 46, value: 12 }]);
  });
});

describe('numberToWords and formatNumber', () => {
  it('spells numbers for labels', () => {
    expect(numberToWords(4125)).toBe('four thousand one hundred twenty-five');
    expect(numberToWords(4.125)).toBe('four point one two five');
    expect(numberToWords(1_250_000)).toBe('one million two hundred fifty thousand');
  });

  it('formats in the locale, grouping large numbers only', () => {
    expect(formatNumber(700000, 'en')).toBe('700,000');
    expect(formatNumber(2021, 'en')).toBe('2021');
    expect(formatNumber(1.5, 'de')).toBe('1,5');
    expect(formatNumber(1500, 'de', true)).toBe('1.500');
  });
});

describe('findNumbers growth', () => {
  // Scraped paths and glued text: every number looked for the ends of its chunk from scratch.
  it('costs near-linear time on a long line without spaces', () => {
    const growth = growthOf(2_000, (n) => 'Kiev/1.000/Witkoff/1,5-'.repeat(n), (text) => findNumbers(text, 0, 'en'));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('costs near-linear time on thousands of numbers', () => {
    const growth = growthOf(2_000, (n) => Array.from({ length: n }, (_, i) => `${i + 1}.000 ${i + 1},5`).join(' '), (text) => findNumbers(text, 0, 'en'));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});
