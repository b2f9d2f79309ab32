import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/checks/fixer.js';
import { correctedArticle, splitPassages } from '../../src/services/passage-layout.js';
import { passageDeletions } from '../../src/text/passage-deletions.js';
import { segment } from '../../src/text/segment.js';

/** The text after deleting the passages whose text is listed, all at once and each alone, as the command line's fixes do. */
function deleting(text: string, doomed: string[]): { together: string; alone: string[] } {
  const passages = segment(text);
  const indices = passages.filter((p) => doomed.includes(p.text)).map((p) => p.index);
  const ranges = [...passageDeletions(text, passages, indices).values()];
  const edits = ranges.map((r) => ({ ...r, text: '' }));
  const together = applyEdits(text, edits);
  expect(together.applied).toBe(edits.length);
  return { together: together.text, alone: edits.map((e) => applyEdits(text, [e]).text) };
}

/** The web app's export of the text with the listed passages deleted (services/articles.ts correctedText). */
function exported(text: string, doomed: string[]): string {
  const passages = splitPassages(text, null).map((p) => (doomed.includes(p.aiText) ? { ...p, correctedText: '' } : p));
  return `${correctedArticle(passages).text}\n`;
}

describe('the gaps of deleted passages, in the command line\'s fixes and in the web app\'s export', () => {
  // [case, AI text, passages deleted, the text after]
  it.each([
    ['a blank line before, a single break after (issue 10, bug 3)', 'Paragraph.\n\n4821 views 3 comment(s)\nA caption.\n', ['4821 views 3 comment(s)'], 'Paragraph.\n\nA caption.\n'],
    ['a single break before, a blank line after', 'Paragraph.\n4821 views\n\nNext.\n', ['4821 views'], 'Paragraph.\n\nNext.\n'],
    ['single breaks on both sides', 'One.\nA\nTwo.\n', ['A'], 'One.\nTwo.\n'],
    ['blank lines on both sides', 'One.\n\nA\n\nTwo.\n', ['A'], 'One.\n\nTwo.\n'],
    ['two blank lines beat one', 'One.\n\nA\n\n\nTwo.\n', ['A'], 'One.\n\n\nTwo.\n'],
    ['a blank line of spaces counts as a blank line', 'One.\n  \nA\nTwo.\n', ['A'], 'One.\n  \nTwo.\n'],
    ['on a tie the next passage keeps its own gap and indentation', 'One.\n\nA\n\n  Two.\n', ['A'], 'One.\n\n  Two.\n'],
    ['trailing spaces go with the narrower gap', 'One.  \nA\n\nTwo.\n', ['A'], 'One.\n\nTwo.\n'],
    ['consecutive: the widest gap inside the block wins', 'One.\nA\n\n\nB\nTwo.\n', ['A', 'B'], 'One.\n\n\nTwo.\n'],
    ['consecutive: a blank line before the block', 'One.\n\nA\nB\nTwo.\n', ['A', 'B'], 'One.\n\nTwo.\n'],
    ['consecutive: a blank line after the block', 'One.\nA\nB\n\nTwo.\n', ['A', 'B'], 'One.\n\nTwo.\n'],
    ['separate blocks each keep their own widest gap', 'One.\n\nA\n\nTwo.\nB\n\nThree.\n', ['A', 'B'], 'One.\n\nTwo.\n\nThree.\n'],
    ['at the start nothing is left above the first kept passage', 'A\n\nB\nTitle\n\nBody.\n', ['A', 'B'], 'Title\n\nBody.\n'],
    ['at the end nothing is left below the last kept passage but the final line break', 'Body.\n\nA\nB\n', ['A', 'B'], 'Body.\n'],
    ['at the end, blank lines after the deleted passage go too', 'Body.\nA\n\n\n', ['A'], 'Body.\n'],
    ['everything deleted', 'A\n\nB\n', ['A', 'B'], '\n'],
  ])('%s', (_case, text, doomed, after) => {
    expect(deleting(text, doomed).together).toBe(after);
    expect(exported(text, doomed)).toBe(after);
  });

  it('gives ranges that one at a time still leave whole lines', () => {
    expect(deleting('One.\n\nA\nB\n\nTwo.', ['A', 'B']).alone).toEqual(['One.\nB\n\nTwo.', 'One.\n\nA\n\nTwo.']);
  });

  it('keeps Windows line breaks and the next line’s indentation', () => {
    expect(deleting('One.\r\n\r\nA\r\n\r\n  Two.\r\n', ['A']).together).toBe('One.\r\n\r\n  Two.\r\n');
  });
});
