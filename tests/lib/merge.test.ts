import { describe, expect, it } from 'vitest';
import { mergeWords } from '../../src/lib/diff/index.js';
import { growthOf, GROWTH_LIMIT } from '../helpers/growth.js';

const BASE = 'The convoy left Odessa on Monday with 12 trucks of grain.';

describe('mergeWords: a three-way merge word by word', () => {
  it.each([
    ['disjoint words: both changes kept', 'The convoy left Odesa on Monday with 12 trucks of grain.', 'The convoy left Odessa on Tuesday with 12 trucks of grain.', 'The convoy left Odesa on Tuesday with 12 trucks of grain.'],
    ['neighbouring words with a space between them: both kept', 'The convoy left Odesa on Monday with 12 trucks of grain.', 'The convoy left Odessa yesterday Monday with 12 trucks of grain.', 'The convoy left Odesa yesterday Monday with 12 trucks of grain.'],
    ['an insertion and a deletion far apart: both kept', 'The long convoy left Odessa on Monday with 12 trucks of grain.', 'The convoy left Odessa on Monday with 12 trucks.', 'The long convoy left Odessa on Monday with 12 trucks.'],
    ['the same change on both sides: taken once', 'The convoy left Odesa on Monday with 12 trucks of grain.', 'The convoy left Odesa on Monday with 12 trucks of grain.', 'The convoy left Odesa on Monday with 12 trucks of grain.'],
    ['the same change plus one of yours: both', 'The convoy left Odesa on Monday with 12 trucks of grain.', 'The convoy left Odesa on Monday with twelve trucks of grain.', 'The convoy left Odesa on Monday with twelve trucks of grain.'],
    ['only theirs changed: theirs', 'The convoy left Odesa on Monday with 12 trucks of grain.', BASE, 'The convoy left Odesa on Monday with 12 trucks of grain.'],
    ['only yours changed: yours', BASE, 'The convoy left Odessa on Monday with 14 trucks of grain.', 'The convoy left Odessa on Monday with 14 trucks of grain.'],
  ])('%s', (_case, theirs, yours, merged) => {
    expect(mergeWords(BASE, theirs, yours)).toBe(merged);
    // Which side is "theirs" does not change the result.
    expect(mergeWords(BASE, yours, theirs)).toBe(merged);
  });

  it.each([
    ['one word changed two ways', 'The convoy left Odesa on Monday with 12 trucks of grain.', 'The convoy left Odeska on Monday with 12 trucks of grain.'],
    ['overlapping ranges: two words changed, one of them changed also by the other side', 'The convoy left Odessa on Monday with twelve lorries of grain.', 'The convoy left Odessa on Monday with 12 wagons of grain.'],
    ['adjacent tokens: a word and the full stop after it', 'The convoy left Odessa on Monday with 12 trucks of wheat.', 'The convoy left Odessa on Monday with 12 trucks of grain!'],
    ['two insertions at one place', 'The convoy left Odessa on Monday with 12 trucks of grain, officials said.', 'The convoy left Odessa on Monday with 12 trucks of grain, the ministry said.'],
    ['a deletion around their change', 'The convoy left Odesa on Monday.', 'The convoy left.'],
  ])('refuses to merge %s', (_case, theirs, yours) => {
    expect(mergeWords(BASE, theirs, yours)).toBeUndefined();
    expect(mergeWords(BASE, yours, theirs)).toBeUndefined();
  });

  it('merges long passages with many scattered changes on each side', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const base = words.join(' ');
    const theirs = words.map((w, i) => (i % 10 === 0 ? w.toUpperCase() : w)).join(' ');
    const yours = words.map((w, i) => (i % 10 === 5 ? `${w}x` : w)).join(' ');
    const expected = words.map((w, i) => (i % 10 === 0 ? w.toUpperCase() : i % 10 === 5 ? `${w}x` : w)).join(' ');
    expect(mergeWords(base, theirs, yours)).toBe(expected);
  });

  it('costs near-linear time in the passage length, changes scattered on both sides or everything changed', () => {
    const sides = (n: number, changed: (i: number, n: number) => boolean) => {
      const words = Array.from({ length: n }, (_, i) => `w${i}`);
      return { base: words.join(' '), theirs: words.map((w, i) => (changed(i, n) && i % 2 === 0 ? `${w}t` : w)).join(' '), yours: words.map((w, i) => (changed(i, n) && i % 2 === 1 ? `${w}y` : w)).join(' ') };
    };
    const merge = ({ base, theirs, yours }: ReturnType<typeof sides>) => mergeWords(base, theirs, yours);
    // Twenty pairs of neighbouring words changed, one word by each side, at any length: all merged.
    const scattered = (i: number, n: number) => i % (n / 20) < 2;
    expect(mergeWords(...(Object.values(sides(8_000, scattered)) as [string, string, string]))).toContain('w7600t w7601y');
    expect(growthOf(2_000, (n) => sides(n, scattered), merge)).toBeLessThan(GROWTH_LIMIT);
    // Past the edit bound the diff gives up, and so does the merge: a person merges.
    expect(growthOf(2_000, (n) => sides(n, () => true), merge)).toBeLessThan(GROWTH_LIMIT);
  });
});
