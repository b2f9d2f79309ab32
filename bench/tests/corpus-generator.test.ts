import { describe, expect, it } from 'vitest';
import { CAPITAL, CITIES, FRONT_TOWNS, PEOPLE, REGIONS } from '../corpus-phrases.js';
import { addSlipCounts, emptySlipCounts, generateArticle, generateCorpus } from '../corpus-generator.js';
import { deriveSeed } from '../../tests/helpers/random.js';
import { segment } from '#dist/text/segment.js';

const SEED = 7;
const MEAN = 7000;
const corpus = generateCorpus({ seed: SEED, articles: 300, meanLength: MEAN });
const RUSSIAN_SPELLINGS = [CAPITAL, ...CITIES, ...FRONT_TOWNS, ...REGIONS].flatMap((p) => (p.russian ? [p.russian] : []));

describe('generateCorpus', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateCorpus({ seed: SEED, articles: 20, meanLength: MEAN });
    expect(again.map((a) => a.text)).toEqual(corpus.slice(0, 20).map((a) => a.text));
    const other = generateCorpus({ seed: SEED + 1, articles: 20, meanLength: MEAN });
    expect(other[0]!.text).not.toBe(corpus[0]!.text);
  });

  it('generates each article from the corpus seed and its index alone', () => {
    expect(generateArticle(deriveSeed(SEED, 42), MEAN)).toEqual(corpus[42]);
  });

  it('keeps the mean article length near the requested one, varying each', () => {
    const lengths = corpus.map((a) => a.text.length);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeGreaterThan(MEAN * 0.95);
    expect(mean).toBeLessThan(MEAN * 1.05);
    expect(Math.min(...lengths)).toBeLessThan(MEAN * 0.85);
    expect(Math.max(...lengths)).toBeGreaterThan(MEAN * 1.15);
  });

  it('fills every template slot', () => {
    for (const { text } of corpus) expect(text).not.toMatch(/[{}]/);
  });

  it('opens with a headline the segmenter recognises', () => {
    for (const { text } of corpus.slice(0, 50)) expect(segment(text)[0]!.isTitle).toBe(true);
  });

  it('injects every kind of slip somewhere, in a minority of articles', () => {
    const total = corpus.reduce((sum, a) => addSlipCounts(sum, a.slips), emptySlipCounts());
    for (const count of Object.values(total)) expect(count).toBeGreaterThan(0);
    const articlesWith = (pick: (a: (typeof corpus)[number]) => number): number => corpus.filter((a) => pick(a) > 0).length;
    expect(articlesWith((a) => a.slips.russianPlaceNames)).toBeLessThan(corpus.length / 2);
    expect(articlesWith((a) => a.slips.splitNames)).toBeLessThan(corpus.length / 2);
    expect(articlesWith((a) => a.slips.cyrillicParagraphs)).toBeLessThan(corpus.length / 5);
  });

  it('puts the counted slips into the text', () => {
    // Each kind is looked for in the articles counted as having it, which are never none.
    const having = (pick: (slips: (typeof corpus)[number]['slips']) => number) => {
      const texts = corpus.filter((a) => pick(a.slips) > 0).map((a) => a.text);
      expect(texts.length).toBeGreaterThan(0);
      return texts;
    };
    for (const text of having((s) => s.russianPlaceNames)) expect(RUSSIAN_SPELLINGS.some((s) => text.includes(s))).toBe(true);
    for (const text of having((s) => s.cyrillicParagraphs)) expect(text).toMatch(/[\u0400-\u04ff]{4}/);
    for (const text of having((s) => s.splitNames)) {
      const split = PEOPLE.some((p) => text.includes(p.surname) && p.variants.some((v) => new RegExp(`(?<!\\p{L})${v}(?!\\p{L})`, 'u').test(text)));
      expect(split).toBe(true);
    }
    for (const { text, slips } of corpus) {
      // Residue lines ("Share this article") may well recur; prose repeats only when injected.
      const paragraphs = text.trimEnd().split('\n\n').filter((p) => p.length > 40);
      expect(new Set(paragraphs).size < paragraphs.length).toBe(slips.repeatedParagraphs > 0);
    }
  });

  it('writes European number formats only where it counts them', () => {
    const european = /\b\d{1,3}(?:\.\d{3})+\b|\b\d+,\d percent\b/;
    const withoutEuropean = corpus.filter(({ slips }) => slips.europeanNumbers === 0);
    expect(withoutEuropean.length).toBeGreaterThan(0);
    for (const { text } of withoutEuropean) expect(text).not.toMatch(european);
    expect(corpus.some(({ text }) => european.test(text))).toBe(true);
  });
});
