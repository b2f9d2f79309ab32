import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/checks/fixer.js';
import { passageDeletions } from '../../src/text/passage-deletions.js';
import { segment } from '../../src/text/segment.js';

/** The text after deleting the passages whose text is listed, all at once and each alone. */
function deleting(text: string, doomed: string[]): { together: string; alone: string[] } {
  const passages = segment(text);
  const indices = passages.filter((p) => doomed.includes(p.text)).map((p) => p.index);
  const ranges = [...passageDeletions(text, passages, indices).values()];
  const edits = ranges.map((r) => ({ ...r, text: '' }));
  const together = applyEdits(text, edits);
  expect(together.applied).toBe(edits.length);
  return { together: together.text, alone: edits.map((e) => applyEdits(text, [e]).text) };
}

describe('passageDeletions', () => {
  it('keeps the blank line when the block sat between blank lines', () => {
    expect(deleting('One.\n\nA\nB\n\nTwo.', ['A', 'B']).together).toBe('One.\n\nTwo.');
  });

  it('keeps the widest gap, wherever it is in the block', () => {
    expect(deleting('One.\nA\nB\n\nTwo.', ['A', 'B']).together).toBe('One.\n\nTwo.');
    expect(deleting('One.\nA\n\n\nB\nTwo.', ['A', 'B']).together).toBe('One.\n\n\nTwo.');
  });

  it('keeps a single line break when that is all there was', () => {
    expect(deleting('One.\nA\nTwo.', ['A']).together).toBe('One.\nTwo.');
  });

  it('leaves nothing above the first kept passage at the start', () => {
    expect(deleting('A\n\nB\n\nTitle\n\nBody.', ['A', 'B']).together).toBe('Title\n\nBody.');
  });

  it('leaves nothing below the last kept passage but the final line break', () => {
    expect(deleting('Body.\n\nA\nB\n', ['A', 'B']).together).toBe('Body.\n');
    expect(deleting('Body.\n\nA', ['A']).together).toBe('Body.');
  });

  it('keeps separate blocks apart', () => {
    expect(deleting('One.\n\nA\n\nTwo.\nB\n\nThree.', ['A', 'B']).together).toBe('One.\n\nTwo.\n\nThree.');
  });

  it('gives ranges that one at a time still leave whole lines', () => {
    expect(deleting('One.\n\nA\nB\n\nTwo.', ['A', 'B']).alone).toEqual(['One.\n\nB\n\nTwo.', 'One.\n\nA\nTwo.']);
  });

  it('keeps Windows line breaks and the next line’s indentation', () => {
    expect(deleting('One.\r\n\r\nA\r\n\r\n  Two.\r\n', ['A']).together).toBe('One.\r\n\r\n  Two.\r\n');
  });
});
