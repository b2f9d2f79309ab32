import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { applyArticleEdits, carryOver, correctedArticle, MAX_PASSAGE_CHARS, refuseLongPassages, splitPassages } from '../../src/services/passage-layout.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const text = 'Headline\n\nFirst paragraph.\n99 views\nSecond paragraph.\n';

describe('passage layout', () => {
  it('splits the AI text into passages with the gaps between them and rebuilds it', () => {
    const passages = splitPassages(text, null);
    expect(passages.map((p) => [p.gapBefore, p.aiText])).toEqual([
      ['', 'Headline'],
      ['\n\n', 'First paragraph.'],
      ['\n', '99 views'],
      ['\n', 'Second paragraph.'],
    ]);
    expect(correctedArticle(passages).text).toBe(text.trimEnd());
  });

  it('maps an edit inside a passage, a whole-passage deletion and an edit across passages', () => {
    const passages = splitPassages(text, null);
    const { text: article } = correctedArticle(passages);
    const views = article.indexOf('99 views');
    const changed = applyArticleEdits(passages, [
      { start: 0, end: 4, text: 'Top' },
      { start: views, end: views + '99 views\n'.length, text: '' },
    ]);
    expect(changed).toEqual(new Map([[0, 'Topline'], [2, '']]));

    const across = applyArticleEdits(passages, [{ start: article.indexOf('paragraph.'), end: article.indexOf('Second') + 6, text: 'one.' }]);
    expect(across).toEqual(new Map([[1, 'First one.'], [2, ''], [3, 'paragraph.']]));
  });

  it('leaves out deleted passages and keeps the gap of the next kept one', () => {
    const passages = splitPassages(text, null).map((p) => (p.idx === 2 ? { ...p, correctedText: '' } : p));
    expect(correctedArticle(passages).text).toBe('Headline\n\nFirst paragraph.\nSecond paragraph.');
  });
});

describe('passage layout cost', () => {
  const article = (lines: number) => Array.from({ length: lines }, (_, i) => `Line ${i} of the report from Kiev.`).join('\n');
  const stored = (text: string) => splitPassages(text, null).map((p) => ({ ...p, approvedText: p.correctedText, version: 1, needsReview: false }));

  it('maps an edit of every passage (one spelling everywhere) in time near-linear in the article', () => {
    const make = (lines: number) => {
      const passages = splitPassages(article(lines), null);
      const { text } = correctedArticle(passages);
      const edits = [...text.matchAll(/Kiev/g)].map((m) => ({ start: m.index, end: m.index + 4, text: 'Kyiv' }));
      return { passages, edits };
    };
    // Sizes past the processor caches: below them, growth looks worse than it is.
    const growth = growthOf(8000, make, ({ passages, edits }) => applyArticleEdits(passages, edits));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('joins a run of deleted passages after a long gap in time near-linear in the article', () => {
    // Each deleted passage's gap is weighed against the widest so far, whose line breaks are counted once.
    const make = (lines: number) => {
      const text = `Kept.${'\n'.repeat(lines)}${'Deleted.\n'.repeat(lines)}Kept again.`;
      return splitPassages(text, null).map((p) => (p.aiText === 'Deleted.' ? { ...p, correctedText: '' } : p));
    };
    const growth = growthOf(20_000, make, (passages) => correctedArticle(passages));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('carries corrections over a re-import that changes every passage in time near-linear in the article', () => {
    const make = (lines: number) => ({ old: stored(article(lines)), fresh: splitPassages(article(lines).replace(/Line/g, 'Row'), null) });
    const growth = growthOf(2000, make, ({ old, fresh }) => carryOver(old, fresh));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('still pairs the passages of a rewritten article in order, past the diff’s limit', () => {
    const old = stored(article(2000));
    old[5] = { ...old[5]!, correctedText: 'Line 5 of the report from Kyiv.', version: 2 };
    const { passages, newIndex } = carryOver(old, splitPassages(article(2000).replace(/Line/g, 'Row'), null));
    expect(passages).toHaveLength(2000);
    expect(newIndex[5]).toBe(5);
    expect(passages[5]).toMatchObject({ aiText: 'Row 5 of the report from Kiev.', correctedText: 'Line 5 of the report from Kyiv.', needsReview: true, version: 3 });
    expect(passages[6]).toMatchObject({ correctedText: 'Row 6 of the report from Kiev.', needsReview: false });
  });
});

/** `n` characters of a translation stuck in a loop: "the the the …". */
const looped = (n: number) => 'the '.repeat(Math.ceil(n / 4)).slice(0, n);

describe('the passage length limit', () => {
  const accepted: [string, string][] = [
    ['a passage of exactly the limit', looped(MAX_PASSAGE_CHARS)],
    ['a line over the limit only by the spaces around it', `   ${looped(MAX_PASSAGE_CHARS)}\t  `],
    ['many passages that add up far past it', Array.from({ length: 10 }, () => looped(MAX_PASSAGE_CHARS)).join('\n')],
  ];
  for (const [name, text] of accepted) {
    it(`takes ${name}`, () => {
      expect(() => refuseLongPassages(text, 'the text')).not.toThrow();
    });
  }

  const refused: [string, string, string][] = [
    ['a looped passage one character over', `Headline\n\n${looped(MAX_PASSAGE_CHARS + 1)}`, 'Line 3 of the text has 20,001 characters; a passage has at most 20,000.'],
    ['a wall of punctuation', `${'!?'.repeat(15_000)}\n`, 'Line 1 of the text has 30,000 characters; a passage has at most 20,000.'],
    ['a long line after Windows line endings', `Headline\r\n\r\n${'. '.repeat(12_000)}end`, 'Line 3 of the text has 24,003 characters; a passage has at most 20,000.'],
  ];
  for (const [name, text, message] of refused) {
    it(`refuses ${name}, naming its line and the limit`, () => {
      expect(() => refuseLongPassages(text, 'the text')).toThrow(ValidationError);
      expect(() => refuseLongPassages(text, 'the text')).toThrow(message);
    });
  }

  it('costs near-linear time in the text, even in lines of one word', () => {
    // Lines of one word are the costly shape, a string each: 50,000 of them take some milliseconds.
    const words = (size: number) => 'the\n'.repeat(size / 4);
    expect(growthOf(200_000, words, (text) => refuseLongPassages(text, 'the text'))).toBeLessThan(GROWTH_LIMIT);
  });
});
