import { describe, expect, it } from 'vitest';
import { segment, splitLines, splitSentences } from '../../src/text/segment.js';
import { growthOf, GROWTH_LIMIT } from '../helpers/growth.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    ['Talks ended. Then they left.', ['Talks ended.', 'Then they left.']],
    ['Is it over?! "Yes," he said.', ['Is it over?!', '"Yes," he said.']],
    ['He waited… 2 hours later he left.', ['He waited…', '2 hours later he left.']],
    ['They met (in Lviv.) Then talks.', ['They met (in Lviv.)', 'Then talks.']],
    ['Mr. Smith met Dr. Jones in St. Petersburg.', ['Mr. Smith met Dr. Jones in St. Petersburg.']],
    ['U.S. officials and J. Smith spoke. Next.', ['U.S. officials and J. Smith spoke.', 'Next.']],
    ['It rose to 5.5 percent. a lower-case start stays.', ['It rose to 5.5 percent. a lower-case start stays.']],
    ['Wait..... What now?', ['Wait.....', 'What now?']],
    ['Wait..... and then', ['Wait..... and then']],
    ['Done.   “Next” comes.', ['Done.', '“Next” comes.']],
  ])('%s', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('keeps its offsets in the text it was given a part of', () => {
    expect(splitSentences('One. Two.', 10)).toEqual([
      { start: 10, end: 14 },
      { start: 15, end: 19 },
    ]);
  });

});

describe('segment', () => {
  // A wall of marks that no capital follows, as machine translation leaves them: a backtracking
  // pattern retried every mark of the run (4,000 marks took 30 ms, 16,000 took 470 ms).
  it.each([
    ['full stops', '.'],
    ['question and exclamation marks', '?!'],
    ['ellipses', '…'],
  ])('costs near-linear time on a wall of %s', (_, mark) => {
    const growth = growthOf(50_000, (n) => `Talks ended${mark.repeat(n / mark.length)} and resumed`, (text) => segment(text));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('splitLines', () => {
  it('trims spaces off its lines but keeps a byte order mark, an invisible character to fix in its passage', () => {
    const text = 'One.\n\u00a0 \ufeffTwo. \t\n \n';
    expect(splitLines(text)).toEqual([{ start: 0, end: 4, text: 'One.' }, { start: 7, end: 12, text: '\ufeffTwo.' }]);
  });

  it('costs near-linear time on lines of spaces', () => {
    const growth = growthOf(50_000, (n) => `Talks${' '.repeat(n)}ended\n${' '.repeat(n)}\n`, (text) => splitLines(text));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});
